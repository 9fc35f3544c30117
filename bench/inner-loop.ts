import type { Scenario } from '../scenarios/schema.js';
import type { WorkerPool } from '../sim/pool.js';
import { presetFile, REFERENCE_STEPS, sizeLabel, type BenchModel } from './cases.js';
import { bySample, figure, timeScenario, total, type Figure } from './measure.js';
import { runReference } from './reference-utility.js';

/** How the benchmark reads a preset with command-line overrides: the CLI's own reader, handed in by the command. */
export type ScenarioReader = (file: string, overrides: { agents?: number; replicates?: number }) => Scenario;

/** Agreement threshold in units of the Poisson noise of the two counts (see ReferenceAgreement). */
export const AGREEMENT_Z = 5;

/**
 * The object-per-agent reference against the engine, on the totals of the first REFERENCE_STEPS steps, each arm:
 * |engine - reference| / sqrt(engine + reference) in agents, the difference in units of the Poisson noise of two
 * independent runs. Informational: the reference follows the utility model as it was when it was written, and
 * will part from the engine as the model grows, which is not a fault of either.
 */
export interface ReferenceAgreement {
  agents: number;
  steps: number;
  z: Record<string, number>;
  worstZ: number;
  agrees: boolean;
}

export function agreement(engine: Record<string, number>, reference: Record<string, number>, weight: number): Pick<ReferenceAgreement, 'z' | 'worstZ' | 'agrees'> {
  const z: Record<string, number> = {};
  for (const key of Object.keys(reference)) {
    const [a, b] = [engine[key] / weight, reference[key] / weight];
    z[key] = a + b > 0 ? Math.abs(a - b) / Math.sqrt(a + b) : 0;
  }
  const worstZ = Math.max(0, ...Object.values(z));
  return { z, worstZ, agrees: worstZ < AGREEMENT_Z };
}

const SERIES = ['departures_assisted', 'departures_unassisted', 'removals', 'registrations'] as const;

export function referenceTotals(r: ReturnType<typeof runReference>): Record<string, number> {
  const arms: Record<(typeof SERIES)[number], [number, number]> = {
    departures_assisted: r.departuresAssisted, departures_unassisted: r.departuresUnassisted, removals: r.removals, registrations: r.registrations,
  };
  return Object.fromEntries(SERIES.flatMap((n) => [0, 1].map((arm) => [`${n}.${arm === 0 ? 'programme' : 'twin'}`, arms[n][arm]])));
}

/** One engine run (replicate 0) against one reference run over the same first steps. */
export async function referenceAgreement(s: Scenario, pool: WorkerPool, steps = REFERENCE_STEPS): Promise<ReferenceAgreement> {
  const { output } = await timeScenario(s, pool);
  const engine = Object.fromEntries(SERIES.flatMap((n) => ([0, 1] as const).map((arm) => [`${n}.${arm === 0 ? 'programme' : 'twin'}`, total(output, n, arm, steps)])));
  const ref = referenceTotals(runReference(s, 3, steps));
  return { agents: s.population.agents, steps, ...agreement(engine, ref, s.population.persons / s.population.agents) };
}

/** Agent-steps per second of the reference over its first `steps` steps (synthesis excluded). */
export function referenceSpeed(s: Scenario, seed: number, steps = REFERENCE_STEPS): number {
  const r = runReference(s, seed, steps);
  return (s.population.agents * r.steps) / r.stepSeconds;
}

export interface InnerOptions {
  read: ScenarioReader;
  pools: Map<number, WorkerPool>;
  cases: { model: BenchModel; agents: number }[];
  runs: number;
  /** Also time the reference beside the utility case at this many agents (the secondary speed-up). */
  referenceAgents: number;
  /** The sub-step table at this many agents (0: none). */
  subStepAgents: number;
  log: (line: string) => void;
}

const WARM_UP_RUNS = 3;
const WARM_UP_AGENTS = 1e5;

/**
 * The warmed inner loop (secondary figures): runScenario in this process on pools kept alive, after untimed runs
 * that let V8 optimise the step in every worker; steps timed apart from synthesis by the progress callbacks. One
 * worker and all workers alternate run by run.
 */
