import type { Scenario } from '../scenarios/schema.js';
import { resolvePolicy } from '../sim/policy.js';
import { allocatePopulation, type PopulationBuffers } from '../sim/population.js';
import { runReplicate, type ReplicateResult } from '../sim/replicate.js';
import type { Executor } from '../sim/tasks.js';

/** One timed replicate of the real engine: synthesis and steps timed apart. */
export interface EngineTiming {
  synthesisSeconds: number;
  stepSeconds: number;
  /** Agents x steps: one agent-step advances one agent by one step in every simulated arm. */
  agentSteps: number;
  result: ReplicateResult;
}

/** Run one replicate of `s` through the engine (runReplicate, as `departure-sim run` does) and time it. */
export async function timeEngine(s: Scenario, executor: Executor, replicate: number, twin: boolean,
  buffers?: PopulationBuffers): Promise<EngineTiming> {
  const policy = resolvePolicy(s);
  const pop = buffers && buffers.n === s.population.agents ? buffers : allocatePopulation(s.population.agents);
  const t0 = performance.now();
  let t1 = t0;
  const result = await runReplicate({ scenario: s, policy, replicate, executor, twin, buffers: pop, onSynthesized: () => { t1 = performance.now(); } });
  const t2 = performance.now();
  return { synthesisSeconds: (t1 - t0) / 1000, stepSeconds: (t2 - t1) / 1000, agentSteps: s.population.agents * policy.steps, result };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}

export function spread(xs: number[]): Spread {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1] };
}

/** The total of a flow series of one arm over the horizon, persons. */
export function total(r: ReplicateResult, name: string, arm: 0 | 1): number {
  return r.series[name][arm].reduce((a, x) => a + x, 0);
}
