import { join } from 'node:path';
import { EXIT, fail, interruptSignal } from '../cli/failure.js';
import { progressBar } from '../cli/progress.js';
import { defaultWorkers, createPool } from '../sim/pool.js';
import { calibrate, planCalibration, writeCalibration } from './calibrate.js';
import { mergeSweeps } from './merge.js';
import { planExperiment, type Plan } from './plan.js';
import { resolveShard } from './shard.js';
import { runSweep } from './sweep.js';

export interface SweepFlags {
  out?: string;
  workers?: number;
  agents?: number;
  replicates?: number;
  shard?: string;
  shardCount?: number;
  resume?: boolean;
  quiet?: boolean;
}

export async function sweepCommand(file: string, flags: SweepFlags): Promise<void> {
  const signal = interruptSignal();
  let plan: Plan;
  let shard;
  try {
    plan = planExperiment(file, { agents: flags.agents, replicates: flags.replicates });
    shard = resolveShard(flags.shard, flags.shardCount, process.env);
  } catch (e) {
    fail(e);
  }
  const out = flags.out ?? join('out', plan.experiment.name);
  const bar = progressBar(`${plan.experiment.name}${shard ? ` ${shard.index}/${shard.count}` : ''}`, flags.quiet ?? false);
  try {
    const r = await runSweep(plan, { out, workers: flags.workers ?? defaultWorkers(), shard, resume: flags.resume, signal, onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    if (flags.quiet) return;
    const what = `${r.ran} point${r.ran === 1 ? '' : 's'} run, ${r.skipped} already done`;
    process.stdout.write(r.complete
      ? `${plan.experiment.title}: ${plan.points.length} points (${what}).\nOutputs: ${out}\n`
      : `${plan.experiment.title}, shard ${shard?.index}/${shard?.count}: ${what}; ${r.missing} points are in other shards.\nCombine the shard folders with: departure-sim merge DIR... --out DIR\n`);
  } catch (e) {
    bar.stop();
    if (e instanceof Error && e.name === 'AbortError') {
      process.stderr.write(`departure-sim: interrupted; finished points are kept in ${out}: continue with --resume\n`);
      process.exit(EXIT.interrupted);
    }
    fail(e);
  }
}

export async function mergeCommand(dirs: string[], flags: { out: string; quiet?: boolean }): Promise<void> {
  try {
    const r = await mergeSweeps(dirs, flags.out);
    if (!flags.quiet) process.stdout.write(`Merged ${dirs.length} folder${dirs.length === 1 ? '' : 's'}: ${r.points} points.\nOutputs: ${flags.out}\n`);
  } catch (e) {
    fail(e);
  }
}

export async function calibrateCommand(file: string, flags: { out?: string; workers?: number; agents?: number; quiet?: boolean }): Promise<void> {
  const signal = interruptSignal();
  let plan;
  try {
    plan = planCalibration(file, { agents: flags.agents });
  } catch (e) {
    fail(e);
  }
  const out = flags.out ?? join('out', plan.calibration.name);
  const pool = createPool(flags.workers ?? defaultWorkers());
  const bar = progressBar(plan.calibration.name, flags.quiet ?? false);
  try {
    const r = await calibrate(plan, pool, { signal, onEvaluation: (n, max) => bar.update(n, max) });
    bar.stop();
    await writeCalibration(plan, r, out);
    await pool.close();
    if (flags.quiet) return;
    const lines = [
      `${plan.calibration.title}: ${r.evaluations} evaluations, ${r.converged ? 'converged' : 'stopped at the evaluation limit'}; objective ${r.objective.toPrecision(3)}`,
      ...plan.calibration.parameters.map((p, i) => `  ${p.name} (${p.path}): ${plan.start[i]} -> ${Number(r.values[i].toPrecision(4))}`),
      ...r.fits.map((f) => `  target ${f.name}: ${f.target.toLocaleString('en-US')}, simulated ${Math.round(f.simulated.mean ?? 0).toLocaleString('en-US')} (${(f.relativeError * 100).toFixed(1)}%)`),
      `Outputs: ${out}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
  } catch (e) {
    bar.stop();
    await pool.close();
    fail(e);
  }
}
