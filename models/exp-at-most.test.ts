import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expAtMost } from './exp-at-most.js';

describe('expAtMost', () => {
  it('is at most Math.exp and within a relative 2e-5 of it, wherever e^x is a normal number', () => {
    fc.assert(fc.property(fc.double({ min: -708, max: 709, noNaN: true, minExcluded: true }), (x) => {
      const e = Math.exp(x);
      const low = expAtMost(x);
      return low <= e && low >= e * (1 - 2e-5);
    }), { numRuns: 100_000 });
  });

  it('is at most Math.exp at the edges and on the safe side outside them', () => {
    for (const x of [-708, -707.9, -1, -1e-300, 0, 1e-300, 1, Math.LN2, 700, 708.9, 709]) {
      expect(expAtMost(x)).toBeLessThanOrEqual(Math.exp(x));
    }
    expect(expAtMost(-1000)).toBe(0);
    expect(expAtMost(Number.NaN)).toBe(0);
    expect(expAtMost(1000)).toBe(expAtMost(709));
    expect(expAtMost(Infinity)).toBe(expAtMost(709));
  });

  it('fails the property when the polynomial keeps one term too few (so the test has teeth)', () => {
    // Degree 5 is within 2e-4, not 2e-5, of e^f near f = ln 2.
    const f = Math.LN2 * 0.999;
    const degree5 = 1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f / 120))));
    expect(degree5 / Math.exp(f)).toBeLessThan(1 - 2e-5);
  });
});
