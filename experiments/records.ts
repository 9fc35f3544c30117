import { InputError } from '../scenarios/errors.js';
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

/** A point file read back; a damaged or foreign file is an InputError naming `file`. */
export function parsePointRecord(text: string, file: string): PointRecord {
  let r: PointRecord;
  try {
    r = JSON.parse(text) as PointRecord;
  } catch (e) {
    throw new InputError(file, [{ path: '', value: text.slice(-40), expected: `expected a complete point file (${(e as Error).message}); delete it and run the sweep again with --resume` }]);
  }
  if (!r || !Array.isArray(r.series) || !Array.isArray(r.figures) || !Array.isArray(r.values)) {
    throw new InputError(file, [{ path: '', value: text.slice(0, 40), expected: 'expected a point file of departure-sim sweep' }]);
  }
  if (r.series.join() !== SWEEP_SERIES.map(([n]) => n).join()) {
    throw new InputError(file, [{ path: 'series', value: r.series.join(', '), expected: 'expected the series of this version; re-run the point with this version' }]);
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