export async function innerLoop(o: InnerOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const workers = [...o.pools.keys()];
  const models = [...new Set(o.cases.map((c) => c.model))];
  for (const model of models) {
    const warm = o.read(presetFile(model), { agents: WARM_UP_AGENTS, replicates: 1 });
    for (const pool of o.pools.values()) for (let k = 0; k < WARM_UP_RUNS; k++) await timeScenario(warm, pool);
  }
  for (const c of o.cases) {
    const s = o.read(presetFile(c.model), { agents: c.agents, replicates: 1 });
    const withReference = c.model === 'utility' && c.agents === o.referenceAgents;
    const n = c.agents < 1e6 ? 3 * o.runs : o.runs;
    const speed = workers.map(() => [] as number[]);
    const synthesis = workers.map(() => [] as number[]);
    const ref: number[] = [];
    for (let k = 0; k < n; k++) {
      for (const [w, threads] of workers.entries()) {
        const t = await timeScenario(s, o.pools.get(threads)!);
        speed[w].push(t.agentSteps / t.stepsSeconds);
        synthesis[w].push(t.synthesisSeconds);
      }
      if (withReference) ref.push(referenceSpeed(s, k));
    }
    const id = `inner.${c.model}.${sizeLabel(c.agents)}`;
    const what = `${c.model}, ${sizeLabel(c.agents)} agents`;
    for (const [w, threads] of workers.entries()) {
      figures.push(figure(`${id}.w${threads}.agentStepsPerSec`, `warmed inner loop, ${what}, ${threads} worker(s)`, 'agent-steps/s', 'higher', speed[w],
        'runScenario in the benchmark process after untimed runs; agents x steps / time in the steps'));
      figures.push(figure(`${id}.w${threads}.synthesis`, `warmed synthesis, ${what}, ${threads} worker(s)`, 's', 'lower', synthesis[w],
        'runScenario call to the end of step 1, less one typical step'));
    }
    if (workers.length > 1) {
      const top = workers[workers.length - 1];
      figures.push(figure(`${id}.efficiency`, `warmed parallel efficiency, ${what}, ${top} workers`, 'ratio', 'higher',
        bySample([speed[speed.length - 1], speed[0]], (many, one) => many / (top * one)), 'speed with N workers / (N x speed with 1), per alternating pair'));
    }
    if (withReference) {
      figures.push(figure('inner.reference.agentStepsPerSec', `object-per-agent reference, ${sizeLabel(c.agents)} agents, one thread`, 'agent-steps/s', 'higher', ref,
        `bench/reference-utility.ts over the first ${REFERENCE_STEPS} steps, alternating with the engine`));
      figures.push(figure('inner.speedupVsReference', `warmed engine (1 worker) over the reference, ${sizeLabel(c.agents)} agents`, 'ratio', 'higher',
        bySample([speed[0], ref], (e, r) => e / r), 'per alternating pair'));
    }
    o.log(`warmed inner loop ${what}: ${speed.map((x, w) => `${workers[w]} worker(s) ${(figures.find((f) => f.id === `${id}.w${workers[w]}.agentStepsPerSec`)!.median / 1e6).toFixed(2)}M`).join(', ')} agent-steps/s`);
  }
  if (o.subStepAgents > 0) figures.push(...await subSteps(o, o.subStepAgents));
  return figures;
}

/**
 * The step runs all sub-steps of an agent in one fused pass, so sub-steps are timed by difference of runs that
 * leave a part out: without the twin (runScenario's own switch), and the no-programme preset (cbp-home-2025 with
 * the programme disabled). One worker; the four variants alternate run by run and each difference is the median
 * of the runs' differences.
 */
async function subSteps(o: InnerOptions, agents: number): Promise<Figure[]> {
  const pool = o.pools.get(1)!;
  const on = o.read(presetFile('utility'), { agents, replicates: 1 });
  const off = o.read(presetFile('no-programme'), { agents, replicates: 1 });
  const variants = [{ s: on, twin: true }, { s: on, twin: false }, { s: off, twin: true }, { s: off, twin: false }];
  const ns = variants.map(() => [] as number[]);
  const synthesis: number[] = [];
  for (let k = 0; k < o.runs; k++) {
    for (const [v, { s, twin }] of variants.entries()) {
      const t = await timeScenario(s, pool, twin);
      ns[v].push((t.stepsSeconds * 1e9) / t.agentSteps);
      if (v === 0) synthesis.push((t.synthesisSeconds * 1e9) / agents);
    }
  }
  const [all, noTwin, offTwin, offAlone] = ns;
  const minus = (a: number[], b: number[]) => bySample([a, b], (x, y) => x - y);
  const n = sizeLabel(agents);
  const f = (id: string, label: string, samples: number[], how: string) => figure(`substep.${id}`, label, 'ns/agent-step', 'lower', samples, how);
  o.log('sub-step table done');
  return [
    f('whole', 'whole step, both arms', all, `utility, ${n} agents, 1 worker`),
    f('twin', 'counterfactual twin arm', minus(all, noTwin), 'whole step minus the same run without the twin'),
    f('programme', 'information + programme route choice + registration (programme arm)', minus(noTwin, offAlone),
      'programme arm alone minus the no-programme preset without twin'),
    f('core', 'enforcement + decision + departure, one arm', offAlone, 'no-programme preset, no twin'),
    f('twinNoProgramme', 'twin arm when both arms are programme-free', minus(offTwin, offAlone), 'no-programme preset: with twin minus without'),
    f('synthesis', 'population synthesis (ns per agent, once per replicate)', synthesis, 'runScenario call to the end of step 1, less one step'),
  ];
}
