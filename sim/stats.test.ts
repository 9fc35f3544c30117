import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { estimate, tQuantile975 } from './stats.js';

describe('estimate', () => {
  it('gives the mean and the 95% Student-t interval of the mean', () => {
    const e = estimate([1, 2, 3, 4]);
    expect(e.mean).toBe(2.5);
    const half = 3.182 * Math.sqrt(((1.5 ** 2 + 0.5 ** 2) * 2) / 3 / 4);
    expect(e.lo95).toBeCloseTo(2.5 - half, 12);
    expect(e.hi95).toBeCloseTo(2.5 + half, 12);
  });

  it('has no interval from one replicate, and no figure at all when a replicate\'s is undefined', () => {
    expect(estimate([7])).toEqual({ mean: 7, lo95: null, hi95: null });
    expect(estimate([1, Number.NaN])).toEqual({ mean: null, lo95: null, hi95: null });
    expect(estimate([])).toEqual({ mean: null, lo95: null, hi95: null });
  });

  it('uses the t quantiles of the tables, and 1.96 + 2.4/df beyond 30', () => {
    expect(tQuantile975(1)).toBe(12.706);
    expect(tQuantile975(10)).toBe(2.228);
    expect(tQuantile975(30)).toBe(2.042);
    expect(Math.abs(tQuantile975(100) - 1.984)).toBeLessThan(0.002);
  });

  it('covers the true mean of normal samples about 95% of the time', () => {
    const rng = seedrandom('stats-coverage');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    let covered = 0;
    const trials = 4000;
    for (let k = 0; k < trials; k++) {
      const e = estimate(Array.from({ length: 5 }, () => 10 + 3 * normal()));
      if (e.lo95! <= 10 && 10 <= e.hi95!) covered++;
    }
    // Binomial(4000, 0.95): sd 0.34 percentage points; 4 sd either side.
    expect(Math.abs(covered / trials - 0.95)).toBeLessThan(0.014);
  });
});
