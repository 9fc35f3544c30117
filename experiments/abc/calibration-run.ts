import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../scenarios/errors.js';
import { checkOutputTarget, openIncrementalFolder, outputKind, writeFileAtomically } from '../../sim/output-folder.js';
import { canonicalJson } from '../../sim/outputs.js';
import { createPool, type WorkerPool } from '../../sim/pool.js';
import { streamKey, uniform } from '../../sim/random/hash.js';
import type { PredictiveDatum } from '../../reports/experiments/calibration-charts.js';
import type { Shard } from '../shard.js';
import { noisySummary, PREDICTIVE, simulateModel, type EvaluationKey, type ModelSummary } from './evaluate.js';
import type { AbcPlan } from './plan.js';
import { readRecord, recordPath, recordText, type EvaluationFile } from './records.js';
import { acceptBatch, initialState, nextBatch, pick, posterior, type AbcState } from './smc.js';

/**
 * The driver of a calibration on disk. Every evaluation is written to the folder as it finishes; the state of the
 * ABC-SMC is never saved, only recomputed from those records in candidate order, so a killed calibration resumes
 * where it stopped and shards that share the folder (a shared file system, as on a cluster) take each batch's
 * candidates by index modulo the shard count and wait for one another's records before the batch is folded in.
 * The posterior depends on the records alone, and each record on its candidate alone: the same bytes however
 * the work was split, resumed or spread over workers.
 */

/** Stream tag of the posterior predictive draws (which particle each simulation takes). */
const PREDICTIVE_TAG = 7;

export type Simulate = (theta: readonly number[], key: EvaluationKey) => Promise<ModelSummary>;

export interface AbcProgressReport {
  phase: 'generation' | 'predictive';
  generation: number;
  /** Particles accepted in this generation so far, or predictive simulations done. */
  done: number;
  total: number;
  evaluations: number;
  tolerance: number | null;
}

export interface AbcRunOptions {
  out: string;
  force?: boolean;
  resume?: boolean;
  shard?: Shard;
  workers: number;
  signal?: AbortSignal;
  onProgress?: (p: AbcProgressReport) => void;
  /** Called after each record is in place (tests use it to simulate a kill). */
  onRecord?: (k: EvaluationKey) => void;
  /** Called once while this shard waits for records of other shards. */
  onWait?: (missing: number) => void;
  /** The simulator; default: the engine on a worker pool of `workers` threads. */
  simulate?: Simulate;
  /** How often a shard looks for other shards' records, in ms. */
  pollMs?: number;
}

export interface AbcRunReport {
  state: AbcState;
  /** Evaluations this process simulated, and those it found done. */
  ran: number;
  reused: number;
  /** Whether this process wrote the outputs (the whole calibration, or shard 0). */
  wroteOutputs: boolean;
  /** The posterior predictive check of each target, when this process wrote the outputs. */
  predictive: PredictiveDatum[];
}

export function headerText(plan: AbcPlan): string {
  return `${canonicalJson(plan.resolved, 2)}\n`;
}

/**
 * Open the folder before anything runs: a new or empty folder is started afresh, as is, with --force, one that
 * holds anything but a file, link or protected folder. A folder that holds a calibration is continued only with
 * --resume or --shard, and only if it is this same calibration (its calibration.json identical); shards may
 * arrive in any order, so one that finds the folder started but not yet labelled writes the same label.
 */
export function openCalibrationFolder(plan: AbcPlan, o: Pick<AbcRunOptions, 'out' | 'force' | 'resume' | 'shard'>): string {
  if (o.force && o.shard) {
    throw new InputError(plan.file, [{ path: '--force', value: true, expected: 'expected no --force with --shard: the shards share one folder, and one shard starting afresh would delete the others\' work' }]);
  }
  const request = { path: o.out, kind: 'calibration' as const, force: o.force };
  const target = checkOutputTarget(request);
  const header = headerText(plan);
  const file = join(target, 'calibration.json');
  const continuing = !o.force && existsSync(target) && outputKind(target) === 'calibration';
  if (continuing && !o.resume && !o.shard) {
    throw new InputError(plan.file, [{ path: '--out', value: o.out, expected: 'expected a new folder: this one holds a calibration already (pass --resume to continue it, or --force to start afresh)' }]);
  }
  if (continuing && existsSync(file) && readFileSync(file, 'utf8') !== header) {
    throw new InputError(plan.file, [{ path: '--out', value: o.out, expected: 'expected the folder of this same calibration to continue (its calibration.json differs: another file, version or --agents)' }]);
  }
  openIncrementalFolder(request, continuing);
  if (!existsSync(file)) writeFileAtomically(file, header);
  return target;
}

/** Particle `pick`ed for posterior predictive draw k: by weight, from a counter-based uniform. */
export function predictiveTheta(plan: AbcPlan, state: AbcState, k: number): number[] {
  const g = posterior(state)!;
  let total = 0;
  const cumulative = g.particles.map((p) => (total += p.weight));
  return g.particles[pick(cumulative, uniform(streamKey(plan.config.settings.seed, PREDICTIVE_TAG, k), 0))].theta;
}

