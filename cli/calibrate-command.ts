import { join } from 'node:path';
import { calibrate, planCalibration, writeCalibration, type CalibrationPlan } from '../experiments/calibrate.js';
import { isAbcCalibrationFile, planAbcCalibration } from '../experiments/abc/plan.js';
import { leaveCaseOut } from '../experiments/abc/leave-out.js';
import { InputError } from '../scenarios/errors.js';
import { readJson } from '../scenarios/read-json.js';
import { calibrateAbcCommand, type AbcFlags } from './calibrate-abc-command.js';
import { checkOutputTarget } from '../sim/output-folder.js';
import { createPool, defaultWorkers } from '../sim/pool.js';
import { fail, interruptSignal } from './failure.js';
import { checkFitsInMemory } from './options.js';
import { progressBar } from './progress.js';

export interface CalibrateFlags extends AbcFlags {
  agents?: number;
  leaveOut?: string;
}

export async function calibrateCommand(file: string, flags: CalibrateFlags): Promise<void> {
  let raw: unknown;
  try {
    raw = readJson(file, 'calibration');
    if (isAbcCalibrationFile(raw)) {
      const calibration = flags.leaveOut === undefined ? raw : leaveCaseOut(file, raw, flags.leaveOut);
      return await calibrateAbcCommand(planAbcCalibration(file, calibration, { agents: flags.agents }), flags);
    }
    for (const [flag, given] of [['--shard', flags.shard], ['--shard-count', flags.shardCount], ['--resume', flags.resume], ['--leave-out', flags.leaveOut]] as const) {
      if (given !== undefined) throw new InputError(file, [{ path: flag, value: given, expected: 'expected no such option for a version 1 (Nelder-Mead) calibration: only version 2 (abc-smc) calibrations are resumable, shardable and have case scenarios to leave out' }]);
    }
  } catch (e) {
    fail(e);
  }
  await nelderMeadCommand(file, raw, flags);
}

async function nelderMeadCommand(file: string, raw: unknown, flags: CalibrateFlags): Promise<void> {
  const signal = interruptSignal();
  let plan: CalibrationPlan;
  let out: string;
  try {
    plan = planCalibration(file, { agents: flags.agents, raw });
    checkFitsInMemory(plan.base.population.agents, file, 'agents');
    out = flags.out ?? join('out', 'calibrations', plan.calibration.name);
    checkOutputTarget({ path: out, kind: 'calibration', force: flags.force });
  } catch (e) {
    fail(e);
  }
  const pool = createPool(flags.workers ?? defaultWorkers());
  const bar = progressBar(plan.calibration.name, flags.quiet ?? false, 'evaluations');
  try {
    const r = await calibrate(plan, pool, { signal, onEvaluation: (n, max) => bar.update(n, max) });
    bar.stop();
    await writeCalibration(plan, r, { path: out, force: flags.force });
    await pool.close();
    const missed = r.fits.filter((f) => f.missed);
    const state = r.converged ? 'converged' : 'stopped at the evaluation limit';
    const lines = [
      `${plan.calibration.title}: ${r.evaluations} evaluations, ${state}; objective ${r.objective.toPrecision(3)}`,
      ...plan.calibration.parameters.map((p, i) => `  ${p.name} (${p.path}): ${plan.start[i]} -> ${Number(r.values[i].toPrecision(4))}`),
      ...r.fits.map((f) => `  target ${f.name}: ${f.target.toLocaleString('en-US')}, simulated ${Math.round(f.simulated.mean ?? 0).toLocaleString('en-US')} (${(f.relativeError * 100).toFixed(1)}%${f.missed ? `, MISSED: beyond the tolerance of ${(f.tolerance * 100).toFixed(0)}%` : ''})`),
      `Outputs: ${out}`,
    ];
    if (!flags.quiet) process.stdout.write(lines.join('\n') + '\n');
    // A fit that misses a target is not a good fit, however the optimiser ended: say so even with --quiet.
    if (missed.length > 0) {
      process.stderr.write(`departure-sim: warning: the fit misses ${missed.length} of ${r.fits.length} targets by more than their tolerance (${missed.map((f) => f.name).join(', ')}); the model with these free parameters does not reproduce them\n`);
    }
  } catch (e) {
    bar.stop();
    await pool.close();
    fail(e);
  }
}
