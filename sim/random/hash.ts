/**
 * Counter-based random numbers for the hot loop.
 *
 * A uniform draw is a pure function of (stream key, agent index): no generator state, so any agent can be
 * drawn by any worker in any order and the result is the same. Stream keys encode (seed, replicate, step,
 * purpose) and are derived once per step by `streamKey`, outside the loop.
 *
 * The mixing function is MurmurHash3's 32-bit body for one word followed by its finaliser (fmix32), which
 * has full avalanche: every input bit flips each output bit with probability close to 1/2.
 */

// MurmurHash3's constants are written as literals in the functions below, not as module constants: the command line
// is bundled (cli/bundle.ts), and a bundler turns a module's top-level `const` into `var`, which V8 cannot fold into
// the arithmetic of the inlined hash. As constants, the bundled fast path was about a tenth slower (bench/HISTORY.md).

/** The finaliser of MurmurHash3: a bijection on 32-bit integers with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3 (x86, 32-bit) of the single 32-bit word `word`, seeded with `key`. */
export function hash32(key: number, word: number): number {
  return hashMixed(key, mixWord(word));
}

/** The part of hash32 that depends on the word alone, so an agent drawing on several streams computes it once. */
export function mixWord(word: number): number {
  const k = Math.imul(word, 0xcc9e2d51);
  return Math.imul((k << 15) | (k >>> 17), 0x1b873593);
}

/** hash32(key, word), given mixWord(word). */
export function hashMixed(key: number, mixed: number): number {
  let h = key ^ mixed;
  h = (h << 13) | (h >>> 19);
  h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  h ^= 4;
  return fmix32(h);
}

/** A uniform draw in [0, 1) with 32 bits of resolution for agent `agent` on stream `key`. */
export function uniform(key: number, agent: number): number {
  return hash32(key, agent) / 4294967296;
}

/** uniform(key, agent), given mixWord(agent). */
export function uniformMixed(key: number, mixed: number): number {
  return hashMixed(key, mixed) / 4294967296;
}

/**
 * The key of one stream: a 32-bit integer that depends on every component. Components are chained through
 * the hash so that neighbouring steps or purposes give unrelated keys.
 */
export function streamKey(base: number, ...parts: number[]): number {
  let h = base >>> 0;
  for (const p of parts) h = hash32(h, p >>> 0);
  return h;
}
