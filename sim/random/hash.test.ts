import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fmix32, hash32, mixWord, streamKey, uniform, uniformMixed } from './hash.js';

const u32 = fc.integer({ min: 0, max: 0xffffffff });

describe('counter-based hash', () => {
  it('gives uniforms in [0, 1) that depend only on (key, agent)', () => {
    fc.assert(fc.property(u32, u32, (k, a) => {
      const x = uniform(k, a);
      return x >= 0 && x < 1 && x === uniform(k, a);
    }), { numRuns: 2000 });
  });

  it('gives the same draw whether or not the agent\'s half of the hash is shared across streams', () => {
    fc.assert(fc.property(u32, u32, (k, a) => uniformMixed(k, mixWord(a)) === uniform(k, a)), { numRuns: 5000 });
  });

  it('fmix32 is a bijection on a sample (no two inputs collide)', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(fmix32(i * 2654435761));
    expect(seen.size).toBe(200_000);
  });

  it('flipping one input bit flips about half the output bits (avalanche)', () => {
    fc.assert(fc.property(u32, u32, fc.integer({ min: 0, max: 31 }), (k, a, bit) => {
      let flips = 0;
      for (let j = 0; j < 16; j++) {
        const x = hash32(k + j, a) ^ hash32(k + j, (a ^ (1 << bit)) >>> 0);
        flips += popcount(x >>> 0);
      }
      return flips > 16 * 8 && flips < 16 * 24;
    }), { numRuns: 500 });
  });

  it('stream keys differ for neighbouring steps and purposes', () => {
    fc.assert(fc.property(u32, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 5 }), (base, step, purpose) => {
      const k = streamKey(base, 1, step, purpose);
      return k !== streamKey(base, 1, step + 1, purpose) && k !== streamKey(base, 1, step, purpose + 1) && k !== streamKey(base, 2, step);
    }), { numRuns: 2000 });
  });

  it('is uniform: deciles of 100k draws pass a chi-square test', () => {
    const counts = new Array(10).fill(0);
    const key = streamKey(12345, 1, 0, 0);
    for (let i = 0; i < 100_000; i++) counts[Math.floor(uniform(key, i) * 10)]++;
    const chi2 = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(27.88); // 99.9% quantile of chi-square with 9 df
  });

  it('draws of two purposes for the same agents are uncorrelated', () => {
    const k1 = streamKey(7, 1, 3, 0);
    const k2 = streamKey(7, 1, 3, 1);
    let sxy = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) sxy += (uniform(k1, i) - 0.5) * (uniform(k2, i) - 0.5);
    const corr = sxy / n / (1 / 12);
    expect(Math.abs(corr)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('matches its regression snapshot, so results never change silently', () => {
    const key = streamKey(20250505, 1, 0, 0);
    expect([key, ...[0, 1, 2, 1000, 2 ** 31].map((a) => hash32(key, a))]).toMatchInlineSnapshot(`
      [
        797743410,
        1110837214,
        253164368,
        1473367864,
        3553185937,
        58058922,
      ]
    `);
  });
});

function popcount(x: number): number {
  let c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}
