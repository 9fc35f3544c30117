import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { pairedDifference, unpairedDifference } from './paired.js';
import { RATIO_BOOTSTRAP, ratioOfMeans, sortedQuantile } from './stats.js';

describe('paired differences', () => {
  it('takes B - A replicate by replicate, so noise common to both cancels', () => {
    // A large shared noise term and a small effect of 1: the paired interval sees only the effect's spread.
    const shared = [100, -80, 40, -60, 10, 30];
    const a = shared.map((x) => 1000 + x);
    const b = shared.map((x, i) => 1001 + x + (i % 2 === 0 ? 0.1 : -0.1));
    const paired = pairedDifference(a, b);
    const unpaired = unpairedDifference(a, b);
    expect(paired.mean).toBeCloseTo(1, 12);
    expect(unpaired.mean).toBeCloseTo(1, 12);
    expect(paired.lo95! > 0 && paired.hi95! < 2).toBe(true);
    expect(unpaired.lo95! < -50 && unpaired.hi95! > 50).toBe(true);
  });

  it('has no figure where a replicate is undefined, and refuses runs of unequal length', () => {
    expect(pairedDifference([1, null], [2, 3])).toEqual({ mean: null, lo95: null, hi95: null });
    expect(unpairedDifference([1, null], [2, 3])).toEqual({ mean: null, lo95: null, hi95: null });
    expect(() => pairedDifference([1, 2], [1])).toThrow(/as many replicates/);
  });
});

describe('paired ratio', () => {
  it('is the ratio of the mean differences, with a bootstrap interval that is the same on every call', () => {
    const rng = seedrandom('paired-ratio');
    const den = Array.from({ length: 8 }, () => 1000 + 100 * rng());
    const num = den.map((d) => 50 * d + 2000 * (rng() - 0.5));
    const r = ratioOfMeans(num, den);
    expect(r.mean).toBeCloseTo(num.reduce((s, x) => s + x) / den.reduce((s, x) => s + x), 9);
    expect(r.note).toBeNull();
    expect(r.lo95!).toBeLessThan(r.mean!);
    expect(r.hi95!).toBeGreaterThan(r.mean!);
    expect(r.hi95! - r.lo95!).toBeLessThan(5);
    expect(ratioOfMeans(num, den)).toEqual(r);
  });

  it('gives no finite interval when the denominator cannot be told apart from zero', () => {
    const r = ratioOfMeans([10, 12, 9, 11, 10], [5, -4, 3, -6, 4]);
    expect(r.mean).toBeCloseTo(52 / 2, 12);
    expect([r.lo95, r.hi95]).toEqual([null, null]);
    expect(r.note).toMatch(/no finite interval/);
  });

  it('says why a ratio is missing', () => {
    expect(ratioOfMeans([1, 2], [1, -1]).note).toMatch(/denominator is zero/);
    expect(ratioOfMeans([1, NaN], [1, 1]).note).toMatch(/undefined/);
    expect(ratioOfMeans([3], [2])).toEqual({ mean: 1.5, lo95: null, hi95: null, note: 'one replicate: no interval' });
  });

  it('gives the bits of the bootstrap drawn afresh on every call, for any number of replicates and any order of calls', () => {
    // The plain bootstrap the kept resample indices must reproduce: a new generator per call, a sort by comparator.
    const plain = (num: number[], den: number[]) => {
      const n = num.length;
      const sumDen = den.reduce((s, x) => s + x, 0);
      const side = Math.sign(num.reduce((s, x) => s + x, 0) / sumDen) || 1;
      const rng = seedrandom(RATIO_BOOTSTRAP.seed);
      const ratios: number[] = [];
      for (let b = 0; b < RATIO_BOOTSTRAP.resamples; b++) {
        let sn = 0;
        let sd = 0;
        for (let k = 0; k < n; k++) {
          const i = Math.floor(rng() * n);
          sn += num[i];
          sd += den[i];
        }
        ratios.push(Math.sign(sd) === Math.sign(sumDen) ? sn / sd : side * Infinity);
      }
      ratios.sort((x, y) => x - y);
      return [sortedQuantile(ratios, 0.025), sortedQuantile(ratios, 0.975)];
    };
    const rng = seedrandom('bootstrap-bits');
    for (const n of [2, 5, 3, 40, 5, 2]) {
      for (const spread of [0.1, 3]) {
        // A spread of 3 puts denominators of both signs in the resamples: unbounded ratios among the percentiles.
        const den = Array.from({ length: n }, () => 1 + spread * (rng() - 0.5));
        const num = den.map((d) => 40 * d * (1 + 0.2 * (rng() - 0.5)));
        const r = ratioOfMeans(num, den);
        const [lo, hi] = plain(num, den);
        if (Number.isFinite(lo) && Number.isFinite(hi)) expect([r.lo95, r.hi95]).toEqual([lo, hi]);
        else expect([r.lo95, r.hi95, r.note]).toEqual([null, null, expect.stringMatching(/no finite interval/)]);
      }
    }
    // Zero numerators: every ratio a zero of the denominators' sign.
    const zero = ratioOfMeans([0, 0, 0], [-1, -2, -3]);
    expect([zero.lo95, zero.hi95]).toEqual(plain([0, 0, 0], [-1, -2, -3]));
  });
});
