import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadScenario } from '../scenarios/load.js';
import { packageRoot } from '../scenarios/package-info.js';
import type { Scenario } from '../scenarios/schema.js';
import { createPool, type WorkerPool } from '../sim/pool.js';
import { runScenario } from '../sim/run.js';
import { estimate, type Estimate } from '../sim/stats.js';

/**
 * The model's elasticities of time spent in the country, against Lessem (2018): +10% home wages cut years in the
 * US by about 5%, +50% border enforcement by about 7%. Never used in calibration: a check of the valuation of
 * staying (models/README.md, section 7). Years in the country are measured as the expected stay under the
 * horizon's average exit hazard, h = -ln(share still in the country at the end) / years, so the stay is 1 / h
 * and a change is h(base) / h(variant) - 1, paired by replicate (common random numbers).
 */
export interface Elasticity {
  label: string;
  lessem: number;
  /** Relative change of the expected stay: mean and 95% interval over replicates. */
  change: Estimate;
  /** Relative change of the rate of leaving on one's own (departures per person-year in the country). */
  ownDepartures: Estimate;
}

type Change = (raw: any) => void;

const scaleSchedule = (x: unknown, f: number): unknown =>
  (Array.isArray(x) ? x.map((e) => ({ ...e, value: e.value * f })) : (x as number) * f);

export const VARIANTS: Array<{ label: string; lessem: number; change: Change }> = [
  { label: 'home wages +10%', lessem: -0.05, change: (raw) => { for (const g of raw.population.groups) g.wageRatio /= 1.1; } },
  { label: 'enforcement +50%', lessem: -0.07, change: (raw) => { raw.enforcement.removalsPerDay = scaleSchedule(raw.enforcement.removalsPerDay, 1.5); } },
];

/** The preset without a programme, at `agents` agents over `steps` monthly steps, with `change` applied. */
export function elasticityScenario(agents: number, steps: number, replicates: number, change: Change = () => {}): Scenario {
  return loadScenario(join(packageRoot(), 'scenarios', 'baseline-no-programme.json'), (raw: any) => {
    raw.population.agents = agents;
    raw.time.steps = steps;
    raw.replicates = replicates;
    change(raw);
    return raw;
  });
}

/** By replicate, the average annual hazard of leaving the country (any way) over the horizon, and the rate of
 * leaving on one's own per person-year in the country. */
async function exitHazards(s: Scenario, executor: WorkerPool): Promise<{ exit: number[]; own: number[] }> {
  const o = await runScenario(s, { executor, twin: false });
  const years = o.policy.months.reduce((a, b) => a + b, 0) / 12;
  const inCountry = (r: (typeof o.replicates)[number], t: number) => ['present', 'registered', 'preparing'].reduce((a, name) => a + r.series[name][0][t], 0);
  const end = o.policy.steps - 1;
  return {
    exit: o.replicates.map((r) => -Math.log(inCountry(r, end) / s.population.persons) / years),
    own: o.replicates.map((r) => {
      const personYears = o.policy.months.reduce((a, m, t) => a + (m / 12) * inCountry(r, t), 0);
      return r.series.cum_departures_unassisted[0][end] / personYears;
    }),
  };
}

export async function elasticities(agents: number, steps: number, replicates: number, executor: WorkerPool): Promise<Elasticity[]> {
  const base = await exitHazards(elasticityScenario(agents, steps, replicates), executor);
  const out: Elasticity[] = [];
  for (const v of VARIANTS) {
    const h = await exitHazards(elasticityScenario(agents, steps, replicates, v.change), executor);
    out.push({
      label: v.label, lessem: v.lessem,
      change: estimate(h.exit.map((x, k) => base.exit[k] / x - 1)),
      ownDepartures: estimate(h.own.map((x, k) => x / base.own[k] - 1)),
    });
  }
  return out;
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

/** `node dist/experiments/elasticities.js [agents] [steps] [replicates]`: prints the table of models/README.md. */
async function main(): Promise<void> {
  const [agents = 200_000, steps = 36, replicates = 5] = process.argv.slice(2).map(Number);
  const pool = createPool(2);
  try {
    const rows = await elasticities(agents, steps, replicates, pool);
    const cell = (e: Estimate) => `${pct(e.mean)} (${pct(e.lo95)} to ${pct(e.hi95)})`;
    console.log(`${replicates} replicates of ${agents} agents, ${steps} monthly steps; 95% intervals over replicates`);
    console.log('| change | model: expected stay | model: rate of leaving on one\'s own | Lessem (2018): years in the US |');
    console.log('|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.label} | ${cell(r.change)} | ${cell(r.ownDepartures)} | ${pct(r.lessem)} |`);
  } finally {
    await pool.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
