import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns, identityOf, pairedRunOf, type PairedRun } from './comparison.js';
import { createPool } from './pool.js';
import { runScenario } from './run.js';
import type { Estimate } from './stats.js';
import { testScenario } from './test-support/scenario.js';

/** Two stipends on a small population: 20,000 agents, the preset's three years, eight replicates on one seed. */
const stipend = (amount: number) => testScenario('stipend-5000', (raw) => {
  raw.name = `stipend-${amount}`;
  raw.population.agents = 20_000;
  raw.time.steps = 36;
  raw.replicates = 8;
  raw.programme.stipend = [{ from: '2025-01-01', value: 0 }, { from: '2025-05-05', value: amount }];
});

const pool = createPool(2);
afterAll(() => pool.close());

async function paired(amount: number): Promise<PairedRun> {
  const s = stipend(amount);
  return pairedRunOf(await runScenario(s, { executor: pool, twin: true }), { source: `${s.name}.json`, from: 'scenario file', identity: identityOf(s) });
}

const width = (e: Estimate) => e.hi95! - e.lo95!;

describe('compare', () => {
  it('gives two stipends on common random numbers a paired interval narrower than the unpaired one', async () => {
    const c = compareRuns(await paired(5000), await paired(10000));
    for (const key of ['programmeDepartures', 'additionalDepartures', 'spend.programme']) {
      const f = c.figures.find((x) => x.key === key)!;
      expect(Math.abs(f.difference.mean! - (f.b.mean! - f.a.mean!)), key).toBeLessThan(1e-9 * f.b.mean!);
      expect(f.difference.mean, key).toBeGreaterThan(0);
      expect(width(f.difference), key).toBeLessThan(width(f.unpaired));
    }
    // Who takes up the offer moves together in both runs, so pairing removes most of its noise. Additional
    // departures gain less (here about a third): each run's own figure already subtracts the twin both share.
    const uptake = c.figures.find((x) => x.key === 'programmeDepartures')!;
    expect(width(uptake.difference)).toBeLessThan(width(uptake.unpaired) / 2);
    // A higher stipend buys more departures at more spend: the ratio of the changes is positive with an interval.
    expect(c.incrementalCost.mean).toBeGreaterThan(0);
    expect(c.incrementalCost.lo95!).toBeLessThan(c.incrementalCost.mean!);
    expect(c.incrementalCost.hi95!).toBeGreaterThan(c.incrementalCost.mean!);
    // Every series at every step is compared, in both arms and their difference.
    const row = c.rows.find((r) => r.step === 35 && r.arm === 'difference' && r.group === 'all' && r.series === 'cum_departures_total')!;
    expect(row.difference.mean).toBeCloseTo(c.figures.find((f) => f.key === 'additionalDepartures')!.difference.mean!, 3);
  });

  it('finds no difference between a run and itself, and no incremental cost to divide', async () => {
    const a = await paired(3000);
    const c = compareRuns(a, a);
    for (const f of c.figures.filter((x) => x.a.mean !== null)) expect(f.difference, f.key).toEqual({ mean: 0, lo95: 0, hi95: 0 });
    expect(c.incrementalCost).toMatchObject({ mean: null, note: expect.stringMatching(/denominator is zero/) });
  });
});
