import { describe, expect, it } from 'vitest';
import { cholesky, perturb, squaredMahalanobis, weightedCovariance } from './kernel.js';

describe('Gaussian kernel', () => {
  it('weighted covariance: a point with twice the weight counts twice', () => {
    const cov = weightedCovariance([[0, 0], [2, 4], [2, 4]], [1 / 3, 1 / 3, 1 / 3]);
    const same = weightedCovariance([[0, 0], [2, 4]], [1 / 3, 2 / 3]);
    cov.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(same[i][j], 15)));
    // Mean (4/3, 8/3): var x = 1/3 (16/9) + 2/3 (4/9) = 8/9, cov = 2 var x, var y = 4 var x.
    expect(same[0][0]).toBeCloseTo(8 / 9, 15);
    expect(same[0][1]).toBeCloseTo(16 / 9, 15);
    expect(same[1][1]).toBeCloseTo(32 / 9, 15);
  });

  it('Cholesky reproduces the matrix, and refuses one that is not positive definite', () => {
    const a = [[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]];
    const l = cholesky(a)!;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        expect(l[i].reduce((s, v, k) => s + v * l[j][k], 0)).toBeCloseTo(a[i][j], 14);
        if (j > i) expect(l[i][j]).toBe(0);
      }
    }
    expect(cholesky([[1, 2], [2, 4]])).toBeNull();
    expect(cholesky([[0]])).toBeNull();
  });

  it('a step of L z from c is at squared Mahalanobis distance |z|^2', () => {
    const l = cholesky([[4, 2, 0.4], [2, 5, 1], [0.4, 1, 3]])!;
    const c = [1, -2, 0.5];
    for (const z of [[1, 0, 0], [0.3, -1.2, 2], [-2, 0.5, 0.1]]) {
      expect(squaredMahalanobis(l, perturb(l, c, z), c)).toBeCloseTo(z.reduce((s, v) => s + v * v, 0), 12);
    }
  });
});
