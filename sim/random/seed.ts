import seedrandom from 'seedrandom';

/**
 * The base key of one replicate, from the user's seed. seedrandom turns any seed (a number or a string) into
 * a well-mixed 32-bit integer; everything random in a run is derived from this key and counters, never from
 * worker identity or order of execution.
 */
export function replicateKey(seed: number | string, replicate: number): number {
  const rng = seedrandom(`departure-sim:${seed}:${replicate}`);
  return rng.int32() >>> 0;
}
