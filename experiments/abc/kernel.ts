/**
 * The multivariate Gaussian perturbation kernel of ABC-SMC, held as the Cholesky factor L of its covariance
 * (L L^T = covariance): a step is L z for standard normal z, and the kernel's log density at x around c is
 * -|L^-1 (x - c)|^2 / 2 plus a constant that cancels once importance weights are normalised.
 */

/** The weighted mean and covariance of points (rows) under weights that sum to 1. */
export function weightedCovariance(points: readonly number[][], weights: readonly number[]): number[][] {
  const d = points[0].length;
  const mean = new Array<number>(d).fill(0);
  points.forEach((p, k) => p.forEach((v, i) => (mean[i] += weights[k] * v)));
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  points.forEach((p, k) => {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j <= i; j++) cov[i][j] += weights[k] * (p[i] - mean[i]) * (p[j] - mean[j]);
    }
  });
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[j][i] = cov[i][j];
  return cov;
}

/** The lower-triangular L with L L^T = a, or null when a is not positive definite (a collapsed population). */
export function cholesky(a: readonly number[][]): number[][] | null {
  const d = a.length;
  const l = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i][i] = Math.sqrt(s);
      } else {
        l[i][j] = s / l[j][j];
      }
    }
  }
  return l;
}

/** c + L z. */
export function perturb(l: readonly number[][], c: readonly number[], z: readonly number[]): number[] {
  return c.map((v, i) => {
    let s = v;
    for (let j = 0; j <= i; j++) s += l[i][j] * z[j];
    return s;
  });
}

/** |L^-1 (x - c)|^2, by forward substitution. */
export function squaredMahalanobis(l: readonly number[][], x: readonly number[], c: readonly number[]): number {
  const y = new Array<number>(x.length);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    let s = x[i] - c[i];
    for (let j = 0; j < i; j++) s -= l[i][j] * y[j];
    y[i] = s / l[i][i];
    sum += y[i] * y[i];
  }
  return sum;
}
