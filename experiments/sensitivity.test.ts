import { describe, expect, it } from 'vitest';
import { designRng, morrisTrajectories, saltelli } from './designs.js';
import { morrisIndices, sobolIndices } from './sensitivity.js';

// Ishigami (a = 7, b = 0.1) on [-pi, pi]^3: analytic first-order and total indices (Saltelli et al. 2008).
const ishigami = ([u1, u2, u3]: number[]) => {
  const [x1, x2, x3] = [u1, u2, u3].map((u) => Math.PI * (2 * u - 1));
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
};
const S1 = [0.3139, 0.4424, 0];
const ST = [0.5576, 0.4424, 0.2437];

describe('sensitivity estimators', () => {
  it('Sobol indices of the Ishigami function come within 0.04 of the analytic values, inside their bootstrap intervals', () => {
    const rows = saltelli(8000, 3, designRng('saltelli', 11));
    const idx = sobolIndices(rows.map(ishigami), 3, 200, 5)!;
    idx.forEach((s, i) => {
      expect(Math.abs(s.s1 - S1[i])).toBeLessThan(0.04);
      expect(Math.abs(s.st - ST[i])).toBeLessThan(0.04);
      expect(s.s1Lo).toBeLessThanOrEqual(S1[i] + 0.01);
      expect(s.s1Hi).toBeGreaterThanOrEqual(S1[i] - 0.01);
      expect(s.stLo).toBeLessThanOrEqual(ST[i] + 0.01);
      expect(s.stHi).toBeGreaterThanOrEqual(ST[i] - 0.01);
      expect(s.s1Hi - s.s1Lo).toBeLessThan(0.15);
    });
  });

  it('Morris: a linear function has mu* = |coefficient| and sigma = 0; an interaction gives sigma > 0', () => {
    const unit = morrisTrajectories(12, 3, 4, designRng('morris', 2));
    const linear = morrisIndices(unit, unit.map(([a, b, c]) => 3 * a - 2 * b + 0 * c), 3);
    expect(linear.map((m) => m.muStar)).toEqual([3, 2, 0].map((v) => expect.closeTo(v, 9)));
    expect(linear.map((m) => m.mu)).toEqual([3, -2, 0].map((v) => expect.closeTo(v, 9)));
    expect(linear.every((m) => m.sigma < 1e-9)).toBe(true);
    const product = morrisIndices(unit, unit.map(([a, b]) => a * b), 3);
    expect(product[0].sigma).toBeGreaterThan(0.1);
    expect(product[2].muStar).toBe(0);
  });

  it('Sobol indices of an output that never varies are undefined, not zero', () => {
    expect(sobolIndices(new Array(40).fill(3), 2)).toBeNull();
  });
});
