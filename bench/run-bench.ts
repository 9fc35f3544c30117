import { execFile } from 'node:child_process';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createPool, type WorkerPool } from '../sim/pool.js';
import { allocatePopulation, type PopulationBuffers } from '../sim/population.js';
import { benchScenario, CASE_STEPS, caseSizes, MODELS, referenceSizes, type BenchModel } from './cases.js';
import { type CheckOutcome } from './check.js';
import type { FullScale } from './full-scale.js';
import { spread, timeEngine, total } from './measure.js';
import { runReference } from './reference-utility.js';

export interface BenchOptions {
  quick?: boolean;
  json?: string;
  /** Vega-Lite spec of throughput against agents; defaults to the --json file with .vl.json. */
  chart?: string;
  check?: string;
  runs?: number;
  quiet?: boolean;
  /** Overrides for tests: agent counts of the engine cases and of the reference, and whether to run full scale. */
  sizes?: number[];
  referenceSizes?: number[];
  fullScale?: boolean;
}

/** One timed engine case. An agent-step advances one agent one step in both arms (programme + twin). */
export interface BenchCase {
  model: BenchModel;
  agents: number;
  workers: number;
  steps: number;
  /** Median over runs of agent-steps per second (steps only; synthesis is timed apart). */
  agentStepsPerSec: number;
  min: number;
  max: number;
  /** The same median counting each arm separately (2 x agentStepsPerSec). */
  armStepsPerSec: number;
  synthesisSeconds: number;
  /** Peak RSS of the benchmark process so far (it only grows). */
  peakRssBytes: number;
}

export interface ReferenceComparison {
  agents: number;
  steps: number;
  referenceAgentStepsPerSec: number;
  engineAgentStepsPerSec: number;
  /** Engine on one worker over the reference on one thread, same agents and steps: the median over runs made back to back. */
  speedup: number;
  /** |engine - reference| / sqrt(engine + reference) in agents, per final aggregate and arm: below 5 is noise. */
  agreement: Record<string, number>;
  agrees: boolean;
}

export interface SubStepTiming {
  part: string;
  nsPerAgentStep: number;
  how: string;
}

export interface BenchReport {
  node: string;
  cpu: string;
  cores: number;
  quick: boolean;
  runs: number;
  definition: string;
  cases: BenchCase[];
  /** Utility model at 1e6 agents: speed with all cores / (cores x speed with one). */
  parallelEfficiency: number;
  parallelEfficiencyByCase: { model: BenchModel; agents: number; workers: number; efficiency: number }[];
  /** At the smallest reference size (present in quick and full runs). */
  speedupVsReference: number;
  reference: ReferenceComparison[];
  subSteps: SubStepTiming[];
  /** Median wall time of `runs` full-scale runs, with min and max; peak RSS is the largest of them. */
  fullScale?: FullScale & { runs: number; wallMin: number; wallMax: number };
}

/** Agreement threshold in units of the Poisson noise of the two counts (see ReferenceComparison). */
export const AGREEMENT_Z = 5;
const HEADLINE_EFFICIENCY_AGENTS = 1e6;
const WARM_UP_AGENTS = 1e5;
const WARM_UP_REPLICATES = 8;
/** Runs of cases below 1e6 agents take a tenth of a second, so they are timed three times as often. */
function runsFor(agents: number, runs: number): number {
  return agents < 1e6 ? 3 * runs : runs;
}

