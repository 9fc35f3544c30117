import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsCsv, summaryJson } from './outputs.js';
import { createPool, type WorkerPool } from './pool.js';
import { BLOCK_SIZE, blockCount } from './population.js';
import { runScenario, type RunOutput } from './run.js';
import { testScenario } from './test-support/scenario.js';

const pools = new Map<number, WorkerPool>();
const pool = (n: number) => {
  if (!pools.has(n)) pools.set(n, createPool(n));
  return pools.get(n)!;
};
afterAll(async () => {
  for (const p of pools.values()) await p.close();
});

const run = (s: ReturnType<typeof testScenario>, workers = 2, twin = true) => runScenario(s, { executor: pool(workers), twin });
const series = (o: RunOutput, r: number, name: string, arm: 0 | 1) => o.replicates[r].series[name][arm];

describe('engine', () => {
  const cbp = testScenario('cbp-home-2025');

  it('gives byte-identical results.csv and summary.json for 1, 2 and 4 workers', async () => {
    // Five blocks, so that four workers each claim at least one.
    const five = testScenario('cbp-home-2025', (s) => { s.population.agents = 4 * BLOCK_SIZE + 1; });
    expect(blockCount(five.population.agents)).toBe(5);
    const outs = await Promise.all([1, 2, 4].map(async (w) => {
      const o = await run(five, w);
      return [resultsCsv(o), summaryJson(o, 'cmd')];
    }));
    expect(outs[0][0].length).toBeGreaterThan(1000);
    expect(outs[1]).toEqual(outs[0]);
    expect(outs[2]).toEqual(outs[0]);
  });

  it('conserves agents in every step and arm, and adds spend up to the category totals', async () => {
    const o = await run(cbp);
    const persons = cbp.population.persons;
    for (let r = 0; r < o.replicates.length; r++) {
      for (const arm of [0, 1] as const) {
        const stock = ['present', 'registered', 'preparing', 'cum_departures_assisted', 'cum_departures_unassisted', 'cum_removals'];
        for (let t = 0; t < o.policy.steps; t++) {
          const total = stock.reduce((s, name) => s + series(o, r, name, arm)[t], 0);
          expect(total).toBeCloseTo(persons, 3);
        }
        const categories = ['spend_stipends', 'spend_travel', 'spend_admin', 'spend_advertising'];
        const cum = series(o, r, 'cum_spend_programme', arm);
        let acc = 0;
        for (let t = 0; t < o.policy.steps; t++) {
          acc += categories.reduce((s, name) => s + series(o, r, name, arm)[t], 0);
          expect(cum[t]).toBeCloseTo(acc, 2);
        }
      }
    }
    const h = o.headline.spend;
    const parts = h.stipends.mean! + h.stipendsOwed.mean! + h.travel.mean! + h.admin.mean! + h.advertising.mean!;
    expect(h.programme.mean!).toBeCloseTo(parts, 0);
    expect(o.headline.programmeDepartures.mean!).toBeGreaterThan(0);
    // The per-step cost series ends at the headline figure: both count stipends owed for departures made.
    const costRows = o.rows.filter((r) => r.series === 'cost_per_additional_departure');
    expect(costRows[costRows.length - 1].value).toEqual(o.headline.costPerAdditionalDeparture);
    const share = o.headline.deadweightShare.mean!;
    expect(share).toBeGreaterThanOrEqual(0);
    expect(share).toBeLessThanOrEqual(1);
  });

  it('pays stipends within the step when the payment delay is shorter than half a step', async () => {
    const o = await run(testScenario('cbp-home-2025', (s) => { s.programme.paymentDelayDays = 0; }));
    expect(o.headline.spend.stipends.mean!).toBeGreaterThan(0);
    expect(o.headline.spend.stipendsOwed.mean).toBe(0);
  });

  it('gives about the same departures whether a year is 12 monthly or 52 weekly steps', async () => {
    const year = (unit: string, steps: number) => testScenario('baseline-no-programme', (s) => {
      s.time = { start: '2025-01-01', steps, stepUnit: unit };
      s.enforcement.removalsPerDay = 742;
    });
    const total = async (s: ReturnType<typeof testScenario>) => {
      const o = await run(s, 2, false);
      return ['cum_departures_unassisted', 'cum_removals'].map((name) => series(o, 0, name, 0)[o.policy.steps - 1]);
    };
    const [monthly, weekly] = [await total(year('month', 12)), await total(year('week', 52))];
    // 52 weeks are 364 days, a day short of the year; the rest is sampling noise of 70,000 agents.
    for (let k = 0; k < 2; k++) expect(Math.abs(weekly[k] / monthly[k] - 1)).toBeLessThan(0.08);
  });

  it('gives exactly zero additional departures when the programme is off in both arms', async () => {
    const o = await run(testScenario('baseline-no-programme'));
    const diffs = o.rows.filter((r) => r.arm === 'difference' && r.series !== 'cost_per_additional_departure');
    expect(diffs.length).toBeGreaterThan(100);
    for (const r of diffs) expect(r.value.mean).toBe(0);
    expect(o.headline.additionalDepartures.mean).toBe(0);
    expect(o.headline.programmeDepartures.mean).toBe(0);
  });

  it('never lowers programme or additional departures when the stipend rises (common random numbers, one seed)', async () => {
    const at = (stipend: number) => testScenario('cbp-home-2025', (s) => {
      s.programme.stipend = [{ from: '2025-01-01', value: 0 }, { from: '2025-05-05', value: stipend }];
      s.replicates = 1;
    });
    const results = [];
    for (const stipend of [0, 1000, 3000, 10_000]) results.push((await run(at(stipend))).headline);
    for (let k = 1; k < results.length; k++) {
      // Tolerance: one agent's worth of persons per step of the horizon for knock-on effects on peers.
      const tol = 200 * 18;
      expect(results[k].programmeDepartures.mean!).toBeGreaterThanOrEqual(results[k - 1].programmeDepartures.mean! - tol);
      expect(results[k].additionalDepartures.mean!).toBeGreaterThanOrEqual(results[k - 1].additionalDepartures.mean! - tol);
    }
    expect(results[3].programmeDepartures.mean!).toBeGreaterThan(results[0].programmeDepartures.mean! * 1.5);
  });

  it.each(['cbp-home-2025', 'cbp-home-2025-planned-behaviour'])('%s: the twin equals a run without the programme, every series at every step', async (preset) => {
    const withProgramme = await run(testScenario(preset));
    const without = await run(testScenario(preset, (s) => { s.programme.enabled = false; }), 2, false);
    expect(withProgramme.headline.programmeDepartures.mean!).toBeGreaterThan(0);
    for (let r = 0; r < withProgramme.replicates.length; r++) {
      for (const name of Object.keys(withProgramme.replicates[r].series)) {
        expect([...series(withProgramme, r, name, 1)], `${name}, replicate ${r}`).toEqual([...series(without, r, name, 0)]);
      }
    }
  });

  it('fails the run with the worker\'s message when a worker throws, in a block or in a whole replicate', async () => {
    const failing = createPool(2, fileURLToPath(new URL('./test-support/failing-worker.mjs', import.meta.url)));
    // Three blocks run over the threads; one block runs its replicates whole (sim/whole-replicate.ts).
    const small = testScenario('cbp-home-2025', (s) => { s.population.agents = 20_000; });
    try {
      for (const s of [cbp, small]) await expect(runScenario(s, { executor: failing, twin: true })).rejects.toThrow(/synthetic worker failure/);
    } finally {
      await failing.close();
    }
  });

  it('stops at the next step when aborted', async () => {
    const controller = new AbortController();
    const promise = runScenario(cbp, { executor: pool(2), twin: true, signal: controller.signal, onProgress: (d) => d === 3 && controller.abort() });
    await expect(promise).rejects.toThrow();
  });
});
