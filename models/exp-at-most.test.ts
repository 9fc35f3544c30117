import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expAtMost } from './exp-at-most.js';

/** The contract: at most Math.exp, and within a relative 2e-5 of it, wherever e^x is a normal number. */
const contract = (f: (x: number) => number) => fc.property(fc.double({ min: -708, max: 709, noNaN: true, minExcluded: true }), (x) => {
  const e = Math.exp(x);
  const low = f(x);
  return low <= e && low >= e * (1 - 2e-5);
});

/** expAtMost with its polynomial one degree lower: the contract must catch it, or it catches nothing. */
function degree5(x: number): number {
  if (!(x > -708)) return 0;
  const y = (x < 709 ? x : 709) * Math.LOG2E;
  const k = Math.floor(y);
  const f = (y - k) * Math.LN2;
  return (1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f / 120))))) * 2 ** k * (1 - 1e-9);
}

describe('expAtMost', () => {
  it('keeps its contract over the whole normal range', () => {
    fc.assert(contract(expAtMost), { numRuns: 100_000 });
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

  it('has a contract that a polynomial one term short breaks (so the first test has teeth)', () => {
    expect(fc.check(contract(degree5), { numRuns: 100_000, seed: 1 }).failed).toBe(true);
  });
});