export async function runAbcCalibration(plan: AbcPlan, o: AbcRunOptions): Promise<AbcRunReport> {
  const dir = openCalibrationFolder(plan, o);
  let pool: WorkerPool | undefined;
  const simulate: Simulate = o.simulate ?? ((theta, key) => {
    pool ??= createPool(o.workers);
    return simulateModel(plan, theta, key, { executor: pool, signal: o.signal });
  });
  const report = { ran: 0, reused: 0 };
  const method = plan.calibration.method;
  const targets = plan.targets.length;
  try {
    let state = initialState(plan.config);
    while (!state.stopped) {
      const batch = nextBatch(plan.config, state);
      const records = await evaluate(dir, batch.map((c) => ({ generation: c.generation, index: c.index, theta: c.theta })), simulate, targets, o, report);
      const { generation, tolerance } = state.pending!;
      state = acceptBatch(plan.config, state, records.map((r) => ({ generation: r.generation, index: r.index, theta: r.theta, ...noisySummary(plan, r.model, r, method.observationNoise) })));
      const done = state.generations[generation];
      o.onProgress?.({
        phase: 'generation', generation, tolerance, total: plan.config.settings.particles,
        done: done ? done.particles.length : state.pending?.accepted.length ?? 0,
        evaluations: done ? done.evaluations : state.pending?.evaluations ?? 0,
      });
    }
    const predictive = posterior(state) ? method.predictive : 0;
    for (let from = 0; from < predictive; from += plan.config.settings.batchSize) {
      const keys = Array.from({ length: Math.min(plan.config.settings.batchSize, predictive - from) }, (_, i) => from + i)
        .map((k) => ({ generation: PREDICTIVE, index: k, theta: predictiveTheta(plan, state, k) }));
      await evaluate(dir, keys, simulate, targets, o, report);
      o.onProgress?.({ phase: 'predictive', generation: PREDICTIVE, done: from + keys.length, total: predictive, evaluations: from + keys.length, tolerance: null });
    }
    const writes = !o.shard || o.shard.index === 0;
    let checks: PredictiveDatum[] = [];
    if (writes) {
      const { calibrationOutputs, predictiveData } = await import('./calibration-outputs.js');
      const records = predictiveRecords(dir, plan, state);
      const files = await calibrationOutputs(plan, state, records);
      for (const [name, data] of Object.entries(files)) writeFileAtomically(join(dir, name), data);
      checks = predictiveData(plan, records);
    }
    return { state, ...report, wroteOutputs: writes, predictive: checks };
  } finally {
    await pool?.close();
  }
}

/** The predictive records, in order; every one must be present once the calibration has run to its end. */
export function predictiveRecords(dir: string, plan: AbcPlan, state: AbcState): EvaluationFile[] {
  const n = posterior(state) ? plan.calibration.method.predictive : 0;
  return Array.from({ length: n }, (_, k) => {
    const key = { generation: PREDICTIVE, index: k };
    const r = readRecord(dir, key, predictiveTheta(plan, state, k), plan.targets.length);
    if (!r) throw new InputError(dir, [{ path: recordPath('', key), value: undefined, expected: 'expected every posterior predictive record: continue the calibration with --resume' }]);
    return r;
  });
}

type Keyed = EvaluationKey & { theta: number[] };

/**
 * The records of `keys`: those already in the folder are read; this shard's share of the rest is simulated,
 * `workers` at a time, each written as it finishes; then it waits for the other shards' records.
 */
async function evaluate(dir: string, keys: readonly Keyed[], simulate: Simulate, targets: number, o: AbcRunOptions,
  report: { ran: number; reused: number }): Promise<EvaluationFile[]> {
  const out = new Array<EvaluationFile | undefined>(keys.length);
  keys.forEach((k, i) => (out[i] = readRecord(dir, k, k.theta, targets)));
  report.reused += out.filter(Boolean).length;
  const mine = keys.map((k, i) => ({ k, i })).filter(({ k, i }) => !out[i] && (!o.shard || k.index % o.shard.count === o.shard.index));
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (!failed && next < mine.length) {
      const { k, i } = mine[next++];
      try {
        o.signal?.throwIfAborted();
        const model = await simulate(k.theta, k);
        const r: EvaluationFile = { generation: k.generation, index: k.index, theta: k.theta, model };
        writeFileAtomically(recordPath(dir, k), recordText(r));
        // What is used is what a resumed run would read back: the record's text, parsed.
        out[i] = JSON.parse(recordText(r)) as EvaluationFile;
        report.ran++;
        o.onRecord?.(k);
      } catch (e) {
        failed = true;
        throw e;
      }
    }
  };
  const settled = await Promise.allSettled(Array.from({ length: Math.min(o.workers, mine.length) }, lane));
  const failure = settled.find((r) => r.status === 'rejected');
  if (failure) throw failure.reason;
  let told = false;
  for (;;) {
    keys.forEach((k, i) => (out[i] ??= readRecord(dir, k, k.theta, targets)));
    const missing = out.filter((r) => !r).length;
    if (missing === 0) return out as EvaluationFile[];
    if (!told) o.onWait?.(missing);
    told = true;
    await sleep(o.pollMs ?? 250, o.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
