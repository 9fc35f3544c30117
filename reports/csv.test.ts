import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsvRecords, parseResultsCsv } from './csv.js';
import { buildFixtureRun } from './test-support/fixture.js';

describe('parseResultsCsv', () => {
  it('reads empty cells as missing values, not zero', () => {
    const rows = parseResultsCsv(
      'date,step,arm,series,mean,lo95,hi95\n2025-01-01,0,difference,cost_per_additional_departure,,,\n2025-02-01,1,programme,present,0,-1.5,2e3\n',
    );
    expect(rows).toEqual([
      { date: '2025-01-01', step: 0, arm: 'difference', series: 'cost_per_additional_departure', mean: null, lo95: null, hi95: null },
      { date: '2025-02-01', step: 1, arm: 'programme', series: 'present', mean: 0, lo95: -1.5, hi95: 2000 },
    ]);
  });

  it('finds columns by name and accepts CRLF, a BOM and a missing final newline', () => {
    const rows = parseResultsCsv('\ufeffseries,arm,step,date,hi95,lo95,mean,extra\r\n"present",programme,3,2025-04-01,3,1,2,x');
    expect(rows).toEqual([{ date: '2025-04-01', step: 3, arm: 'programme', series: 'present', mean: 2, lo95: 1, hi95: 3 }]);
  });

  it('names the line of a bad number and a missing column', () => {
    expect(() => parseResultsCsv('date,step,arm,series,mean,lo95,hi95\n2025-01-01,0,programme,present,abc,,\n')).toThrow(/line 2: mean/);
    expect(() => parseResultsCsv('date,step,arm,series,mean,lo95\n')).toThrow(/hi95/);
    expect(() => parseResultsCsv('date,step,arm,series,mean,lo95,hi95\n2025-01-01,1.5,programme,present,1,,\n')).toThrow(/step/);
  });

  it('reads the fixture completely: every step, arm and series', () => {
    const rows = parseResultsCsv(buildFixtureRun().resultsCsv);
    expect(new Set(rows.map((r) => r.step)).size).toBe(36);
    expect(new Set(rows.map((r) => r.arm))).toEqual(new Set(['programme', 'counterfactual', 'difference']));
    expect(rows.some((r) => r.mean === null)).toBe(true);
    expect(rows.filter((r) => r.series === 'cum_departures_assisted.ElSalvador')).toHaveLength(36 * 3);
  });
});

describe('parseCsvRecords', () => {
  const field = fc.string({ unit: fc.constantFrom('a', 'Z', '1', ',', '"', '\n', '\r', ' ', 'é', '-') });
  const quote = (f: string) => (/[",\r\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);

  it('returns exactly the records that were written, whatever the fields hold', () => {
    fc.assert(
      fc.property(fc.array(fc.array(field, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }), (records) => {
        const text = records.map((r) => r.map(quote).join(',')).join('\r\n');
        expect(parseCsvRecords(text)).toEqual(records);
      }),
    );
  });

  it('rejects an unterminated quoted field', () => {
    expect(() => parseCsvRecords('a,"b\n')).toThrow(/quoted/);
  });
});