export async function measureBench(o: BenchOptions, log: (line: string) => void = () => {}): Promise<BenchReport> {
  const quick = o.quick ?? false;
  const runs = o.runs ?? 5;
  const sizes = o.sizes ?? caseSizes(quick);
  const refSizes = o.referenceSizes ?? referenceSizes(quick);
  const cores = availableParallelism();
  const workerCounts = cores > 1 ? [1, cores] : [1];
  const pools = new Map<number, WorkerPool>(workerCounts.map((w) => [w, createPool(w)]));
  const buffers = new Map<number, PopulationBuffers>();
  const bufferFor = (n: number) => {
    if (!buffers.has(n)) buffers.set(n, allocatePopulation(n));
    return buffers.get(n)!;
  };
  const cases: BenchCase[] = [];
  try {
    // Untimed: compile the hot loop in every worker (and the reference on this thread) before any timing. One
    // replicate is not enough: V8 keeps optimising the step's functions over the first few (measured at 1e5
    // agents on one worker: 150 ms of work in the second replicate, 87 ms by the twelfth).
    for (const model of MODELS) {
      for (const pool of pools.values()) {
        for (let k = 0; k < WARM_UP_REPLICATES; k++) await timeEngine(benchScenario(model, { agents: WARM_UP_AGENTS, steps: CASE_STEPS }), pool, k, true);
      }
    }
    if (refSizes.length) runReference(benchScenario('utility', { agents: WARM_UP_AGENTS, steps: 3 }));
    // 1 and N workers alternate run by run, so that both see the same state of a shared machine.
    const efficiencyPairs = new Map<string, number[]>();
    for (const model of MODELS) {
      for (const agents of sizes) {
        const s = benchScenario(model, { agents, steps: CASE_STEPS });
        const speeds = workerCounts.map(() => [] as number[]);
        const synth = workerCounts.map(() => [] as number[]);
        for (let k = 0; k < runsFor(agents, runs); k++) {
          for (const [w, workers] of workerCounts.entries()) {
            const t = await timeEngine(s, pools.get(workers)!, k, true, bufferFor(agents));
            speeds[w].push(t.agentSteps / t.stepSeconds);
            synth[w].push(t.synthesisSeconds);
          }
        }
        for (const [w, workers] of workerCounts.entries()) {
          const sp = spread(speeds[w]);
          const c: BenchCase = {
            model, agents, workers, steps: CASE_STEPS, agentStepsPerSec: sp.median, min: sp.min, max: sp.max,
            armStepsPerSec: 2 * sp.median, synthesisSeconds: spread(synth[w]).median, peakRssBytes: process.resourceUsage().maxRSS * 1024,
          };
          cases.push(c);
          log(`${model} ${agents.toExponential(0)} agents, ${workers} worker(s): ${(c.agentStepsPerSec / 1e6).toFixed(2)}M agent-steps/s`);
          if (w > 0) efficiencyPairs.set(`${model} ${agents} ${workers}`, speeds[w].map((x, k) => x / (workers * speeds[0][k])));
        }
      }
    }

    // The engine (one worker) and the reference alternate run by run; the speed-up is the median of the pairs' ratios.
    const reference: ReferenceComparison[] = [];
    for (const agents of refSizes) {
      const s = benchScenario('utility', { agents, steps: CASE_STEPS });
      const refSpeeds: number[] = [];
      const engineSpeeds: number[] = [];
      let ref: ReturnType<typeof runReference> | undefined;
      let engineFinal: ReturnType<typeof finals> | undefined;
      for (let k = 0; k < runsFor(agents, runs); k++) {
        const t = await timeEngine(s, pools.get(1)!, k, true, bufferFor(agents));
        engineSpeeds.push(t.agentSteps / t.stepSeconds);
        engineFinal ??= finals((name, arm) => total(t.result, name, arm));
        ref = runReference(s, k);
        refSpeeds.push((agents * CASE_STEPS) / ref.stepSeconds);
      }
      const r = ref!;
      const refFinal = finals((name, arm) => ({
        departures_assisted: r.departuresAssisted, departures_unassisted: r.departuresUnassisted,
        removals: r.removals, registrations: r.registrations,
      } as Record<string, [number, number]>)[name][arm]);
      const weight = s.population.persons / agents;
      const agreement: Record<string, number> = {};
      for (const key of Object.keys(refFinal)) {
        const [a, b] = [engineFinal![key] / weight, refFinal[key] / weight];
        agreement[key] = a + b > 0 ? Math.abs(a - b) / Math.sqrt(a + b) : 0;
      }
      reference.push({
        agents, steps: CASE_STEPS, referenceAgentStepsPerSec: spread(refSpeeds).median, engineAgentStepsPerSec: spread(engineSpeeds).median,
        speedup: spread(engineSpeeds.map((e, k) => e / refSpeeds[k])).median, agreement,
        agrees: Object.values(agreement).every((z) => z < AGREEMENT_Z),
      });
      log(`reference ${agents.toExponential(0)} agents: ${(spread(refSpeeds).median / 1e6).toFixed(3)}M agent-steps/s`);
    }

    // Sub-steps and the headline efficiency are measured at 1e6 agents, which quick and full runs both have.
    const headlineAgents = sizes.includes(HEADLINE_EFFICIENCY_AGENTS) ? HEADLINE_EFFICIENCY_AGENTS : Math.max(...sizes);
    const subSteps = await timeSubSteps(headlineAgents, runs, pools.get(1)!, bufferFor);
    const parallelEfficiencyByCase = cases.filter((c) => c.workers > 1).map((c) => ({
      model: c.model, agents: c.agents, workers: c.workers, efficiency: spread(efficiencyPairs.get(`${c.model} ${c.agents} ${c.workers}`)!).median,
    }));
    const report: BenchReport = {
      node: process.version,
      cpu: cpus()[0]?.model ?? 'unknown',
      cores,
      quick,
      runs,
      definition: 'agent-step = one agent advanced one step in both arms (programme + twin); armStepsPerSec counts each arm',
      cases,
      parallelEfficiency: parallelEfficiencyByCase.find((e) => e.model === 'utility' && e.agents === headlineAgents)?.efficiency ?? NaN,
      parallelEfficiencyByCase,
      speedupVsReference: reference.length ? reference[0].speedup : NaN,
      reference,
      subSteps,
    };
    if (o.fullScale ?? !quick) {
      const fullRuns: FullScale[] = [];
      for (let k = 0; k < runs; k++) {
        log(`full scale ${k + 1}/${runs}: 14M agents x 36 steps, programme + twin, all cores (child process)`);
        fullRuns.push(await runFullScaleChild());
      }
      const wall = spread(fullRuns.map((f) => f.wallSeconds));
      const peak = Math.max(...fullRuns.map((f) => f.peakRssBytes));
      report.fullScale = {
        ...fullRuns[0], runs, wallSeconds: wall.median, wallMin: wall.min, wallMax: wall.max,
        peakRssBytes: peak, peakRssPerAgent: peak / fullRuns[0].agents,
      };
    }
    return report;
  } finally {
    for (const p of pools.values()) await p.close();
  }
}

