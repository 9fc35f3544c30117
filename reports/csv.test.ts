import { describe, expect, it } from 'vitest';
import { parseResultsCsv } from './csv.js';
import { buildFixtureRun } from './test-support/fixture.js';

const HEAD = 'period_start,period_end,step,arm,group,series,kind,unit,mean,lo95,hi95';

describe('parseResultsCsv', () => {
  it('reads empty cells as missing values, not zero', () => {
    const rows = parseResultsCsv(`${HEAD}\n2025-01-01,2025-01-31,0,difference,all,cost_per_additional_departure,cumulative,USD,,,\n`
      + '2025-02-01,2025-02-28,1,programme,all,present,stock,persons,0,-1.5,2e3\n');
    expect(rows).toEqual([
      { date: '2025-01-01', step: 0, arm: 'difference', group: 'all', series: 'cost_per_additional_departure', mean: null, lo95: null, hi95: null },
      { date: '2025-02-01', step: 1, arm: 'programme', group: 'all', series: 'present', mean: 0, lo95: -1.5, hi95: 2000 },
    ]);
  });

  it('finds columns by name and accepts CRLF, a BOM, quoted fields and a missing final newline', () => {
    const rows = parseResultsCsv('\ufeffseries,arm,group,step,period_start,hi95,lo95,mean,extra\r\n"present",programme,"St. Kitts, Nevis",3,2025-04-01,3,1,2,x');
    expect(rows).toEqual([{ date: '2025-04-01', step: 3, arm: 'programme', group: 'St. Kitts, Nevis', series: 'present', mean: 2, lo95: 1, hi95: 3 }]);
  });

  it('names the line of a bad number and a missing column', () => {
    expect(() => parseResultsCsv(`${HEAD}\n2025-01-01,2025-01-31,0,programme,all,present,stock,persons,abc,,\n`)).toThrow(/line 2: mean/);
    expect(() => parseResultsCsv('period_start,step,arm,group,series,mean,lo95\n')).toThrow(/hi95/);
    expect(() => parseResultsCsv(`${HEAD}\n2025-01-01,2025-01-31,1.5,programme,all,present,stock,persons,1,,\n`)).toThrow(/step/);
  });

  it('reads the fixture completely: every step, arm, series and group', () => {
    const rows = parseResultsCsv(buildFixtureRun().resultsCsv);
    expect(new Set(rows.map((r) => r.step)).size).toBe(36);
    expect(new Set(rows.map((r) => r.arm))).toEqual(new Set(['programme', 'counterfactual', 'difference']));
    expect(rows.some((r) => r.mean === null)).toBe(true);
    expect(rows.filter((r) => r.series === 'cum_departures_assisted' && r.group === 'El Salvador')).toHaveLength(36 * 3);
  });
});
