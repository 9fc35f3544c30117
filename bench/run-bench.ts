import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPool, type WorkerPool } from '../sim/pool.js';
import {
  coldSizes, FULL_SCALE_AGENTS, HEADLINE_AGENTS, innerCases, presetFile, REFERENCE_AGENTS, REFERENCE_STEPS, RUN_SCENARIO, sizeLabel,
  SWEEP_AGENTS, SWEEP_EXPERIMENT, SWEEP_REPLICATES,
} from './cases.js';
import type { Ratio } from './check.js';
import { ChildCrash, cliFile, timeChild, type ChildTiming } from './child.js';
import { innerLoop, referenceAgreement, referenceSpeed, type ReferenceAgreement, type ScenarioReader } from './inner-loop.js';
import { bySample, figure, type Better, type Figure } from './measure.js';
import { startMeta, type BenchMeta } from './metadata.js';
import type { PhaseTimes } from './phases.js';
import { runReference } from './reference-utility.js';
import { machineSample } from './machine.js';
import { timeSweep } from './sweep.js';

export interface BenchOptions {
  quick?: boolean;
  json?: string;
  /** Vega-Lite spec of throughput against agents; defaults to the --json file with .vl.json. */
  chart?: string;
  check?: string;
  runs?: number;
  quiet?: boolean;
  /** Two benchmark JSON files: print B/A for every shared figure instead of measuring. */
  compare?: string[];
  /** Overrides for tests: agents of the cold runs, of the CI ratios' runs and of the reference, sweep, sections. */
  sizes?: number[];
  headlineAgents?: number;
  referenceAgents?: number;
  referenceSteps?: number;
  fullScale?: boolean;
  sweep?: { agents: number; replicates: number } | false;
  inner?: boolean;
  /** Samples at 1e5 agents and below, and of start-up, as a multiple of runs (default 3). */
  smallFactor?: number;
  /** Time a run with its report at the smallest size (default: full runs only). */
  report?: boolean;
}

/** What a terminal shows while the benchmark runs (nothing when piped or --quiet). */
export interface Progress {
  /** A line that stays. */
  line(text: string): void;
  /** The one status line, overwritten by the next. */
  status(text: string): void;
}

export const SILENT: Progress = { line() {}, status() {} };

export interface Target {
  figure: string;
  label: string;
  op: '>=' | '<';
  target: number;
  unit: string;
  /** 'yes': every sample meets it; 'median': the median does, not every sample; 'no'; 'not measured'. */
  met: 'yes' | 'median' | 'no' | 'not measured';
}

export interface BenchReport {
  format: 'departure-sim-bench/2';
  meta: BenchMeta;
  options: { quick: boolean; runs: number; sizes: number[]; headlineAgents: number; fullScale: boolean; sweep: { agents: number; replicates: number } | false; inner: boolean };
  definition: string;
  /** The CI ratios (medians), by name in bench/baseline.json. */
  ratios: Record<Ratio, number>;
  targets: Target[];
  /** Informational: the object-per-agent reference against the engine (see ReferenceAgreement). */
  reference: ReferenceAgreement | null;
  figures: Figure[];
}

export const DEFINITION = 'agent-step = one agent advanced one step in both arms (programme + twin); agent-steps = agents x steps x replicates';

interface Task {
  label: string;
  samples: number;
  run: () => Promise<void>;
  lastSeconds?: number;
  done?: number;
}

/** The id of a figure of a cold `run` of `agents` on `workers` workers. */
const coldId = (agents: number, workers: number, what: string) => `cold.${sizeLabel(agents)}.w${workers}.${what}`;

/**
 * Measure everything: cold end-to-end runs, their phases, the sweep, the yardstick and (full runs) the warmed inner
 * loop. Every timed child process is a case; rounds run one sample of every case that still needs one, so cases
 * alternate and a shared machine slowing down moves them together, and figures derived from several cases (an
 * efficiency, a phase by difference) combine the samples of the same round.
 */
