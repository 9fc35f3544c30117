import { csvCell } from '../sim/outputs.js';
import { estimate, type Estimate } from '../sim/stats.js';
import type { PointRecord } from './records.js';
import type { Experiment } from './schema.js';
import { morrisIndices, sobolIndices, type MorrisIndex, type SobolIndex } from './sensitivity.js';

/** Series that the sensitivity analyses and the report examine. */
const ANALYSED_SERIES = ['programme_departures', 'additional_departures', 'cost_per_additional_departure', 'removals'] as const;

export interface SummaryRow {
  point: number;
  values: number[];
  seed: number;
  series: string;
  value: Estimate;
}

/** Per point and series: the mean over replicates with its 95% t-interval (the dose-response and heatmap data). */
export function summaryRows(records: readonly PointRecord[]): SummaryRow[] {
  return records.flatMap((r) => r.series.map((series, s) => ({
    point: r.point, values: r.values, seed: r.seed, series,
    value: estimate(r.figures.map((row) => row[s] ?? NaN)),
  })));
}

export function summaryCsv(names: readonly string[], rows: readonly SummaryRow[]): string {
  const lines = [['point', ...names, 'seed', 'series', 'mean', 'lo95', 'hi95'].join(',')];
  for (const r of rows) lines.push([r.point, ...r.values, r.seed, r.series, csvCell(r.value.mean), csvCell(r.value.lo95), csvCell(r.value.hi95)].join(','));
  return lines.join('\n') + '\n';
}

/**
 * The output per design row for a sensitivity analysis: the mean over seeds and replicates; null when the
 * series is undefined anywhere (then no index can be estimated for it).
 */
function rowOutputs(records: readonly PointRecord[], rows: number, series: string): number[] | null {
  const sum = new Array<number>(rows).fill(0);
  const count = new Array<number>(rows).fill(0);
  for (const r of records) {
    const s = r.series.indexOf(series);
    for (const row of r.figures) {
      const v = row[s];
      if (v === null) return null;
      sum[r.point % rows] += v;
      count[r.point % rows]++;
    }
  }
  return sum.map((x, i) => x / count[i]);
}

function unitValues(e: Experiment, records: readonly PointRecord[], rows: number): number[][] {
  const ps = e.design.parameters;
  return records.slice(0, rows).map((r) => r.values.map((v, i) => {
    const p = ps[i];
    return 'min' in p ? (v - p.min) / (p.max - p.min) : v;
  }));
}

export interface MorrisRow { parameter: string; series: string; index: MorrisIndex | null }
export interface SobolRow { parameter: string; series: string; index: SobolIndex | null }

export function morrisRows(e: Experiment, records: readonly PointRecord[]): MorrisRow[] {
  const rows = records.length / e.seeds.length;
  const unit = unitValues(e, records, rows);
  const k = e.design.parameters.length;
  return ANALYSED_SERIES.flatMap((series) => {
    const y = rowOutputs(records, rows, series);
    const idx = y ? morrisIndices(unit, y, k) : null;
    return e.design.parameters.map((p, i) => ({ parameter: p.name, series, index: idx ? idx[i] : null }));
  });
}

export function sobolRows(e: Experiment, records: readonly PointRecord[]): SobolRow[] {
  const rows = records.length / e.seeds.length;
  const k = e.design.parameters.length;
  return ANALYSED_SERIES.flatMap((series) => {
    const y = rowOutputs(records, rows, series);
    const idx = y && sobolIndices(y, k);
    return e.design.parameters.map((p, i) => ({ parameter: p.name, series, index: idx ? idx[i] : null }));
  });
}

export function morrisCsv(rows: readonly MorrisRow[]): string {
  const lines = ['parameter,series,mu_star,mu,sigma'];
  for (const r of rows) lines.push([r.parameter, r.series, csvCell(r.index?.muStar ?? null), csvCell(r.index?.mu ?? null), csvCell(r.index?.sigma ?? null)].join(','));
  return lines.join('\n') + '\n';
}

export function sobolCsv(rows: readonly SobolRow[]): string {
  const lines = ['parameter,series,S1,S1_lo95,S1_hi95,ST,ST_lo95,ST_hi95'];
  for (const r of rows) {
    const i = r.index;
    lines.push([r.parameter, r.series, ...(i ? [i.s1, i.s1Lo, i.s1Hi, i.st, i.stLo, i.stHi].map(String) : ['', '', '', '', '', ''])].join(','));
  }
  return lines.join('\n') + '\n';
}
