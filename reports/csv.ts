import { readFile } from 'node:fs/promises';

/** One row of results.csv (docs/outputs.md). Empty cells are missing values and become null. */
export interface ResultRow {
  date: string;
  step: number;
  arm: string;
  series: string;
  mean: number | null;
  lo95: number | null;
  hi95: number | null;
}

const COLUMNS = ['date', 'step', 'arm', 'series', 'mean', 'lo95', 'hi95'] as const;

/** Splits CSV text into records of fields (RFC 4180: quoted fields may hold commas, quotes and newlines). */
export function parseCsvRecords(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  // True once anything of the current record has been read, so a last line holding only "" still counts.
  let started = false;
  let i = 0;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < body.length) {
    const c = body[i];
    started = true;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += c;
      }
      i += 1;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
    } else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      started = false;
      if (c === '\r' && body[i + 1] === '\n') i += 1;
    } else {
      field += c;
    }
    i += 1;
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  // A final line without a newline still counts; a trailing newline does not add an empty record.
  if (started) {
    record.push(field);
    records.push(record);
  }
  return records;
}

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
  const records = parseCsvRecords(text).filter((r) => !(r.length === 1 && r[0].trim() === ''));
  if (records.length === 0) throw new Error('results.csv is empty');
  const header = records[0].map((h) => h.trim());
  const index = Object.fromEntries(
    COLUMNS.map((name) => {
      const at = header.indexOf(name);
      if (at < 0) throw new Error(`results.csv has no column "${name}" (header: ${header.join(',')})`);
      return [name, at];
    }),
  ) as Record<(typeof COLUMNS)[number], number>;

  return records.slice(1).map((record, k) => {
    const line = k + 2;
    const cell = (name: (typeof COLUMNS)[number]) => record[index[name]] ?? '';
    const step = parseNumber(cell('step'), 'step', line);
    if (step === null || !Number.isInteger(step)) {
      throw new Error(`results.csv line ${line}: step must be an integer`);
    }
    return {
      date: cell('date').trim(),
      step,
      arm: cell('arm').trim(),
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
