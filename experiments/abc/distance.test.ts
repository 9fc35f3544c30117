import { describe, expect, it } from 'vitest';
import { discrepancy, standardisedErrors, targetSchema, type Target } from './distance.js';

const target = (value: number, sdObservation: number, sdDiscrepancy = 0, weight = 1): Target => ({ value, sdObservation, sdDiscrepancy, weight });

describe('distance', () => {
  it('standardises each miss by observation error, model discrepancy and simulation noise together', () => {
    // Miss 3 against variances 4 + 0 + 5 = 9: e = 1. Miss 10 against 36 + 64 + 0 = 100: e = 1. Miss 0: e = 0.
    const targets = [target(100, 2), target(0.5, 6, 8), target(7, 1)];
    const s = { mean: [103, 10.5, 7], variance: [5, 0, 2] };
    expect(standardisedErrors(targets, s)).toEqual([1, 1, 0]);
    const d = discrepancy(targets, s);
    expect(d.distance).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(d.implausibility).toBe(1);
  });

  it('the simulation\'s own noise enters: the same miss counts for less when the replicate mean is noisier', () => {
    const t = [target(10, 1)];
    expect(discrepancy(t, { mean: [13], variance: [0] }).distance).toBe(3);
    expect(discrepancy(t, { mean: [13], variance: [8] }).distance).toBe(1);
    expect(discrepancy(t, { mean: [13], variance: [3] }).distance).toBeCloseTo(1.5, 15);
  });

  it('weights make a weighted mean of the standardised errors; implausibility is the worst target whatever the weights', () => {
    const targets = [target(0, 1, 0, 3), target(0, 1, 0, 1)];
    const d = discrepancy(targets, { mean: [1, 3], variance: [0, 0] });
    expect(d.distance).toBeCloseTo(Math.sqrt((3 * 1 + 1 * 9) / 4), 15);
    expect(d.implausibility).toBe(3);
  });

  it('an undefined simulated figure makes both measures NaN; a malformed summary is an error', () => {
    expect(discrepancy([target(1, 1), target(2, 1)], { mean: [1, NaN], variance: [0, 0] }).distance).toBeNaN();
    expect(() => discrepancy([target(1, 1)], { mean: [1, 2], variance: [0, 0] })).toThrow(/2 means and 2 variances for 1 targets/);
    expect(() => discrepancy([target(1, 1)], { mean: [1], variance: [-1] })).toThrow(/variance of target 0's simulated mean is -1/);
  });

  it('a target needs some error to be measured against', () => {
    const r = targetSchema.safeParse({ value: 5, sdObservation: 0 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/expected a positive sdObservation or sdDiscrepancy/);
    expect(targetSchema.parse({ value: 5, sdObservation: 0, sdDiscrepancy: 2 })).toEqual({ value: 5, sdObservation: 0, sdDiscrepancy: 2, weight: 1 });
  });
});
