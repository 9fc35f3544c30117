import { csvFormatRows } from 'd3-dsv';
import { posterior, type AbcState } from './smc.js';

/**
 * Tidy CSV text and posterior summaries of a calibration, built from its state alone: the same state gives the
 * same bytes however the calibration was run, split or resumed. Numbers are written as String(x) (the shortest
 * text that reads back to the same double), non-finite numbers as empty cells.
 */

const cell = (x: number | null) => (x !== null && Number.isFinite(x) ? String(x) : '');
const csv = (rows: string[][]) => csvFormatRows(rows) + '\n';

/** One row per particle of every generation; the rows of the last generation are the posterior sample. */
export function particlesCsv(names: readonly string[], state: AbcState): string {
  const rows = [['generation', 'particle', 'candidate', ...names, 'weight', 'distance']];
  for (const g of state.generations) {
    g.particles.forEach((p, i) => rows.push([String(g.generation), String(i), String(p.candidate), ...p.theta.map(cell), cell(p.weight), cell(p.distance)]));
  }
  return csv(rows);
}

/** One generation's diagnostics; `complete` false (and no ESS) for a generation the budget cut short. */
export interface GenerationRow {
  generation: number;
  tolerance: number | null;
  evaluations: number;
  accepted: number;
  acceptanceRate: number;
  ess: number | null;
  complete: boolean;
}

/**
 * One row per generation. The acceptance rate is accepted / evaluations, with evaluations every simulation run for
 * the generation (the end of its last batch included).
 */
export function generationRows(state: AbcState): GenerationRow[] {
  const rows = state.generations.map((g): GenerationRow => ({
    generation: g.generation, tolerance: g.tolerance, evaluations: g.evaluations, accepted: g.particles.length,
    acceptanceRate: g.particles.length / g.evaluations, ess: g.ess, complete: true,
  }));
  const cut = state.stopped === 'budget' ? state.pending : null;
  if (cut) {
    rows.push({ generation: cut.generation, tolerance: cut.tolerance, evaluations: cut.evaluations, accepted: cut.accepted.length,
      acceptanceRate: cut.accepted.length / cut.evaluations, ess: null, complete: false });
  }
  return rows;
}

/** generationRows as CSV: a generation the budget cut short has fewer particles than asked for and no ESS. */
export function diagnosticsCsv(state: AbcState): string {
  const rows = [['generation', 'tolerance', 'evaluations', 'accepted', 'acceptance_rate', 'ess']];
  for (const g of generationRows(state)) {
    rows.push([String(g.generation), cell(g.tolerance), String(g.evaluations), String(g.accepted), cell(g.acceptanceRate), cell(g.ess)]);
  }
  return csv(rows);
}

export interface ParameterSummary {
  parameter: string;
  mean: number;
  /** Weighted standard deviation, sqrt(sum w (x - mean)^2) with the weights summing to 1. */
  sd: number;
  median: number;
  /** q05 and q95 bound the equal-tailed 90% credible interval. */
  q05: number;
  q95: number;
}

/**
 * The smallest value whose weighted share of the sample at or below it reaches q (the inverse of the weighted
 * empirical CDF), given values sorted ascending with their weights.
 */
export function weightedQuantile(sorted: ReadonlyArray<{ value: number; weight: number }>, q: number): number {
  const total = sorted.reduce((s, x) => s + x.weight, 0);
  let cum = 0;
  for (const x of sorted) {
    cum += x.weight;
    if (cum >= q * total) return x.value;
  }
  return sorted[sorted.length - 1].value;
}

/** Summaries of the last generation, one per parameter; empty before generation 0 has finished. */
export function posteriorSummaries(names: readonly string[], state: AbcState): ParameterSummary[] {
  const g = posterior(state);
  if (!g) return [];
  return names.map((parameter, i) => {
    const sorted = g.particles.map((p) => ({ value: p.theta[i], weight: p.weight })).sort((a, b) => a.value - b.value);
    const mean = sorted.reduce((s, x) => s + x.weight * x.value, 0);
    const sd = Math.sqrt(sorted.reduce((s, x) => s + x.weight * (x.value - mean) ** 2, 0));
    return { parameter, mean, sd, median: weightedQuantile(sorted, 0.5), q05: weightedQuantile(sorted, 0.05), q95: weightedQuantile(sorted, 0.95) };
  });
}

export function summaryCsv(summaries: readonly ParameterSummary[]): string {
  return csv([['parameter', 'mean', 'sd', 'median', 'q05', 'q95'], ...summaries.map((s) => [s.parameter, cell(s.mean), cell(s.sd), cell(s.median), cell(s.q05), cell(s.q95)])]);
}
