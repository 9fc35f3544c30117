import { describe, expect, it } from 'vitest';
import type { PointRecord } from './records.js';
import type { Experiment } from './schema.js';
import { SWEEP_SERIES } from './measures.js';
import { SLOPE_SERIES, slopeRows, slopesCsv } from './slopes.js';

const SERIES = SWEEP_SERIES.map(([name]) => name);

/** A point whose replicates have the given additional departures and programme spend (other series empty). */
function point(index: number, values: number[], seed: number, additional: number[], spend: number[]): PointRecord {
  return {
    point: index, seed, values, scenarioHash: '',
    series: SERIES,
    figures: additional.map((a, r) => SERIES.map((s) => (s === 'additional_departures' ? a : s === 'programme_spend' ? spend[r] : null))),
  };
}

const grid = { design: { kind: 'grid' } } as Experiment;

describe('sweep slopes', () => {
  it('pairs replicates of neighbouring levels of the first parameter, at each level of the others', () => {
    // Stipend 0, 1000, 2000 crossed with removals 500 and 900; replicate noise shared along each line of the grid.
    const records = [0, 1000, 2000].flatMap((stipend, i) => [500, 900].map((removals, j) =>
      point(2 * i + j, [stipend, removals], 7, [10 + i * 5 + j, 30 + i * 5 + j, 50 + i * 5 + j], [1e6 * i + 100, 1e6 * i + 300, 1e6 * i + 500])));
    const rows = slopeRows(grid, records);
    expect(rows.map((r) => `${r.from.point}>${r.to.point}`)).toEqual(['0>2', '0>2', '0>2', '1>3', '1>3', '1>3', '2>4', '2>4', '2>4', '3>5', '3>5', '3>5']);
    const at = (from: number, series: string) => rows.find((r) => r.from.point === from && r.series === series)!;
    // The shared noise (10, 30, 50) cancels: every replicate adds exactly 5 departures and $1M.
    expect(at(1, SLOPE_SERIES.additional).value).toEqual({ mean: 5, lo95: 5, hi95: 5 });
    expect(at(1, SLOPE_SERIES.spend).value).toEqual({ mean: 1e6, lo95: 1e6, hi95: 1e6 });
    expect(at(1, SLOPE_SERIES.cost)).toMatchObject({ value: { mean: 2e5, lo95: 2e5, hi95: 2e5 }, unit: 'money', note: '' });
    expect(slopesCsv(['stipend', 'removalsPerDay'], rows, 'EUR').split('\n').slice(0, 2)).toEqual([
      'from_point,to_point,stipend,removalsPerDay,stipend_to,seed,series,unit,mean,lo95,hi95,interval,note',
      '0,2,0,500,1000,7,incremental_additional_departures,persons,5,5,5,paired t over replicate differences,',
    ]);
  });

  it('keeps seeds apart and has no slopes for designs other than a grid', () => {
    const records = [1, 2].flatMap((seed) => [0, 1000].map((stipend, i) => point(2 * (seed - 1) + i, [stipend], seed, [1 + i, 2 + i], [10 + i, 20 + i])));
    expect(slopeRows(grid, records).map((r) => [r.seed, r.from.point, r.to.point])).toEqual([[1, 0, 1], [1, 0, 1], [1, 0, 1], [2, 2, 3], [2, 2, 3], [2, 2, 3]]);
    expect(slopeRows({ design: { kind: 'morris' } } as Experiment, records)).toEqual([]);
  });
});
