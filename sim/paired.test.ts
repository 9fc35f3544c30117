import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { pairedDifference, pairedRatio, unpairedDifference } from './paired.js';

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
    const r = pairedRatio(num, den);
    expect(r.mean).toBeCloseTo(num.reduce((s, x) => s + x) / den.reduce((s, x) => s + x), 9);
    expect(r.note).toBeNull();
    expect(r.lo95!).toBeLessThan(r.mean!);
    expect(r.hi95!).toBeGreaterThan(r.mean!);
    expect(r.hi95! - r.lo95!).toBeLessThan(5);
    expect(pairedRatio(num, den)).toEqual(r);
  });

  it('gives no finite interval when the denominator cannot be told apart from zero', () => {
    const r = pairedRatio([10, 12, 9, 11, 10], [5, -4, 3, -6, 4]);
    expect(r.mean).toBeCloseTo(52 / 2, 12);
    expect([r.lo95, r.hi95]).toEqual([null, null]);
    expect(r.note).toMatch(/no finite interval/);
  });

  it('says why a ratio is missing', () => {
    expect(pairedRatio([1, 2], [1, -1]).note).toMatch(/denominator is zero/);
    expect(pairedRatio([1, NaN], [1, 1]).note).toMatch(/undefined/);
    expect(pairedRatio([3], [2])).toEqual({ mean: 1.5, lo95: null, hi95: null, note: 'one replicate: no interval' });
  });
});
