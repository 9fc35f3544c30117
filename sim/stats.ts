import seedrandom from 'seedrandom';
/** Mean and 95% interval over replicates, the form every reported figure takes (see IntervalKind for which interval). */
export interface Estimate {
  mean: number | null;
  lo95: number | null;
  hi95: number | null;
}

// Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom; beyond, 1.96 + 2.4/df is within 0.1%.
const T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042];

export function tQuantile975(df: number): number {
  return df <= 30 ? T975[df - 1] : 1.96 + 2.4 / df;
}

/** Non-finite values (an undefined ratio in some replicate) make the whole estimate undefined. */
export function estimate(values: readonly number[]): Estimate {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return { mean: null, lo95: null, hi95: null };
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= n;
  if (n === 1) return { mean, lo95: null, hi95: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const half = tQuantile975(n - 1) * Math.sqrt(ss / (n - 1) / n);
  return { mean, lo95: mean - half, hi95: mean + half };
}

/**
 * What a reported interval contains. `simulation-noise`: the replicates differ only in their random numbers, and
 * the interval is the Student-t interval of their mean (`estimate`), which narrows as replicates are added.
 * `parameters-and-simulation-noise`: each replicate runs at parameters drawn from a calibration's posterior
 * (`departure-sim run --posterior`), and the interval is the central 95% of the replicates' values (`spread`):
 * where the figure lies given the calibrated parameters' uncertainty and the run's own chance variation.
 */
export type IntervalKind = 'simulation-noise' | 'parameters-and-simulation-noise';

/** The p-quantile of sorted values, interpolating between order statistics (Hyndman and Fan's type 7, R's default). */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * sortedQuantile of the values, found by selection rather than a sort: the two order statistics it interpolates
 * between are put in place, the lower by quickselect and the upper as the least of the values after it. Sorting
 * the 10,000 resampled ratios of ratioOfMeans took most of a sweep's time in summaries, and d3-array's quickselect,
 * with a comparison call per step, half of what was left. Reorders `values`, which must hold no NaN.
 */
function selectedQuantile(values: Float64Array, p: number): number {
  const lo = Math.floor((values.length - 1) * p);
  select(values, lo);
  let least = lo + 1;
  for (let i = lo + 2; i < values.length; i++) if (values[i] < values[least]) least = i;
  if (least < values.length) [values[lo + 1], values[least]] = [values[least], values[lo + 1]];
  return sortedQuantile(values, p);
}

/** Puts the k-th smallest of a (0-based) at position k, every value before it at most it and every one after at least it. */
function select(a: Float64Array, k: number): void {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >>> 1];
    let i = left;
    let j = right;
    // Hoare's partition: a[left..j] <= pivot <= a[i..right] when i > j.
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** Mean, and the 2.5th and 97.5th percentiles of the values; undefined like `estimate`. */
export function spread(values: readonly number[]): Estimate {
  const e = estimate(values);
  if (e.mean === null || values.length === 1) return e;
  const sorted = [...values].sort((a, b) => a - b);
  return { mean: e.mean, lo95: sortedQuantile(sorted, 0.025), hi95: sortedQuantile(sorted, 0.975) };
}

/** A figure's replicate values summarised with the interval of `kind`. */
export function summarise(values: readonly number[], kind: IntervalKind): Estimate {
  return kind === 'simulation-noise' ? estimate(values) : spread(values);
}

/** How the interval of a ratio of two figures is found over replicates (`ratioOfMeans`). */
export const RATIO_BOOTSTRAP = { resamples: 10_000, seed: 'departure-sim:paired-ratio' } as const;

export interface RatioEstimate extends Estimate {
  /** Why the mean or the interval is missing; null when both are there. */
  note: string | null;
}

const NO_RATIO: Estimate = { mean: null, lo95: null, hi95: null };

/**
 * The replicates each bootstrap resample draws, for `n` replicates: RATIO_BOOTSTRAP.resamples x n indices in the order
 * the resamples draw them. The seed is fixed, so they depend on n alone; a run summarises a ratio at every step, and
 * a sweep at every point, so they are drawn once per n and kept (the bootstrap took a quarter of a sweep's time).
 */
function resampleIndices(n: number): Uint32Array {
  let indices = resamples.get(n);
  if (!indices) {
    const rng = seedrandom(RATIO_BOOTSTRAP.seed);
    indices = new Uint32Array(RATIO_BOOTSTRAP.resamples * n);
    for (let j = 0; j < indices.length; j++) indices[j] = Math.floor(rng() * n);
    // A run or sweep uses one number of replicates; keeping only the last bounds the memory whatever the caller.
    resamples.clear();
    resamples.set(n, indices);
  }
  return indices;
}
const resamples = new Map<number, Uint32Array>();

/**
 * mean(num) / mean(den) over replicates, with the 2.5th and 97.5th percentiles of the same ratio over
 * RATIO_BOOTSTRAP.resamples resamples of the replicates (with replacement; a fixed seed, so the same runs give the
 * same interval). A t-interval of per-replicate ratios explodes when a denominator is near zero; this needs no
 * normal approximation. A resample whose denominator is zero or of the other sign than the estimate's counts as
 * an unbounded ratio on the estimate's side; if that reaches a percentile, the interval is unbounded and not given.
 */
export function ratioOfMeans(num: readonly number[], den: readonly number[]): RatioEstimate {
  const n = num.length;
  if (n === 0 || den.length !== n || [...num, ...den].some((v) => !Number.isFinite(v))) {
    return { ...NO_RATIO, note: 'undefined in some replicate' };
  }
  const sumNum = num.reduce((s, x) => s + x, 0);
  const sumDen = den.reduce((s, x) => s + x, 0);
  if (sumDen === 0) return { ...NO_RATIO, note: 'the denominator is zero: no difference to divide by' };
  const mean = sumNum / sumDen;
  if (n === 1) return { mean, lo95: null, hi95: null, note: 'one replicate: no interval' };
  const indices = resampleIndices(n);
  const side = Math.sign(mean) || 1;
  const ratios = new Float64Array(RATIO_BOOTSTRAP.resamples);
  for (let b = 0, j = 0; b < ratios.length; b++) {
    let sn = 0;
    let sd = 0;
    for (let k = 0; k < n; k++, j++) {
      const i = indices[j];
      sn += num[i];
      sd += den[i];
    }
    ratios[b] = Math.sign(sd) === Math.sign(sumDen) ? sn / sd : side * Infinity;
  }
  const lo95 = selectedQuantile(ratios, 0.025);
  const hi95 = selectedQuantile(ratios, 0.975);
  if (!Number.isFinite(lo95) || !Number.isFinite(hi95)) {
    return { mean, lo95: null, hi95: null, note: 'no finite interval: in more than 2.5% of resamples the denominator is zero or of the other sign' };
  }
  return { mean, lo95, hi95, note: null };
}

/**
 * A ratio of two figures summarised with the interval of `kind`: with simulation noise only, the ratio of their
 * means with a bootstrap interval (`ratioOfMeans`); with posterior draws, the spread of the replicates' own ratios
 * (each replicate is one draw of the parameters). Replicates with no positive denominator make it undefined.
 */
export function summariseRatio(num: readonly number[], den: readonly number[], kind: IntervalKind): Estimate {
  if (kind === 'simulation-noise') {
    if (den.some((d) => !(d > 0))) return NO_RATIO;
    const { note: _, ...e } = ratioOfMeans(num, den);
    return e;
  }
  return spread(num.map((x, i) => (den[i] > 0 ? x / den[i] : NaN)));
}

/** What an interval of `kind` contains, in a few words for a label. */
export function intervalLabel(kind: IntervalKind): string {
  return kind === 'simulation-noise' ? 'simulation noise only' : 'parameters and simulation noise';
}

/** What the intervals of a run contain, in a sentence (summary.json's `intervals`, the CLI and the report). */
export function intervalWords(kind: IntervalKind, replicates: number): string {
  return kind === 'simulation-noise'
    ? `95% intervals of the mean over ${replicates} replicates (Student t; for a ratio such as the cost per additional departure, the ratio of the means with a percentile bootstrap over replicates): simulation noise only, not uncertainty in the model's parameters`
    : `95% intervals over ${replicates} replicates, each at parameters drawn from a calibration's posterior (2.5th to 97.5th percentiles of the replicates' values): uncertainty in the calibrated parameters and simulation noise, not uncertainty in the parameters left uncalibrated or in the model's structure`;
}
