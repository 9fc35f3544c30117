import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../scenarios/errors.js';
import { checkOutputTarget, openIncrementalFolder, outputKind, writeFileAtomically } from '../sim/output-folder.js';
import { canonicalJson, scenarioHash } from '../sim/outputs.js';
import { createPool } from '../sim/pool.js';
import { runScenario } from '../sim/run.js';
import { finishedPoints, readText } from './files.js';
import { SWEEP_SERIES, replicateFigures } from './measures.js';
import { sweepOutputs } from './outputs.js';
import { pointName, type Plan, type Point } from './plan.js';
import { designCsv, parsePointRecord, pointRecordText } from './records.js';
import type { Experiment } from './schema.js';
import type { Shard } from './shard.js';

export interface SweepOptions {
  out: string;
  /** Start afresh in a folder that holds something else, or a sweep, replacing it. */
  force?: boolean;
  workers: number;
  shard?: Shard;
  /** Continue a sweep whose folder already holds finished points. */
  resume?: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Called after each point's file is in place (tests use it to simulate a kill). */
  onPoint?: (index: number) => void;
}

export interface SweepReport {
  ran: number;
  skipped: number;
  /** Whether every point of the design is in the folder, so results.csv and the analyses were written. */
  complete: boolean;
  missing: number;
}

/** The files that identify a sweep; every shard and every resumption must agree on them byte for byte. */
function sweepHeader(plan: Plan): Record<string, string> {
  return {
    'experiment.json': canonicalJson(plan.resolved, 2) + '\n',
    'design.csv': designCsv(plan.parameters.map((p) => p.name), plan.points),
  };
}

/**
 * Open the sweep's folder before anything runs: a new or empty folder, or with --resume the folder of this same
 * experiment; a folder holding a sweep is never started afresh without --force, nor anything else replaced.
 */
export function openSweepFolder(plan: Plan, o: Pick<SweepOptions, 'out' | 'force' | 'resume'>, header: Record<string, string>): string {
  const request = { path: o.out, kind: 'sweep' as const, force: o.force };
  const target = checkOutputTarget(request);
  const ours = existsSync(target) && outputKind(target) === 'sweep';
  if (ours && !o.force) {
    if (!o.resume) {
      throw new InputError(plan.file, [{ path: '--out', value: o.out, expected: 'expected a new folder: this one holds a sweep already (pass --resume to continue it, or --force to start afresh)' }]);
    }
    const file = join(target, 'experiment.json');
    if (!existsSync(file) || readText(file) !== header['experiment.json']) {
      throw new InputError(plan.file, [{ path: '--out', value: o.out, expected: 'expected the folder of this same experiment to resume (its experiment.json differs: another file, --agents or --replicates)' }]);
    }
  }
  return openIncrementalFolder(request, Boolean(o.resume) && !o.force);
}

/**
 * Run the points of a sweep (or of one shard) that are not finished yet, several at a time over one worker
 * pool. Each point runs exactly as `departure-sim run` would run its scenario and is written to
 * points/pNNNNNN.json atomically when done; once every point is present, the outputs are built from the files.
 */
export async function runSweep(plan: Plan, o: SweepOptions): Promise<SweepReport> {
  const header = sweepHeader(plan);
  openSweepFolder(plan, o, header);
  for (const [name, text] of Object.entries(header)) writeFileAtomically(join(o.out, name), text);

  const finished = finishedPoints(o.out);
  const mine = plan.points.filter((p) => !o.shard || p.index % o.shard.count === o.shard.index);
  const todo = mine.filter((p) => !finished.has(p.index));
  const stepsPerPoint = (p: Point) => p.scenario.replicates * p.scenario.time.steps;
  const total = todo.reduce((n, p) => n + stepsPerPoint(p), 0);
  let done = 0;

  if (todo.length > 0) {
    const pool = createPool(o.workers);
    // As many points at a time as threads. A point of fewer blocks than threads runs its replicates whole, one per
    // thread (sim/run.ts), so the points under way keep every thread busy without a round trip per step.
    const queue = [...todo];
    const lane = async () => {
      try {
        for (let p = queue.shift(); p; p = queue.shift()) {
          o.signal?.throwIfAborted();
          const out = await runScenario(p.scenario, {
            executor: pool, twin: true, signal: o.signal, reusePopulations: true, onProgress: () => o.onProgress?.(++done, total),
          });
          writeFileAtomically(join(o.out, 'points', `${pointName(p.index)}.json`), pointRecordText({
            point: p.index, seed: p.seed, values: p.values, scenarioHash: scenarioHash(p.scenario),
            series: SWEEP_SERIES.map(([n]) => n), figures: replicateFigures(out, p.scenario),
          }));
          o.onPoint?.(p.index);
        }
      } catch (e) {
        queue.length = 0; // the other lanes finish their current point and stop
        throw e;
      }
    };
    const settled = await Promise.allSettled(Array.from({ length: Math.min(o.workers, todo.length) }, lane));
    await pool.close();
    const failure = settled.find((r) => r.status === 'rejected');
    if (failure) throw failure.reason;
  }
  const missing = plan.points.length - finishedPoints(o.out).size;
  if (missing === 0) await writeSweepOutputs(plan, o.out);
  return { ran: todo.length, skipped: mine.length - todo.length, complete: missing === 0, missing };
}

/**
 * Build results.csv, summary.csv, the analyses and the report from the point files, in point order. The
 * experiment is read back from experiment.json, exactly as `merge` reads it, so both paths give the same bytes.
 */
export async function writeSweepOutputs(plan: Plan, dir: string): Promise<void> {
  const files = finishedPoints(dir);
  const records = plan.points.map((p) => {
    const r = parsePointRecord(readText(files.get(p.index)!), files.get(p.index)!);
    if (r.scenarioHash !== scenarioHash(p.scenario)) {
      throw new InputError(dir, [{ path: `points/${pointName(p.index)}.json`, value: r.scenarioHash, expected: `expected the scenario hash ${scenarioHash(p.scenario)} of this experiment's point ${p.index}` }]);
    }
    return r;
  });
  const { experiment } = JSON.parse(readText(join(dir, 'experiment.json'))) as { experiment: Experiment };
  const outputs = await sweepOutputs(experiment, records, plan.points);
  for (const [name, data] of Object.entries(outputs)) writeFileAtomically(join(dir, name), data);
}
