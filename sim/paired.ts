import seedrandom from 'seedrandom';
import { estimate, tQuantile975, type Estimate } from './stats.js';

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

/** How the interval of a ratio of paired differences is found, as the outputs state it. */
export const RATIO_METHOD = {
  name: 'percentile bootstrap over paired replicates',
  resamples: 10_000,
  seed: 'departure-sim:paired-ratio',
  description: 'the 2.5th and 97.5th percentiles of mean(numerator) / mean(denominator) over 10,000 resamples, with replacement, '
    + 'of the replicates\' paired differences (a fixed seed, so the same runs give the same interval). It needs no normal '
    + 'approximation of the ratio, which fails when the denominator is near zero, but with few replicates it is itself '
    + 'approximate; when resamples put the denominator at zero or past it often enough to reach either percentile, the ratio '
    + 'has no finite interval and none is given',
} as const;

export interface RatioEstimate extends Estimate {
  /** Why the mean or the interval is missing; null when both are there. */
  note: string | null;
}

/** Type-7 quantile (R's default) of sorted values. */
function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (sorted[lo + 1] - sorted[lo]) * (h - lo) : sorted[lo];
}

/**
 * mean(num) / mean(den) of paired per-replicate differences (e.g. extra spend over extra additional departures),
 * with its RATIO_METHOD interval. A resample whose denominator is zero or of the other sign than the estimate's
 * counts as an unbounded ratio on the estimate's side; if that reaches a percentile, the interval is unbounded.
 */
export function pairedRatio(num: readonly number[], den: readonly number[]): RatioEstimate {
  const n = num.length;
  if (n === 0 || den.length !== n || [...num, ...den].some((v) => !Number.isFinite(v))) {
    return { ...NONE, note: 'undefined in some replicate' };
  }
  const sumNum = num.reduce((s, x) => s + x, 0);
  const sumDen = den.reduce((s, x) => s + x, 0);
  if (sumDen === 0) return { ...NONE, note: 'the denominator is zero: no difference to divide by' };
  const mean = sumNum / sumDen;
  if (n === 1) return { mean, lo95: null, hi95: null, note: 'one replicate: no interval' };
  const rng = seedrandom(RATIO_METHOD.seed);
  const side = Math.sign(mean) || 1;
  const ratios = new Array<number>(RATIO_METHOD.resamples);
  for (let b = 0; b < RATIO_METHOD.resamples; b++) {
    let sn = 0;
    let sd = 0;
    for (let k = 0; k < n; k++) {
      const i = Math.floor(rng() * n);
      sn += num[i];
      sd += den[i];
    }
    ratios[b] = Math.sign(sd) === Math.sign(sumDen) ? sn / sd : side * Infinity;
  }
  ratios.sort((x, y) => x - y);
  const lo95 = quantile(ratios, 0.025);
  const hi95 = quantile(ratios, 0.975);
  if (!Number.isFinite(lo95) || !Number.isFinite(hi95)) {
    return { mean, lo95: null, hi95: null, note: 'no finite interval: in more than 2.5% of resamples the denominator is zero or of the other sign' };
  }
  return { mean, lo95, hi95, note: null };
}
