import { csvFormatRows } from 'd3-dsv';
import { csvCell } from '../sim/outputs.js';
import { PAIRED_T, pairedDifferences, pairedRatio, RATIO_METHOD } from '../sim/paired.js';
import { estimate, type Estimate } from '../sim/stats.js';
import type { PointRecord } from './records.js';
import type { Experiment } from './schema.js';

/**
 * Slopes between neighbouring levels of a grid's first parameter (the dose-response's axis), at each level of the
 * others: what the step from one level to the next adds in additional departures and in programme spend, and the
 * ratio of the two, the incremental spend per incremental additional departure. Points of one seed share their
 * random numbers, so replicate r of one level and of the next are paired, exactly as `departure-sim compare`
 * pairs two runs.
 */

export const SLOPE_SERIES = {
  additional: 'incremental_additional_departures',
  spend: 'incremental_programme_spend',
  cost: 'incremental_cost_per_additional_departure',
} as const;

export interface SlopeRow {
  /** The lower level's point and its parameter values (the design's order). */
  from: { point: number; values: number[] };
  /** The next level of the first parameter, the others unchanged. */
  to: { point: number; value: number };
  seed: number;
  series: string;
  /** persons, or money (the currency's code in slopes.csv). */
  unit: 'persons' | 'money';
  value: Estimate;
  interval: string;
  /** Why the value or its interval is missing. */
  note: string;
}

const column = (r: PointRecord, series: string) => r.figures.map((row) => row[r.series.indexOf(series)]);

/** Slopes of a grid along its first parameter, per seed, level of the other parameters and neighbouring pair; none for other designs. */
export function slopeRows(e: Experiment, records: readonly PointRecord[]): SlopeRow[] {
  if (e.design.kind !== 'grid') return [];
  // Points that differ only in the first parameter form one line of the grid.
  const lines = new Map<string, PointRecord[]>();
  for (const r of records) {
    const key = JSON.stringify([r.seed, ...r.values.slice(1)]);
    lines.set(key, [...(lines.get(key) ?? []), r]);
  }
  return [...lines.values()].flatMap((line) => {
    const levels = [...line].sort((x, y) => x.values[0] - y.values[0] || x.point - y.point);
    return levels.slice(1).flatMap((hi, k) => {
      const lo = levels[k];
      const at = { from: { point: lo.point, values: lo.values }, to: { point: hi.point, value: hi.values[0] }, seed: lo.seed };
      const spend = pairedDifferences(column(lo, 'programme_spend'), column(hi, 'programme_spend'));
      const additional = pairedDifferences(column(lo, 'additional_departures'), column(hi, 'additional_departures'));
      const { note, ...cost } = pairedRatio(spend, additional);
      return [
        { ...at, series: SLOPE_SERIES.additional, unit: 'persons' as const, value: estimate(additional), interval: PAIRED_T, note: '' },
        { ...at, series: SLOPE_SERIES.spend, unit: 'money' as const, value: estimate(spend), interval: PAIRED_T, note: '' },
        { ...at, series: SLOPE_SERIES.cost, unit: 'money' as const, value: cost, interval: RATIO_METHOD.name, note: note ?? '' },
      ];
    });
  }).sort((x, y) => x.seed - y.seed || x.from.point - y.from.point);
}

/**
 * slopes.csv, tidy: one row per seed x neighbouring pair x series. The parameter columns hold the lower point's
 * values; `<first parameter>_to` the next level of the first parameter, the only one that changes.
 */
export function slopesCsv(names: readonly string[], rows: readonly SlopeRow[], currency: string): string {
  const header = ['from_point', 'to_point', ...names, `${names[0]}_to`, 'seed', 'series', 'unit', 'mean', 'lo95', 'hi95', 'interval', 'note'];
  return `${csvFormatRows([header, ...rows.map((r) => [
    String(r.from.point), String(r.to.point), ...r.from.values.map(String), String(r.to.value), String(r.seed), r.series,
    r.unit === 'money' ? currency : r.unit, csvCell(r.value.mean), csvCell(r.value.lo95), csvCell(r.value.hi95), r.interval, r.note,
  ])])}\n`;
}