/** The aggregates compared with the reference: totals over the horizon per arm. */
function finals(get: (name: string, arm: 0 | 1) => number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of ['departures_assisted', 'departures_unassisted', 'removals', 'registrations']) {
    for (const arm of [0, 1] as const) out[`${name}.${arm === 0 ? 'programme' : 'twin'}`] = get(name, arm);
  }
  return out;
}

/**
 * The step runs all sub-steps of an agent in one fused pass, so sub-steps are timed by difference: the same
 * engine on variants of the scenario that switch a part off, one worker. The variants alternate run by run and
 * each difference is the median of the runs' differences, so a machine slowing down part-way moves both sides.
 */
async function timeSubSteps(agents: number, runs: number, pool: WorkerPool,
  bufferFor: (n: number) => PopulationBuffers): Promise<SubStepTiming[]> {
  const on = benchScenario('utility', { agents, steps: CASE_STEPS });
  const off = benchScenario('utility', { agents, steps: CASE_STEPS, change: (raw: any) => { raw.programme.enabled = false; } });
  const variants = [{ s: on, twin: true }, { s: on, twin: false }, { s: off, twin: true }, { s: off, twin: false }];
  const ns = variants.map(() => [] as number[]);
  const synthesis: number[] = [];
  for (let k = 0; k < runs; k++) {
    for (const [v, { s, twin }] of variants.entries()) {
      const t = await timeEngine(s, pool, k, twin, bufferFor(agents));
      ns[v].push((t.stepSeconds * 1e9) / t.agentSteps);
      if (v === 0) synthesis.push((t.synthesisSeconds * 1e9) / agents);
    }
  }
  const [all, noTwin, offTwin, offAlone] = ns;
  const median = (xs: number[]) => spread(xs).median;
  const minus = (a: number[], b: number[]) => median(a.map((x, k) => x - b[k]));
  const n = agents.toExponential(0);
  return [
    { part: 'whole step, both arms', nsPerAgentStep: median(all), how: `utility, ${n} agents, 1 worker` },
    { part: 'counterfactual twin arm', nsPerAgentStep: minus(all, noTwin), how: 'whole step minus the same run without the twin' },
    { part: 'information + programme route choice + registration (programme arm)', nsPerAgentStep: minus(noTwin, offAlone),
      how: 'programme arm alone minus the same arm with the programme disabled' },
    { part: 'enforcement + decision + departure, one arm', nsPerAgentStep: median(offAlone), how: 'programme disabled, no twin' },
    { part: 'twin arm when both arms are programme-free', nsPerAgentStep: minus(offTwin, offAlone), how: 'programme disabled: with twin minus without' },
    { part: 'population synthesis (per agent, once per replicate)', nsPerAgentStep: median(synthesis), how: 'synthesis tasks, 1 worker' },
  ];
}

