import { designRng } from './designs.js';

/**
 * Sensitivity estimators over model outputs y, one per design row, in the order the design generators
 * produce them. Inputs are on the unit scale (share of each parameter's range), so effects are comparable
 * across parameters.
 */

export interface MorrisIndex {
  /** Mean absolute elementary effect: overall importance. */
  muStar: number;
  mu: number;
  /** Standard deviation of the elementary effects: interaction or non-linearity. */
  sigma: number;
}

/** Elementary effects of Morris trajectories: rows in blocks of k + 1, each step changing one factor. */
export function morrisIndices(unit: readonly number[][], y: readonly number[], k: number): MorrisIndex[] {
  const effects: number[][] = Array.from({ length: k }, () => []);
  for (let start = 0; start + k < unit.length; start += k + 1) {
    for (let s = start; s < start + k; s++) {
      const changed = unit[s].findIndex((v, i) => v !== unit[s + 1][i]);
      if (changed < 0) throw new Error(`Morris rows ${s} and ${s + 1} do not differ`);
      effects[changed].push((y[s + 1] - y[s]) / (unit[s + 1][changed] - unit[s][changed]));
    }
  }
  return effects.map((ee) => {
    const n = ee.length;
    const mu = ee.reduce((a, b) => a + b, 0) / n;
    const muStar = ee.reduce((a, b) => a + Math.abs(b), 0) / n;
    const sigma = n > 1 ? Math.sqrt(ee.reduce((a, b) => a + (b - mu) ** 2, 0) / (n - 1)) : 0;
    return { muStar, mu, sigma };
  });
}

export interface SobolIndex {
  s1: number;
  s1Lo: number;
  s1Hi: number;
  st: number;
  stLo: number;
  stHi: number;
}

/** First-order (Saltelli 2010) and total (Jansen 1999) indices from the rows of blocks j in `sample`. */
function sobolPoint(y: readonly number[], k: number, sample: readonly number[]): { s1: number[]; st: number[] } {
  const b = k + 2;
  let sum = 0;
  let sumSq = 0;
  for (const j of sample) {
    for (const v of [y[j * b], y[j * b + 1]]) {
      sum += v;
      sumSq += v * v;
    }
  }
  const n2 = 2 * sample.length;
  const variance = (sumSq - (sum * sum) / n2) / (n2 - 1);
  const s1: number[] = [];
  const st: number[] = [];
  for (let i = 0; i < k; i++) {
    let first = 0;
    let total = 0;
    for (const j of sample) {
      const fa = y[j * b];
      const fb = y[j * b + 1];
      const fab = y[j * b + 2 + i];
      first += fb * (fab - fa);
      total += (fa - fab) ** 2;
    }
    s1.push(first / sample.length / variance);
    st.push(total / (2 * sample.length) / variance);
  }
  return { s1, st };
}

function percentile(sorted: readonly number[], q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Sobol indices with 95% bootstrap percentile intervals: the n sample blocks are resampled with replacement
 * (a fixed generator, so the intervals are reproducible). Null when the output does not vary at all, since
 * shares of a zero variance are undefined; a resample without variance is left out of the intervals.
 */
export function sobolIndices(y: readonly number[], k: number, resamples = 500, seed = 1): SobolIndex[] | null {
  const n = Math.floor(y.length / (k + 2));
  const all = Array.from({ length: n }, (_, j) => j);
  const point = sobolPoint(y, k, all);
  if (!point.s1.every(Number.isFinite)) return null;
  const rng = designRng('bootstrap', seed);
  const boot = Array.from({ length: k }, () => ({ s1: [] as number[], st: [] as number[] }));
  for (let r = 0; r < resamples; r++) {
    const sample = all.map(() => Math.floor(rng() * n));
    const est = sobolPoint(y, k, sample);
    if (!est.s1.every(Number.isFinite)) continue;
    for (let i = 0; i < k; i++) {
      boot[i].s1.push(est.s1[i]);
      boot[i].st.push(est.st[i]);
    }
  }
  return boot.map((b, i) => {
    const s1 = b.s1.sort((x, z) => x - z);
    const st = b.st.sort((x, z) => x - z);
    return {
      s1: point.s1[i], s1Lo: percentile(s1, 0.025), s1Hi: percentile(s1, 0.975),
      st: point.st[i], stLo: percentile(st, 0.025), stHi: percentile(st, 0.975),
    };
  });
}
