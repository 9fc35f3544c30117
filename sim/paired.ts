import { estimate, RATIO_BOOTSTRAP, tQuantile975, type Estimate } from './stats.js';

/**
 * Differences between two runs on common random numbers (`departure-sim compare`, neighbouring points of a sweep):
 * replicate r of each simulates the same agents under the same draws, so most of the noise is common to both and
 * cancels in the replicate's own difference. Intervals of a difference are therefore taken over the paired
 * differences, not from the two runs' separate spreads.
 */

/** B - A, replicate by replicate; NaN where either is undefined. */
export function pairedDifferences(a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): number[] {
  if (a.length !== b.length) throw new Error(`paired runs need as many replicates: ${a.length} and ${b.length}`);
  return a.map((x, i) => (x === null || b[i] === null ? NaN : b[i]! - x));
}

/** How pairedDifference's interval is found, as the outputs state it. */
export const PAIRED_T = 'paired t over replicate differences';

/** The mean of B - A with the 95% Student-t interval of the paired differences. */
export function pairedDifference(a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): Estimate {
  return estimate(pairedDifferences(a, b));
}

const NONE: Estimate = { mean: null, lo95: null, hi95: null };

/**
 * The same difference with the interval that ignores the pairing (Welch's, as for two independent runs): what the
 * pairing saves, reported beside the paired interval.
 */
export function unpairedDifference(a: ReadonlyArray<number | null>, b: ReadonlyArray<number | null>): Estimate {
  const xs = a.map((x) => x ?? NaN);
  const ys = b.map((y) => y ?? NaN);
  if ([...xs, ...ys].some((v) => !Number.isFinite(v)) || xs.length === 0 || ys.length === 0) return NONE;
  // Each run's mean and the variance of that mean.
  const moments = (v: number[]) => {
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    return { m, v: v.length > 1 ? v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1) / v.length : NaN };
  };
  const [ma, mb] = [moments(xs), moments(ys)];
  const mean = mb.m - ma.m;
  const se2 = ma.v + mb.v;
  if (!Number.isFinite(se2)) return { mean, lo95: null, hi95: null };
  if (se2 === 0) return { mean, lo95: mean, hi95: mean };
  // Welch-Satterthwaite degrees of freedom, rounded down: the t quantile of fewer is the safer one.
  const df = se2 ** 2 / (ma.v ** 2 / (xs.length - 1) + mb.v ** 2 / (ys.length - 1));
  const half = tQuantile975(Math.max(1, Math.floor(df))) * Math.sqrt(se2);
  return { mean, lo95: mean - half, hi95: mean + half };
}

/** How the interval of a ratio of paired differences is found (`ratioOfMeans` of the differences), as the outputs state it. */
export const RATIO_METHOD = {
  name: 'percentile bootstrap over paired replicates',
  ...RATIO_BOOTSTRAP,
  description: 'the 2.5th and 97.5th percentiles of mean(numerator) / mean(denominator) over 10,000 resamples, with replacement, '
    + 'of the replicates\' paired differences (a fixed seed, so the same runs give the same interval). It needs no normal '
    + 'approximation of the ratio, which fails when the denominator is near zero, but with few replicates it is itself '
    + 'approximate; when resamples put the denominator at zero or past it often enough to reach either percentile, the ratio '
    + 'has no finite interval and none is given',
} as const;
