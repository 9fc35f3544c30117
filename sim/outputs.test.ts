import { csvParse } from 'd3-dsv';
import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/parse.js';
import { replicatesCsv, resultsCsv } from './outputs.js';
import { createPool } from './pool.js';
import { runScenario } from './run.js';
import { TEST_POPULATION } from './test-support/scenario.js';

const pool = createPool(1);
afterAll(() => pool.close());

/** A group name with everything a name may hold (scenarios/population-schema.ts) besides letters: it comes back whole. */
const AWKWARD = "Cote d'Ivoire - St. Kitts_2";

describe('result tables', () => {
  it('read back whole in any CSV reader: every row, every cell, every group name and every number as run', async () => {
    const groups = TEST_POPULATION.groups.map((g, k) => (k === 0 ? { ...g, name: AWKWARD } : g));
    const s = parseScenario({
      version: 2, name: 'csv', title: 'csv', time: { start: '2025-01-01', steps: 4 }, replicates: 3, seed: 3, model: { name: 'utility' },
      population: { ...TEST_POPULATION, agents: 3000, groups },
      programme: { start: '2025-01-01', stipend: 2000 },
      enforcement: { removalsPerDay: 20 },
    });
    const out = await runScenario(s, { executor: pool, twin: true });

    const results = csvParse(resultsCsv(out));
    expect(results.columns).toEqual(['period_start', 'period_end', 'step', 'arm', 'group', 'series', 'kind', 'unit', 'mean', 'lo95', 'hi95']);
    expect(results).toHaveLength(out.rows.length);
    results.forEach((row, k) => {
      const r = out.rows[k];
      expect([row.period_start, row.period_end, Number(row.step), row.arm, row.group, row.series, row.kind, row.unit])
        .toEqual([r.date, r.dateEnd, r.step, r.arm, r.group, r.series, r.kind, r.unit]);
      const cell = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : x);
      expect([row.mean, row.lo95, row.hi95].map((x) => (x === '' ? '' : Number(x)))).toEqual([cell(r.value.mean), cell(r.value.lo95), cell(r.value.hi95)]);
    });
    expect(results.filter((r) => r.group === AWKWARD).length).toBeGreaterThan(0);

    const replicates = csvParse(replicatesCsv(out));
    expect(replicates.columns).toEqual(['replicate', 'period_start', 'period_end', 'step', 'arm', 'group', 'series', 'kind', 'unit', 'value']);
    expect(replicates).toHaveLength(3 * out.rows.length);
    expect(replicates.filter((r) => r.group === AWKWARD)).toHaveLength(3 * results.filter((r) => r.group === AWKWARD).length);
    // The mean over replicates of each row's values is the mean results.csv gives, for rows whose figure is a mean.
    const present = replicates.filter((r) => r.arm === 'programme' && r.group === AWKWARD && r.series === 'cum_departures_assisted' && r.step === '3');
    const mean = results.find((r) => r.arm === 'programme' && r.group === AWKWARD && r.series === 'cum_departures_assisted' && r.step === '3')!.mean;
    expect(present.map((r) => r.replicate)).toEqual(['0', '1', '2']);
    expect(present.reduce((a, r) => a + Number(r.value), 0) / 3).toBeCloseTo(Number(mean), 6);
  });
});
