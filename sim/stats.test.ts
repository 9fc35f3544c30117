import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { estimate, spread, summarise, summariseRatio, tQuantile975 } from './stats.js';

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

describe('spread (replicates at parameters drawn from a posterior)', () => {
  it('gives the mean and the 2.5th and 97.5th percentiles, interpolated between order statistics as R does', () => {
    const values = [5, 1, 4, 2, 3];
    // R: quantile(1:5, c(0.025, 0.975)) = 1.1, 4.9
    expect(spread(values)).toEqual({ mean: 3, lo95: 1.1, hi95: 4.9 });
    expect(summarise(values, 'parameters-and-simulation-noise')).toEqual(spread(values));
    expect(summarise(values, 'simulation-noise')).toEqual(estimate(values));
    expect(spread([7])).toEqual({ mean: 7, lo95: null, hi95: null });
    expect(spread([1, Number.NaN])).toEqual({ mean: null, lo95: null, hi95: null });
  });

  it('holds 95% of the values, and does not narrow as replicates are added, unlike the interval of the mean', () => {
    const rng = seedrandom('spread');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    for (const n of [200, 2000]) {
      const e = spread(Array.from({ length: n }, () => 10 + 3 * normal()));
      expect(Math.abs(e.lo95! - (10 - 1.96 * 3))).toBeLessThan(n === 200 ? 1.2 : 0.4);
      expect(Math.abs(e.hi95! - (10 + 1.96 * 3))).toBeLessThan(n === 200 ? 1.2 : 0.4);
    }
  });

  it('summarises a ratio as the ratio of the means with a bootstrap interval that stays finite where per-replicate ratios explode', () => {
    // Spend and additional departures of five replicates; one has very few additional departures.
    const spend = [100e6, 104e6, 98e6, 101e6, 99e6];
    const additional = [1000, 1100, 950, 20, 1050];
    const r = summariseRatio(spend, additional, 'simulation-noise');
    expect(r.mean).toBeCloseTo(502e6 / 4120, 6);
    expect(r.lo95!).toBeLessThan(r.mean!);
    expect(r.hi95!).toBeGreaterThan(r.mean!);
    // The mean of per-replicate ratios and its t-interval are pulled far off by the one small denominator.
    const naive = estimate(spend.map((x, i) => x / additional[i]));
    expect(naive.mean!).toBeGreaterThan(5 * r.mean!);
    expect(naive.lo95!).toBeLessThan(0);
    // With posterior draws each replicate is its own draw: the spread of its ratios.
    expect(summariseRatio(spend, additional, 'parameters-and-simulation-noise')).toEqual(spread(spend.map((x, i) => x / additional[i])));
    // Undefined when some replicate has no additional departure to divide by.
    expect(summariseRatio([1, 2], [1, 0], 'simulation-noise')).toEqual({ mean: null, lo95: null, hi95: null });
  });
});
