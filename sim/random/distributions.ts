/**
 * Transformations of uniform draws into the distributions population synthesis needs. Each takes its uniforms, or
 * the standard normal made from them, as arguments, so the caller decides which counter-based streams feed it.
 */

/** Standard normal from two uniforms (Box-Muller); u1 is shifted off zero so log(0) cannot occur. */
export function standardNormal(u1: number, u2: number): number {
  const r = Math.sqrt(-2 * Math.log(1 - u1));
  return r * Math.cos(2 * Math.PI * u2);
}

/** Lognormal with the given median and log-scale standard deviation, from a standard normal draw z. */
export function lognormal(median: number, sigma: number, z: number): number {
  return median * Math.exp(sigma * z);
}

/** Index of the first cumulative weight that exceeds u * total (cumulative must be non-decreasing). */
export function categorical(cumulative: ArrayLike<number>, u: number): number {
  const target = u * cumulative[cumulative.length - 1];
  let i = 0;
  while (i < cumulative.length - 1 && cumulative[i] <= target) i++;
  return i;
}

/** The logit-scale centre and spread of `betaLike` for a mean and standard deviation, computed once per population. */
export interface BetaLikeTerms {
  center: number;
  scale: number;
}

/** Beta(a, b) approximated by a logit-normal with the same mean and variance; adequate for attitudes. */
export function betaLikeTerms(mean: number, sd: number): BetaLikeTerms {
  const m = Math.min(Math.max(mean, 1e-6), 1 - 1e-6);
  // Delta method: var(logit X) ~ var(X) / (m(1-m))^2.
  return { center: Math.log(m / (1 - m)), scale: sd / (m * (1 - m)) };
}

/** The logit-normal of `betaLikeTerms`, from a standard normal draw z. */
export function betaLike(t: BetaLikeTerms, z: number): number {
  const x = t.center + t.scale * z;
  return 1 / (1 + Math.exp(-x));
}