async function runFullScaleChild(): Promise<FullScale> {
  const file = fileURLToPath(new URL('./full-scale.js', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [file], { maxBuffer: 1 << 20 });
  return JSON.parse(stdout) as FullScale;
}

const M = (x: number) => (x / 1e6).toFixed(2);

export function formatReport(r: BenchReport): string {
  const lines: string[] = [];
  lines.push(`departure-sim benchmark: Node ${r.node}, ${r.cpu}, ${r.cores} cores, median of ${r.runs} runs`);
  lines.push(`(${r.definition})`, '');
  lines.push('model              agents  workers  steps  M agent-steps/s (min-max)  M arm-steps/s  synthesis s  peak RSS MB');
  for (const c of r.cases) {
    lines.push(`${c.model.padEnd(17)} ${c.agents.toExponential(0).padStart(7)}  ${String(c.workers).padStart(7)}  ${String(c.steps).padStart(5)}  `
      + `${`${M(c.agentStepsPerSec)} (${M(c.min)}-${M(c.max)})`.padEnd(25)}  ${M(c.armStepsPerSec).padStart(13)}  `
      + `${c.synthesisSeconds.toFixed(2).padStart(11)}  ${(c.peakRssBytes / 2 ** 20).toFixed(0).padStart(11)}`);
  }
  lines.push('', 'parallel efficiency (speed with N workers / (N x speed with 1)):');
  for (const e of r.parallelEfficiencyByCase) lines.push(`  ${e.model} ${e.agents.toExponential(0)} agents, ${e.workers} workers: ${e.efficiency.toFixed(2)}`);
  lines.push(`  headline (utility, 1e6 agents): ${r.parallelEfficiency.toFixed(2)}`);
  lines.push('', 'object-per-agent reference (utility, one thread) vs the engine on one worker:');
  for (const x of r.reference) {
    const worst = Math.max(...Object.values(x.agreement));
    lines.push(`  ${x.agents.toExponential(0)} agents: reference ${M(x.referenceAgentStepsPerSec)}M, engine ${M(x.engineAgentStepsPerSec)}M agent-steps/s, `
      + `speed-up ${x.speedup.toFixed(1)}x; aggregates ${x.agrees ? 'agree' : 'DISAGREE'} (worst z ${worst.toFixed(1)} < ${AGREEMENT_Z})`);
  }
  lines.push(`  headline speed-up: ${r.speedupVsReference.toFixed(1)}x`);
  lines.push('', 'time per sub-step (ns per agent-step, by difference of engine runs):');
  for (const s of r.subSteps) lines.push(`  ${s.nsPerAgentStep.toFixed(1).padStart(7)}  ${s.part}  [${s.how}]`);
  if (r.fullScale) {
    const f = r.fullScale;
    lines.push('', `full scale: ${f.agents.toLocaleString('en-US')} agents x ${f.steps} steps, programme + twin, ${f.workers} workers: `
      + `${f.wallSeconds.toFixed(1)} s wall (median of ${f.runs}, ${f.wallMin.toFixed(1)}-${f.wallMax.toFixed(1)}), `
      + `peak RSS ${(f.peakRssBytes / 2 ** 30).toFixed(2)} GiB, `
      + `agent state ${f.bytesPerAgent} bytes/agent, peak RSS ${f.peakRssPerAgent.toFixed(0)} bytes/agent`);
  }
  return `${lines.join('\n')}\n`;
}


/** The JSON written by --json: the issue's fields first, details after. */
export function reportJson(r: BenchReport): object {
  return {
    node: r.node, cpu: r.cpu, cores: r.cores,
    cases: r.cases,
    parallelEfficiency: r.parallelEfficiency,
    speedupVsReference: r.speedupVsReference,
    ...(r.fullScale ? { fullScale: r.fullScale } : {}),
    quick: r.quick, runs: r.runs, definition: r.definition,
    parallelEfficiencyByCase: r.parallelEfficiencyByCase, reference: r.reference, subSteps: r.subSteps,
  };
}

export function formatCheck(outcomes: CheckOutcome[], file: string): string {
  return outcomes.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.ratio} ${c.value.toFixed(2)} (baseline ${c.baseline.toFixed(2)}, floor ${c.floor.toFixed(2)}, ${file})`).join('\n') + '\n';
}
