/** Mean and 95% interval of the mean over replicates (Student t), the form every reported figure takes. */
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
