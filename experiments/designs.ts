import seedrandom from 'seedrandom';
import type { Design, Parameter } from './schema.js';

/**
 * Design generators. Each returns one row of parameter values per design point, in a fixed order that the
 * analysis relies on: Morris rows come in trajectories of k + 1, Saltelli rows in blocks of k + 2
 * (A, B, then A with column i taken from B, for each i).
 */

export type Rng = () => number;

export function designRng(kind: string, seed: number): Rng {
  return seedrandom(`departure-sim:design:${kind}:${seed}`);
}

/** The levels of a grid parameter: its list, or evenly spaced from min to max. */
function gridLevels(p: Parameter): number[] {
  if ('values' in p) return p.values.map((v) => round(p, v));
  const n = p.levels ?? 2;
  return Array.from({ length: n }, (_, i) => round(p, i === n - 1 ? p.max : p.min + ((p.max - p.min) * i) / (n - 1)));
}

function round(p: Parameter, v: number): number {
  return p.integer ? Math.round(v) : v;
}

/** Map a point of the unit cube onto the parameters' ranges. */
function fromUnit(params: readonly Parameter[], u: readonly number[]): number[] {
  return params.map((p, i) => {
    if ('values' in p) throw new Error(`parameter ${p.name} is a list; only grid designs take lists`);
    return round(p, p.min + u[i] * (p.max - p.min));
  });
}

/** Full factorial; the first parameter varies slowest. */
export function grid(levels: readonly number[][]): number[][] {
  let rows: number[][] = [[]];
  for (const l of levels) rows = rows.flatMap((r) => l.map((v) => [...r, v]));
  return rows;
}

function shuffle(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** n points in [0,1)^k; in every dimension each of the n strata [j/n, (j+1)/n) holds exactly one point. */
export function latinHypercube(n: number, k: number, rng: Rng): number[][] {
  const perms = Array.from({ length: k }, () => shuffle(n, rng));
  return Array.from({ length: n }, (_, i) => perms.map((perm) => (perm[i] + rng()) / n));
}

/** The Morris step on a grid of p levels: p / (2 (p - 1)), so every level has a partner level. */
export function morrisDelta(levels: number): number {
  return levels / (2 * (levels - 1));
}

/**
 * r trajectories of k + 1 points on the p-level grid of [0,1]^k: each step changes one factor, in random order,
 * by +delta or -delta, and every factor changes exactly once per trajectory (Morris 1991).
 */
export function morrisTrajectories(r: number, k: number, levels: number, rng: Rng): number[][] {
  const delta = morrisDelta(levels);
  const low = levels / 2; // levels 0 .. p/2 - 1 can step up by delta and stay on the grid
  const rows: number[][] = [];
  for (let t = 0; t < r; t++) {
    const x = Array.from({ length: k }, () => {
      const base = Math.floor(rng() * low) / (levels - 1);
      return rng() < 0.5 ? base : base + delta;
    });
    rows.push([...x]);
    for (const i of shuffle(k, rng)) {
      // Starting levels lie below delta and their partners at or above it, so the step stays inside [0, 1].
      x[i] = x[i] < delta - 1e-12 ? x[i] + delta : x[i] - delta;
      rows.push([...x]);
    }
  }
  return rows;
}

/** Saltelli's sampling: for each of n rows of two independent matrices A and B, the rows A, B, AB_1..AB_k. */
export function saltelli(n: number, k: number, rng: Rng): number[][] {
  const rows: number[][] = [];
  for (let j = 0; j < n; j++) {
    const a = Array.from({ length: k }, () => rng());
    const b = Array.from({ length: k }, () => rng());
    rows.push(a, b);
    for (let i = 0; i < k; i++) rows.push(a.map((v, c) => (c === i ? b[c] : v)));
  }
  return rows;
}

/** Every design row's parameter values, in the order the points are numbered. */
export function designRows(d: Design): number[][] {
  const k = d.parameters.length;
  switch (d.kind) {
    case 'grid':
      return grid(d.parameters.map(gridLevels));
    case 'latin-hypercube':
      return latinHypercube(d.samples, k, designRng(d.kind, d.seed)).map((u) => fromUnit(d.parameters, u));
    case 'morris':
      return morrisTrajectories(d.trajectories, k, d.levels, designRng(d.kind, d.seed)).map((u) => fromUnit(d.parameters, u));
    case 'saltelli':
      return saltelli(d.samples, k, designRng(d.kind, d.seed)).map((u) => fromUnit(d.parameters, u));
  }
}

/** Number of design rows, known before generating them (for the budget check). */
export function designSize(d: Design): number {
  const k = d.parameters.length;
  switch (d.kind) {
    case 'grid':
      return d.parameters.reduce((n, p) => n * gridLevels(p).length, 1);
    case 'latin-hypercube':
      return d.samples;
    case 'morris':
      return d.trajectories * (k + 1);
    case 'saltelli':
      return d.samples * (k + 2);
  }
}
