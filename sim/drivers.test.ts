import { afterAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/parse.js';
import { createPool } from './pool.js';
import { runScenario, type RunOutput } from './run.js';
import { TEST_POPULATION } from './test-support/scenario.js';

/**
 * What moves people besides money (issue 14), each driver in the direction the ODD says, on common random
 * numbers: the two runs of a comparison share seed and agents, so differences are the driver's, not noise.
 */
const pool = createPool(2);
afterAll(() => pool.close());

const employment = { initialUnemployment: 0.1, jobLossRate: 0.01, jobFindRate: 0.1, benefitMonths: 12, replacementRate: 0.6, floorShare: 0.3 };

// `change` edits the raw scenario; `groups` edits each group.
function scenario(change: (s: any) => void = () => {}, groups: (g: any) => void = () => {}) {
  const raw: any = {
    version: 2, name: 'drivers', title: 'drivers', time: { start: '2025-01-01', steps: 12 }, replicates: 2, seed: 7,
    model: { name: 'utility' },
    population: { ...TEST_POPULATION, groups: TEST_POPULATION.groups.map((g) => ({ ...g, employment: { ...employment } })) },
    programme: { start: '2025-01-01', stipend: 2000, advertisingPerMonth: 20e6, paymentDelayDays: 30 },
    enforcement: { removalsPerDay: 20 },
  };
  change(raw);
  raw.population.groups.forEach(groups);
  return parseScenario(raw);
}

const run = (s: ReturnType<typeof scenario>) => runScenario(s, { executor: pool, twin: true });
/** A series summed over replicates, by step, in one arm (0: programme, 1: without it). */
const series = (o: RunOutput, name: string, arm: 0 | 1) =>
  Array.from(o.replicates[0].series[name][arm], (_, t) => o.replicates.reduce((sum, r) => sum + r.series[name][arm][t], 0));
const last = (xs: number[]) => xs[xs.length - 1];
const sum = (xs: number[], from = 0, to = xs.length) => xs.slice(from, to).reduce((a, b) => a + b, 0);

describe('drivers besides money', () => {
  it('a recession (job loss up from month 3) raises departures with and without the programme', async () => {
    const calm = await run(scenario());
    const recession = await run(scenario(() => {}, (g) => { g.employment.jobLossRate = [{ from: '2025-01-01', value: 0.01 }, { from: '2025-03-01', value: 0.06 }]; }));
    expect(last(series(recession, 'unemployed', 1))).toBeGreaterThan(1.5 * last(series(calm, 'unemployed', 1)));
    for (const arm of [0, 1] as const) {
      expect(last(series(recession, 'cum_departures_total', arm))).toBeGreaterThan(1.1 * last(series(calm, 'cum_departures_total', arm)));
    }
    expect(recession.headline.programmeDepartures.mean!).toBeGreaterThan(calm.headline.programmeDepartures.mean!);
  }, 120_000);

  it('more generous re-employment (a job found in 3 months rather than 20) lowers uptake', async () => {
    const slow = await run(scenario(() => {}, (g) => { g.employment.jobFindRate = 0.05; }));
    const fast = await run(scenario(() => {}, (g) => { g.employment.jobFindRate = 0.33; }));
    expect(fast.headline.programmeDepartures.mean!).toBeLessThan(0.95 * slow.headline.programmeDepartures.mean!);
  }, 120_000);

  it('outreach to 20% of the eligible a month speeds awareness and uptake; 30% aware at the start does too', async () => {
    const quiet = (s: any) => { s.programme.advertisingPerMonth = 0; };
    const none = await run(scenario(quiet));
    const letters = await run(scenario((s) => { quiet(s); s.information = { outreach: 0.2 }; }));
    const known = await run(scenario((s) => { quiet(s); s.information = { initialAwareness: 0.3 }; }));
    for (const o of [letters, known]) {
      expect(series(o, 'awareness_share', 0)[0]).toBeGreaterThan(series(none, 'awareness_share', 0)[0] + 0.1);
      // Uptake in the first quarter.
      expect(sum(series(o, 'registrations', 0), 0, 3)).toBeGreaterThan(1.2 * sum(series(none, 'registrations', 0), 0, 3));
    }
  }, 120_000);

  it('a raise from $500 to $6,000 in July, announced in January, lowers registrations before it and raises them after', async () => {
    // Trust held at its prior: otherwise the payments to those who did not wait build trust that raises later
    // registrations in the surprise run (the model's trust rule, §3.3.7), which would blur the timing effect.
    const raise = (announced?: string) => (s: any) => {
      s.programme.stipend = [{ from: '2025-01-01', value: 500 }, { from: '2025-07-01', value: 6000, ...(announced ? { announced } : {}) }];
      s.valuation = { anticipation: 1 };
      s.information = { trustPrior: 1e12 };
    };
    const surprise = await run(scenario(raise()));
    const announced = await run(scenario(raise('2025-01-01')));
    const before = (o: RunOutput) => sum(series(o, 'registrations', 0), 0, 6);
    const after = (o: RunOutput) => sum(series(o, 'registrations', 0), 6, 8);
    expect(before(announced)).toBeLessThan(0.9 * before(surprise));
    expect(after(announced)).toBeGreaterThan(after(surprise));
  }, 120_000);

  it('pays the capitalised benefit as part of the amount: stipend spend without a stipend, only for the unemployed', async () => {
    const capital = (share: number) => (s: any) => { s.programme.stipend = 0; s.programme.capitalisedBenefit = share; s.programme.paymentReliability = 1; };
    const paid = await run(scenario(capital(1)));
    const none = await run(scenario(capital(0)));
    expect(none.headline.spend.stipends.mean! + none.headline.spend.stipendsOwed.mean!).toBe(0);
    expect(paid.headline.spend.stipends.mean! + paid.headline.spend.stipendsOwed.mean!).toBeGreaterThan(0);
    expect(paid.headline.programmeDepartures.mean!).toBeGreaterThan(none.headline.programmeDepartures.mean!);
  }, 120_000);
});