export async function measureBench(o: BenchOptions, read: ScenarioReader, progress: Progress = SILENT): Promise<BenchReport> {
  const quick = o.quick ?? false;
  const runs = o.runs ?? (quick ? 3 : 5);
  const sizes = o.sizes ?? coldSizes(quick);
  const headline = o.headlineAgents ?? HEADLINE_AGENTS;
  const fullScale = o.fullScale ?? !quick;
  const sweep = o.sweep ?? { agents: SWEEP_AGENTS, replicates: SWEEP_REPLICATES };
  const inner = o.inner ?? !quick;
  const referenceAgents = o.referenceAgents ?? REFERENCE_AGENTS;
  const referenceSteps = o.referenceSteps ?? REFERENCE_STEPS;
  const meta = startMeta();
  const cores = meta.cores;
  const workerSet = cores > 1 ? [1, cores] : [1];
  const started = performance.now();
  const scratch = mkdtempSync(join(tmpdir(), 'departure-sim-bench-'));
  const raw = new Map<string, number[]>();
  const push = (id: string, v: number) => {
    if (!raw.has(id)) raw.set(id, []);
    raw.get(id)!.push(v);
  };
  const phases: PhaseTimes[] = [];
  const small = (o.smallFactor ?? (quick ? 1 : 3)) * runs;
  const big = Math.min(runs, 3);
  const samplesFor = (agents: number) => (agents <= 1e5 ? small : agents <= 1e6 ? runs : big);

  progress.line(`departure-sim bench${quick ? ' --quick' : ''}: ${cores} cores, load ${meta.loadAverageStart.map((x) => x.toFixed(2)).join(' ')}; `
    + (o.sizes ? 'test sizes' : `about ${quick ? '2' : '12'} minutes on an idle 2-core machine`));
  progress.status('reading the scenario and warming up the reference');

  const pool1 = createPool(1);
  const pools: Map<number, WorkerPool> = new Map([[1, pool1]]);
  try {
    // The yardstick: the reference's code is optimised before any timing; then one engine run against one
    // reference run for the (informational) agreement.
    const refScenario = read(presetFile('utility'), { agents: referenceAgents, replicates: 1 });
    runReference(read(presetFile('utility'), { agents: Math.min(referenceAgents, 20_000), replicates: 1 }), 1, 3);
    let reference: ReferenceAgreement | null = null;
    try {
      reference = await referenceAgreement(refScenario, pool1, referenceSteps);
    } catch (e) {
      progress.line(`reference agreement not computed: ${(e as Error).message}`);
    }

    const run = (agents: number, workers: number, report: boolean): Promise<ChildTiming> => timeChild([
      cliFile(), 'run', RUN_SCENARIO, '--agents', String(agents), '--replicates', '1', '--workers', String(workers),
      ...(report ? [] : ['--no-report']), '--quiet', '--out', join(scratch, 'run'), '--force'], scratch);
    const probe = async (agents: number, workers: number, prefix: string) => {
      const t = await timeChild([cliFile(), 'bench', '--phases-of', RUN_SCENARIO, '--phases-agents', String(agents), '--phases-workers', String(workers)], scratch);
      const p = JSON.parse(t.stdout) as PhaseTimes;
      phases.push(p);
      for (const key of ['startupSeconds', 'synthesisSeconds', 'stepsSeconds', 'resultsSeconds', 'poolStartSeconds', 'bootSeconds'] as const) push(`${prefix}.${key}`, p[key]);
      push(`${prefix}.stepsAgentStepsPerSec`, p.agentSteps / p.stepsSeconds);
    };
    const groups: Task[][] = [];
    groups.push([
      { label: '`departure-sim --version`, cold', samples: small, run: async () => push('startup.version.wall', (await timeChild([cliFile(), '--version'], scratch)).wallSeconds) },
      ...workerSet.filter((w) => w === 1 || !quick).map((w): Task => ({
        label: `\`run --agents 1 --no-report\`, ${w} worker(s)`, samples: small,
        run: async () => push(`startup.run.w${w}.wall`, (await run(1, w, false)).wallSeconds),
      })),
    ]);
    const smallest = Math.min(...sizes);
    for (const agents of sizes) {
      const n = samplesFor(agents);
      const tasks: Task[] = [];
      for (const w of workerSet) {
        if (w > 1 && quick && agents !== headline) continue;
        tasks.push({
          label: `\`run --agents ${sizeLabel(agents)} --no-report\`, ${w} worker(s)`, samples: n,
          run: async () => {
            const t = await run(agents, w, false);
            push(coldId(agents, w, 'wall'), t.wallSeconds);
            push(coldId(agents, w, 'peakRss'), t.peakRssBytes);
          },
        });
      }
      tasks.push({ label: `phases of a ${sizeLabel(agents)}-agent run, 1 worker`, samples: n, run: () => probe(agents, 1, `phases.${sizeLabel(agents)}.w1`) });
      if (agents === smallest && (o.report ?? !quick)) {
        tasks.push({
          label: `\`run --agents ${sizeLabel(agents)}\` with its report, 1 worker`, samples: runs,
          run: async () => push(coldId(agents, 1, 'withReport.wall'), (await run(agents, 1, true)).wallSeconds),
        });
      }
      if (agents === headline) {
        tasks.push({
          label: `how much of ${cores} cores the machine gives (fixed compute loop on 1 and ${cores} threads)`, samples: n,
          run: async () => {
            const m = await machineSample(cores);
            push('machine.efficiency', m.efficiency);
            push('machine.oneThreadRate', m.oneThreadRate);
          },
        });
        tasks.push({
          label: `object-per-agent reference, ${sizeLabel(referenceAgents)} agents x ${referenceSteps} steps (in process)`, samples: n,
          run: async () => push('reference.agentStepsPerSec', referenceSpeed(refScenario, (raw.get('reference.agentStepsPerSec')?.length ?? 0) + 1, referenceSteps)),
        });
      }
      groups.push(tasks);
    }
    const top = workerSet[workerSet.length - 1];
    if (fullScale) {
      groups.push([
        {
          label: `\`run --agents 14000000 --no-report\` (full scale), ${top} workers`, samples: big,
          run: async () => {
            const t = await run(FULL_SCALE_AGENTS, top, false);
            push(coldId(FULL_SCALE_AGENTS, top, 'wall'), t.wallSeconds);
            push(coldId(FULL_SCALE_AGENTS, top, 'peakRss'), t.peakRssBytes);
          },
        },
        { label: `phases of the full-scale run, ${top} workers`, samples: big, run: () => probe(FULL_SCALE_AGENTS, top, `phases.full.w${top}`) },
      ]);
    }
    if (sweep) {
      groups.push(workerSet.map((w): Task => ({
        label: `\`sweep stipend-dose-response --agents ${sweep.agents} --replicates ${sweep.replicates}\`, ${w} worker(s)`, samples: runs,
        run: async () => {
          const t = await timeSweep(SWEEP_EXPERIMENT, { ...sweep, workers: w }, scratch);
          push(`sweep.w${w}.wall`, t.wallSeconds);
          push(`sweep.w${w}.peakRss`, t.peakRssBytes);
          push(`sweep.w${w}.runs`, t.runs);
          push(`sweep.w${w}.steadyRunsPerSec`, t.steadyPointsPerSecond * sweep.replicates);
        },
      })));
      // What the machine gives this workload on N cores: N one-worker sweeps as separate processes at once. An
      // N-worker sweep cannot do better than they do, and the fixed loop's efficiency does not say how far that is.
      if (workerSet.length > 1) {
        groups.push([{
          label: `${top} one-worker sweeps at once (separate processes)`, samples: runs,
          run: async () => {
            const ts = await Promise.all(Array.from({ length: top }, (_, k) => timeSweep(SWEEP_EXPERIMENT, { ...sweep, workers: 1 }, scratch, `sweep-separate-${k}`)));
            push('sweep.separate.wall', Math.max(...ts.map((t) => t.wallSeconds)));
            push('sweep.separate.steadyRunsPerSec', ts.reduce((a, t) => a + t.steadyPointsPerSecond * sweep.replicates, 0));
          },
        }]);
      }
    }

    const tasks = groups.flat();
    const totalRuns = tasks.reduce((a, t) => a + t.samples, 0);
    const rounds = Math.max(...tasks.map((t) => t.samples));
    let done = 0;
    for (let r = 0; r < rounds; r++) {
      meta.loadDuring.push({ round: r, seconds: (performance.now() - started) / 1000, load1: loadavg()[0] });
      for (const t of tasks) {
        if (r >= t.samples) continue;
        const left = tasks.every((x) => x.lastSeconds !== undefined || x === t)
          ? `, about ${Math.round(tasks.reduce((a, x) => a + (x.samples - (x.done ?? 0)) * (x.lastSeconds ?? 0), 0))} s left`
          : '';
        progress.status(`[${done + 1}/${totalRuns}] round ${r + 1}/${rounds}: ${t.label} (${Math.round((performance.now() - started) / 1000)} s${left})`);
        const t0 = performance.now();
        try {
          await t.run();
        } catch (e) {
          // A crash is not a timing: keep a record of it, and take the sample again once; twice is an error.
          if (!(e instanceof ChildCrash)) throw e;
          meta.crashes.push({ task: t.label, error: e.message.slice(0, 2000) });
          progress.line(`a child process crashed (${t.label}); taking the sample again: ${e.message.split('\n').slice(0, 2).join(' ')}`);
          await t.run();
        }
        t.lastSeconds = (performance.now() - t0) / 1000;
        t.done = (t.done ?? 0) + 1;
        done++;
      }
      if (r === 0) progress.line(`first round done in ${Math.round((performance.now() - started) / 1000)} s`);
    }
    if (!phases.length) throw new Error('no run reported its phases');
    const stepsPerRun = phases[0].stepsPerRun;

    const figures: Figure[] = [];
    const get = (id: string) => raw.get(id) ?? [];
    const samplesOf = (id: string) => figures.find((x) => x.id === id)?.samples ?? [];
    const add = (id: string, label: string, unit: string, better: Better, samples: number[], how: string) => {
      if (samples.length) figures.push(figure(id, label, unit, better, samples, how));
    };
    add('startup.version.wall', '`departure-sim --version`, cold process', 's', 'lower', get('startup.version.wall'), 'wall time of the child process: Node and the CLI\'s modules');
    for (const w of workerSet) {
      add(`startup.run.w${w}.wall`, `start-up: \`run --agents 1 --no-report\`, ${w} worker(s)`, 's', 'lower', get(`startup.run.w${w}.wall`),
        'wall time of a cold run of one agent: Node, modules, scenario, worker pool start and close, 36 one-agent steps, results files');
    }
    const coldFigures = (agents: number, w: number) => {
      const what = `${agents === FULL_SCALE_AGENTS ? 'full scale (14M agents)' : `${sizeLabel(agents)} agents`}, ${w} worker(s)`;
      const wall = get(coldId(agents, w, 'wall'));
      add(coldId(agents, w, 'wall'), `cold \`run --no-report\`, ${what}`, 's', 'lower', wall, 'wall time of the child process, spawn to exit');
      add(coldId(agents, w, 'agentStepsPerSec'), `end to end, ${what}`, 'agent-steps/s', 'higher', wall.map((x) => (agents * stepsPerRun) / x),
        `agents x ${stepsPerRun} steps / wall time of the cold process`);
      add(coldId(agents, w, 'peakRss'), `peak RSS, ${what}`, 'bytes', 'lower', get(coldId(agents, w, 'peakRss')), 'process.resourceUsage().maxRSS of the child at exit (worker threads included)');
    };
    const phaseFigures = (agents: number, w: number) => {
      const p = `phases.${sizeLabel(agents)}.w${w}`;
      const what = `${sizeLabel(agents)} agents, ${w} worker(s)`;
      add(`${p}.startup`, `start-up, ${what}`, 's', 'lower', get(`${p}.startupSeconds`),
        'phases child: Node\'s time origin to a worker pool ready to run (boot + scenario read + pool start)');
      add(`${p}.boot`, `Node and the CLI's modules, ${what}`, 's', 'lower', get(`${p}.bootSeconds`), 'phases child: Node\'s time origin to the command\'s first line');
      add(`${p}.poolStart`, `worker pool start, ${what}`, 's', 'lower', get(`${p}.poolStartSeconds`), 'phases child: one-agent run\'s call to its first step, less one step');
      add(`${p}.synthesis`, `synthesis, ${what}`, 's', 'lower', get(`${p}.synthesisSeconds`), 'phases child: runScenario call to the end of step 1, less one typical step');
      add(`${p}.steps`, `steps, ${what}`, 's', 'lower', get(`${p}.stepsSeconds`), 'phases child: end of step 1 to the end of the last step, plus one typical step');
      add(`${p}.stepsAgentStepsPerSec`, `steps only (cold code), ${what}`, 'agent-steps/s', 'higher', get(`${p}.stepsAgentStepsPerSec`), 'agents x steps / steps phase');
      add(`${p}.results`, `result tables, ${what}`, 's', 'lower', get(`${p}.resultsSeconds`), 'phases child: end of the last step to runScenario\'s return');
      add(`${p}.other`, `other (process creation, result tables and files, pool close, exit), ${what}`, 's', 'lower',
        bySample([get(coldId(agents, w, 'wall')), get(`${p}.startupSeconds`), get(`${p}.synthesisSeconds`), get(`${p}.stepsSeconds`)], (wall, s0, syn, st) => wall - s0 - syn - st),
        'cold `run` wall - start-up - synthesis - steps of the phases child, sample by sample of the same round');
    };
    for (const agents of sizes) {
      for (const w of workerSet) coldFigures(agents, w);
      if (workerSet.length > 1) {
        add(`cold.${sizeLabel(agents)}.efficiency`, `parallel efficiency of a cold run, ${sizeLabel(agents)} agents, ${top} workers`, 'ratio', 'higher',
          bySample([get(coldId(agents, 1, 'wall')), get(coldId(agents, top, 'wall'))], (one, many) => one / (top * many)),
          'wall with 1 worker / (N x wall with N), per round');
      }
      phaseFigures(agents, 1);
      const withReport = get(coldId(agents, 1, 'withReport.wall'));
      add(coldId(agents, 1, 'withReport.wall'), `cold \`run\` with its report, ${sizeLabel(agents)} agents, 1 worker`, 's', 'lower', withReport, 'wall time of the child process');
      add(coldId(agents, 1, 'reportWriting'), `report writing, ${sizeLabel(agents)} agents`, 's', 'lower',
        bySample([withReport, get(coldId(agents, 1, 'wall'))], (a, b) => a - b), 'cold `run` minus cold `run --no-report`, per round');
    }
    if (fullScale) {
      coldFigures(FULL_SCALE_AGENTS, top);
      add(coldId(FULL_SCALE_AGENTS, top, 'peakRssPerAgent'), `peak RSS per agent, full scale, ${top} workers`, 'bytes/agent', 'lower',
        get(coldId(FULL_SCALE_AGENTS, top, 'peakRss')).map((x) => x / FULL_SCALE_AGENTS), 'peak RSS / 14M agents');
      phaseFigures(FULL_SCALE_AGENTS, top);
    }
    add('reference.agentStepsPerSec', `object-per-agent reference, ${sizeLabel(referenceAgents)} agents x ${referenceSteps} steps, one thread`, 'agent-steps/s', 'higher',
      get('reference.agentStepsPerSec'), 'bench/reference-utility.ts in the benchmark process, steps only, alternating with the cold runs');
    add('machine.efficiency', `the machine's own efficiency on ${cores} threads (fixed compute loop)`, 'ratio', 'higher', get('machine.efficiency'),
      'time of the loop on 1 thread / time of the same loop on N threads at once (bench/machine.ts): below 1 when other jobs hold cores');
    add('machine.oneThreadRate', 'fixed compute loop on one thread', 'iterations/s', 'higher', get('machine.oneThreadRate'), 'bench/machine.ts');
    add('ratio.coldVsReference', `end to end (${sizeLabel(headline)} agents, 1 worker) over the reference`, 'ratio', 'higher',
      bySample([get(coldId(headline, 1, 'wall')), get('reference.agentStepsPerSec')], (wall, ref) => (headline * stepsPerRun) / wall / ref), 'per round');
    if (sweep) {
      const work = sweep.agents * stepsPerRun;
      for (const w of workerSet) {
        const wall = get(`sweep.w${w}.wall`);
        const runsDone = get(`sweep.w${w}.runs`);
        const steady = get(`sweep.w${w}.steadyRunsPerSec`);
        const what = `${w} worker(s)`;
        add(`sweep.w${w}.wall`, `sweep, whole command, ${what}`, 's', 'lower', wall, 'wall time of the child process, including start-up and the report');
        add(`sweep.w${w}.agentStepsPerSec`, `sweep, whole command, ${what}`, 'agent-steps/s', 'higher', bySample([runsDone, wall], (n, t) => (n * work) / t), 'runs x agents x steps / wall');
        add(`sweep.w${w}.runsPerSec`, `sweep, whole command, ${what}`, 'runs/s', 'higher', bySample([runsDone, wall], (n, t) => n / t), 'runs / wall');
        add(`sweep.w${w}.steadyAgentStepsPerSec`, `sweep, steady state, ${what}`, 'agent-steps/s', 'higher', steady.map((x) => x * work), 'from the point files\' completion times (bench/sweep.ts)');
        add(`sweep.w${w}.steadyAgentStepsPerSecPerWorker`, `sweep, steady state per worker, ${what}`, 'agent-steps/s', 'higher', steady.map((x) => (x * work) / w), 'steady state / workers');
        add(`sweep.w${w}.steadyRunsPerSec`, `sweep, steady state, ${what}`, 'runs/s', 'higher', steady, 'from the point files\' completion times');
        add(`sweep.w${w}.peakRss`, `sweep peak RSS, ${what}`, 'bytes', 'lower', get(`sweep.w${w}.peakRss`), 'maxRSS of the child at exit');
      }
      if (workerSet.length > 1) {
        add('sweep.efficiency', `sweep parallel efficiency, steady state, ${top} workers`, 'ratio', 'higher',
          bySample([get(`sweep.w${top}.steadyRunsPerSec`), get('sweep.w1.steadyRunsPerSec')], (many, one) => many / (top * one)), 'steady rate with N / (N x with 1), per round');
        add('sweep.efficiencyWholeCommand', `sweep parallel efficiency, whole command, ${top} workers`, 'ratio', 'higher',
          bySample([get('sweep.w1.wall'), get(`sweep.w${top}.wall`)], (one, many) => one / (top * many)), 'wall with 1 / (N x wall with N), per round');
        add('sweep.separate.wall', `${top} one-worker sweeps at once, the last to finish`, 's', 'lower', get('sweep.separate.wall'), 'wall time of the slower child');
        add('sweep.separate.efficiency', `${top} one-worker sweeps at once (separate processes): efficiency, steady state`, 'ratio', 'higher',
          bySample([get('sweep.separate.steadyRunsPerSec'), get('sweep.w1.steadyRunsPerSec')], (all, one) => all / (top * one)),
          'their summed steady rates / (N x the steady rate of one alone), per round');
        add('sweep.efficiencyVsSeparate', `sweep efficiency (${top} workers) over ${top} separate processes`, 'ratio', 'higher',
          bySample([samplesOf('sweep.efficiency'), samplesOf('sweep.separate.efficiency')], (e, sep) => e / sep),
          'per round: 1 when one N-worker sweep does as well as N one-worker processes');
      }
    }
    // A parallel efficiency cannot be better than what the machine gives to N threads at that moment: over it, an
    // efficiency says how the engine scales on the cores it got, whether or not another job held one.
    const machine = get('machine.efficiency');
    const overMachine = (id: string) => bySample([samplesOf(id), machine], (e, m) => e / m);
    add(`cold.${sizeLabel(headline)}.efficiencyVsMachine`, `parallel efficiency of a cold ${sizeLabel(headline)} run over the machine's own`, 'ratio', 'higher',
      overMachine(`cold.${sizeLabel(headline)}.efficiency`), 'per round: cold run efficiency / the fixed loop\'s efficiency on as many threads');
    add('sweep.efficiencyVsMachine', 'sweep efficiency (steady state) over the machine\'s own', 'ratio', 'higher', overMachine('sweep.efficiency'),
      'per round: sweep efficiency / the fixed loop\'s efficiency on as many threads');
    if (inner) {
      progress.status('warmed inner loop (in process)');
      for (const w of workerSet) if (!pools.has(w)) pools.set(w, createPool(w));
      figures.push(...await innerLoop({
        read, pools, cases: innerCases(quick), runs, referenceAgents: 1e5, subStepAgents: HEADLINE_AGENTS,
        log: (l) => progress.line(l),
      }));
    }

    meta.loadAverageEnd = loadavg();
    meta.durationSeconds = (performance.now() - started) / 1000;
    const median = (id: string) => figures.find((f) => f.id === id)?.median ?? NaN;
    return {
      format: 'departure-sim-bench/2',
      meta,
      options: { quick, runs, sizes, headlineAgents: headline, fullScale, sweep, inner },
      definition: DEFINITION,
      ratios: {
        coldEfficiencyVsMachine: median(`cold.${sizeLabel(headline)}.efficiencyVsMachine`),
        sweepEfficiencyVsMachine: median('sweep.efficiencyVsMachine'),
        coldVsReference: median('ratio.coldVsReference'),
      },
      targets: targets(figures, top),
      reference,
      figures,
    };
  } finally {
    for (const p of pools.values()) await p.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The issue's targets, each judged on the median and on every sample. */
function targets(figures: Figure[], top: number): Target[] {
  const list: Omit<Target, 'met'>[] = [
    { figure: 'cold.1e6.w1.agentStepsPerSec', label: 'end to end, cold, 1 worker, 1e6 agents', op: '>=', target: 20e6, unit: 'agent-steps/s' },
    { figure: 'cold.1e5.w1.agentStepsPerSec', label: 'end to end, cold, 1 worker, 1e5 agents', op: '>=', target: 8e6, unit: 'agent-steps/s' },
    { figure: 'cold.1e4.w1.wall', label: '10,000-agent run, cold, 1 worker, --no-report', op: '<', target: 0.4, unit: 's' },
    { figure: 'sweep.w1.steadyAgentStepsPerSec', label: 'sweep of 20,000-agent points, per core (1 worker)', op: '>=', target: 20e6, unit: 'agent-steps/s' },
    { figure: 'sweep.efficiency', label: `sweep, ${top}-worker efficiency`, op: '>=', target: 0.9, unit: 'ratio' },
    { figure: `cold.full.w${top}.wall`, label: `full scale, 14M x 36 steps, twin, ${top} workers: wall`, op: '<', target: 10, unit: 's' },
    { figure: `cold.full.w${top}.peakRss`, label: 'full scale: peak RSS', op: '<', target: 2 ** 30, unit: 'bytes' },
  ];
  return list.map((t) => {
    const f = figures.find((x) => x.id === t.figure);
    const ok = (v: number) => (t.op === '>=' ? v >= t.target : v < t.target);
    const met = !f || !Number.isFinite(f.median) ? 'not measured' : f.samples.every(ok) ? 'yes' : ok(f.median) ? 'median' : 'no';
    return { ...t, met };
  });
}
