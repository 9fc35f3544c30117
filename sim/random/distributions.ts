/**
 * Transformations of uniform draws into the distributions population synthesis needs. Each takes its
 * uniforms as arguments so the caller decides which counter-based streams feed it.
 */

/** Standard normal from two uniforms (Box-Muller); u1 is shifted off zero so log(0) cannot occur. */
export function standardNormal(u1: number, u2: number): number {
  const r = Math.sqrt(-2 * Math.log(1 - u1));
  return r * Math.cos(2 * Math.PI * u2);
}

/** Lognormal with the given median and log-scale standard deviation. */
export function lognormal(median: number, sigma: number, u1: number, u2: number): number {
  return median * Math.exp(sigma * standardNormal(u1, u2));
}

/** Index of the first cumulative weight that exceeds u * total (cumulative must be non-decreasing). */
export function categorical(cumulative: ArrayLike<number>, u: number): number {
  const target = u * cumulative[cumulative.length - 1];
  let i = 0;
  while (i < cumulative.length - 1 && cumulative[i] <= target) i++;
  return i;
}

/** Beta(a, b) approximated by a logit-normal with the same mean and variance; adequate for attitudes. */
export function betaLike(mean: number, sd: number, u1: number, u2: number): number {
  const m = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
  // Delta method: var(logit X) ~ var(X) / (m(1-m))^2.
  const s = sd / (m * (1 - m));
  const z = Math.log(m / (1 - m)) + s * standardNormal(u1, u2);
  return 1 / (1 + Math.exp(-z));
}
