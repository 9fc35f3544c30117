import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { designRng, designRows, grid, latinHypercube, morrisDelta, morrisTrajectories, saltelli } from './designs.js';

const seed = fc.integer({ min: 0, max: 2 ** 31 });

describe('design generators', () => {
  it('grid: every combination of levels exactly once, the first parameter slowest', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }), (sizes) => {
      const levels = sizes.map((n, i) => Array.from({ length: n }, (_, j) => i * 10 + j));
      const rows = grid(levels);
      expect(rows.length).toBe(sizes.reduce((a, b) => a * b, 1));
      expect(new Set(rows.map((r) => r.join())).size).toBe(rows.length);
      expect(rows[0][0]).toBe(levels[0][0]);
      expect(rows[rows.length - 1]).toEqual(levels.map((l) => l[l.length - 1]));
    }));
  });

  it('Latin hypercube: in every dimension each of the n strata holds exactly one point', () => {
    fc.assert(fc.property(fc.integer({ min: 2, max: 60 }), fc.integer({ min: 1, max: 6 }), seed, (n, k, s) => {
      const rows = latinHypercube(n, k, designRng('latin-hypercube', s));
      expect(rows.length).toBe(n);
      for (let d = 0; d < k; d++) {
        const strata = rows.map((r) => Math.floor(r[d] * n)).sort((a, b) => a - b);
        expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
      }
    }));
  });

  it('Morris: each step changes exactly one factor by delta, every factor once per trajectory, on the grid', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom(2, 4, 6, 8), seed, (r, k, p, s) => {
      const rows = morrisTrajectories(r, k, p, designRng('morris', s));
      const delta = morrisDelta(p);
      expect(rows.length).toBe(r * (k + 1));
      for (const row of rows) {
        for (const v of row) {
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1 + 1e-12);
          expect(Math.abs(v * (p - 1) - Math.round(v * (p - 1)))).toBeLessThan(1e-9);
        }
      }
      for (let t = 0; t < r; t++) {
        const changed = new Set<number>();
        for (let j = t * (k + 1); j < t * (k + 1) + k; j++) {
          const diff = rows[j].map((v, i) => [i, rows[j + 1][i] - v] as const).filter(([, d]) => d !== 0);
          expect(diff.length).toBe(1);
          expect(Math.abs(Math.abs(diff[0][1]) - delta)).toBeLessThan(1e-12);
          changed.add(diff[0][0]);
        }
        expect(changed.size).toBe(k);
      }
    }));
  });

  it('Saltelli: blocks of A, B and A with column i from B', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 2, max: 6 }), seed, (n, k, s) => {
      const rows = saltelli(n, k, designRng('saltelli', s));
      expect(rows.length).toBe(n * (k + 2));
      for (let j = 0; j < n; j++) {
        const [a, b] = [rows[j * (k + 2)], rows[j * (k + 2) + 1]];
        for (let i = 0; i < k; i++) expect(rows[j * (k + 2) + 2 + i]).toEqual(a.map((v, c) => (c === i ? b[c] : v)));
      }
    }));
  });

  it('maps unit samples onto ranges, rounds integer parameters, and is reproducible from its seed', () => {
    const d = {
      kind: 'latin-hypercube' as const, samples: 25, seed: 3,
      parameters: [
        { name: 'a', path: 'x', min: 100, max: 200, integer: false },
        { name: 'b', path: 'y', min: 0, max: 30, integer: true },
      ],
    };
    const rows = designRows(d);
    expect(designRows(d)).toEqual(rows);
    expect(designRows({ ...d, seed: 4 })).not.toEqual(rows);
    for (const [a, b] of rows) {
      expect(a).toBeGreaterThanOrEqual(100);
      expect(a).toBeLessThan(200);
      expect(Number.isInteger(b)).toBe(true);
    }
  });
});
