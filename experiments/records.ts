import { canonicalJson, csvCell } from '../sim/outputs.js';
import { SWEEP_SERIES } from './measures.js';

/** What one finished point leaves on disk: enough to build every sweep output without re-running it. */
export interface PointRecord {
  point: number;
  seed: number;
  values: number[];
  scenarioHash: string;
  series: string[];
  /** [replicate][series], null where undefined. */
  figures: Array<Array<number | null>>;
}

export function pointRecordText(r: PointRecord): string {
  return canonicalJson(r, 0) + '\n';
}

export function parsePointRecord(text: string): PointRecord {
  const r = JSON.parse(text) as PointRecord;
  if (r.series.join() !== SWEEP_SERIES.map(([n]) => n).join()) {
    throw new Error(`point ${r.point} was written with other series (${r.series.join(', ')}); re-run it with this version`);
  }
  return r;
}

export function designCsv(names: readonly string[], points: ReadonlyArray<{ index: number; values: number[]; seed: number }>): string {
  const lines = [['point', ...names, 'seed'].join(',')];
  for (const p of points) lines.push([p.index, ...p.values, p.seed].join(','));
  return lines.join('\n') + '\n';
}

/** Tidy: one row per point x replicate x series, with the design's columns. */
export function sweepResultsCsv(names: readonly string[], records: readonly PointRecord[]): string {
  const lines = [['point', ...names, 'seed', 'replicate', 'series', 'value'].join(',')];
  for (const r of records) {
    const head = [r.point, ...r.values, r.seed].join(',');
    r.figures.forEach((row, rep) => row.forEach((v, s) => lines.push(`${head},${rep},${r.series[s]},${csvCell(v)}`)));
  }
  return lines.join('\n') + '\n';
}
