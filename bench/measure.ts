import type { Scenario } from '../scenarios/schema.js';
import { runScenario, type RunOutput } from '../sim/run.js';
import type { Executor } from '../sim/tasks.js';

export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** Median, min and max of the finite values (NaN for all three when there are none). */
export function spread(xs: number[]): Spread {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return { median: NaN, min: NaN, max: NaN };
  const m = s.length >> 1;
  return { median: s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2, min: s[0], max: s[s.length - 1] };
}

/** What lower or higher means for a figure: a time or a memory is better lower, a speed or a ratio higher. */
export type Better = 'higher' | 'lower';

/** Every figure the benchmark reports: its raw samples, one per round, and their median, min and max. */
export interface Figure extends Spread {
  id: string;
  label: string;
  unit: string;
  better: Better;
  /** Raw samples in measurement order; a derived figure's sample k combines the inputs' samples of round k. */
  samples: number[];
  /** How the figure is measured or derived. */
  how: string;
}

export function figure(id: string, label: string, unit: string, better: Better, samples: number[], how: string): Figure {
  return { id, label, unit, better, samples, ...spread(samples), how };
}

/** Sample-by-sample combination of figures measured in the same rounds (the shortest sets the length). */
export function bySample(inputs: number[][], f: (...xs: number[]) => number): number[] {
  const n = Math.min(...inputs.map((x) => x.length));
  return Array.from({ length: n }, (_, k) => f(...inputs.map((x) => x[k])));
}

/** One run of runScenario (what `departure-sim run` calls), its phases timed from its progress callbacks. */
export interface ScenarioTiming {
  /** runScenario's call to the end of the first step, less one typical step: allocation and population synthesis. */
  synthesisSeconds: number;
  /** From the end of the first step to the end of the last, plus one typical step. */
  stepsSeconds: number;
  /** Median duration of one step (steps 2 to the last). */
  stepSecondsMedian: number;
  /** From the end of the last step until runScenario returns: result rows, headline, per-origin tables. */
  resultsSeconds: number;
  /** Steps x replicates of the run, as runScenario reports them to its progress callback. */
  stepsPerRun: number;
  /** Agents x steps x replicates; one agent-step advances one agent one step in both arms when there is a twin. */
  agentSteps: number;
  output: RunOutput;
}

/**
 * Run a scenario through the public runScenario API and time its phases from outside the engine: the progress
 * callback fires at the end of every step, so the first call marks synthesis plus one step, and the calls after
 * it the steps.
 */
export async function timeScenario(s: Scenario, executor: Executor, twin = true): Promise<ScenarioTiming> {
  const ends: number[] = [];
  let total = 0;
  const t0 = performance.now();
  const output = await runScenario(s, { executor, twin, onProgress: (_done, n) => { ends.push(performance.now()); total = n; } });
  const t1 = performance.now();
  const durations = ends.slice(1).map((t, k) => t - ends[k]);
  const typical = durations.length ? spread(durations).median : 0;
  const first = ends[0] ?? t1;
  const last = ends[ends.length - 1] ?? t1;
  return {
    synthesisSeconds: (first - t0 - typical) / 1000,
    stepsSeconds: (last - first + typical) / 1000,
    stepSecondsMedian: typical / 1000,
    resultsSeconds: (t1 - last) / 1000,
    stepsPerRun: total,
    agentSteps: s.population.agents * total,
    output,
  };
}

/** The total of a flow series of one arm over the first `steps` steps of replicate 0, persons. */
export function total(o: RunOutput, name: string, arm: 0 | 1, steps = Infinity): number {
  return o.replicates[0].series[name][arm].slice(0, steps).reduce((a, x) => a + x, 0);
}
