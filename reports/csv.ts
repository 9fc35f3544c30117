import { readFile } from 'node:fs/promises';
import { csvParse } from 'd3-dsv';

/** One row of results.csv (docs/outputs.md). Empty cells are missing values and become null. */
export interface ResultRow {
  /** First day of the step (the CSV's period_start). */
  date: string;
  step: number;
  arm: string;
  /** A group of the population, or "all". */
  group: string;
  series: string;
  mean: number | null;
  lo95: number | null;
  hi95: number | null;
}

const COLUMNS = ['period_start', 'step', 'arm', 'group', 'series', 'mean', 'lo95', 'hi95'] as const;

function parseNumber(cell: string, column: string, line: number): number | null {
  const trimmed = cell.trim();
  if (trimmed === '' || trimmed === 'NA') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value)) {
    throw new Error(`results.csv line ${line}: ${column} is not a number: ${JSON.stringify(cell)}`);
  }
  return value;
}

/** Parses results.csv text. Columns are found by header name, so added columns do not break the reader. */
export function parseResultsCsv(text: string): ResultRow[] {
  const records = csvParse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (records.columns.length === 0) throw new Error('results.csv is empty');
  const missing = COLUMNS.filter((c) => !records.columns.includes(c));
  if (missing.length > 0) throw new Error(`results.csv has no column "${missing[0]}" (header: ${records.columns.join(',')})`);
  return records.map((record, k) => {
    const line = k + 2;
    const cell = (name: (typeof COLUMNS)[number]) => record[name] ?? '';
    const step = parseNumber(cell('step'), 'step', line);
    if (step === null || !Number.isInteger(step)) throw new Error(`results.csv line ${line}: step must be an integer`);
    return {
      date: cell('period_start').trim(),
      step,
      arm: cell('arm').trim(),
      group: cell('group').trim(),
      series: cell('series').trim(),
      mean: parseNumber(cell('mean'), 'mean', line),
      lo95: parseNumber(cell('lo95'), 'lo95', line),
      hi95: parseNumber(cell('hi95'), 'hi95', line),
    };
  });
}

export async function readResultsCsv(path: string): Promise<ResultRow[]> {
  return parseResultsCsv(await readFile(path, 'utf8'));
}
