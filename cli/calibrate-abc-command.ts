import { join } from 'node:path';
import { runAbcCalibration, type AbcProgressReport } from '../experiments/abc/calibration-run.js';
import { posteriorSummaries } from '../experiments/abc/outputs.js';
import type { AbcPlan } from '../experiments/abc/plan.js';
import type { PredictiveDatum } from '../reports/experiments/calibration-charts.js';
import { resolveShard, type Shard } from '../experiments/shard.js';
import { defaultWorkers } from '../sim/pool.js';
import { fail, interruptSignal } from './failure.js';
import { checkFitsInMemory } from './options.js';
import { progressBar } from './progress.js';

export interface AbcFlags {
  out?: string;
  force?: boolean;
  workers?: number;
  quiet?: boolean;
  shard?: string;
  shardCount?: number;
  resume?: boolean;
}

const fmt = (x: number) => String(Number(x.toPrecision(4)));

/** `departure-sim calibrate FILE` for a version 2 file: ABC-SMC, resumable and shardable like a sweep. */
export async function calibrateAbcCommand(plan: AbcPlan, flags: AbcFlags): Promise<void> {
  const signal = interruptSignal();
  const workers = flags.workers ?? defaultWorkers();
  let shard: Shard | undefined;
  try {
    shard = resolveShard(flags.shard, flags.shardCount, process.env);
    const largest = Math.max(...plan.cases.map((c) => c.base.population.agents));
    checkFitsInMemory(largest, plan.file, 'agents', workers);
  } catch (e) {
    fail(e);
  }
  const out = flags.out ?? join('out', 'calibrations', plan.calibration.name);
  const s = plan.config.settings;
  const bar = progressBar(`${plan.calibration.name}${shard ? ` ${shard.index}/${shard.count}` : ''}`, flags.quiet ?? false);
  bar.update(0, s.particles, 'generation 0: sampling the prior');
  const note = (p: AbcProgressReport) => p.phase === 'predictive'
    ? 'posterior predictive simulations'
    : `generation ${p.generation}${p.tolerance === null ? ' (prior)' : `, tolerance ${fmt(p.tolerance)}`}, ${p.evaluations} evaluations`;
  let waiting = false;
  try {
    const r = await runAbcCalibration(plan, {
      out, force: flags.force, resume: flags.resume, shard, workers, signal,
      onProgress: (p) => bar.update(p.done, p.total, note(p)),
      onWait: () => {
        if (!flags.quiet && !waiting) process.stderr.write(`\ndeparture-sim: waiting for evaluations of other shards (they share ${out}); continuing as they arrive\n`);
        waiting = true;
      },
    });
    bar.stop();
    const names = plan.calibration.parameters.map((p) => p.name);
    const summaries = posteriorSummaries(names, r.state);
    if (summaries.length === 0) {
      process.stderr.write(`departure-sim: warning: no generation was complete within maxSimulations (${s.maxSimulations}), so there is no posterior; raise method.maxSimulations or lower method.particles\n`);
    }
    if (flags.quiet) return;
    const last = r.state.generations.at(-1);
    const lines = [
      `${plan.calibration.title}: ABC-SMC stopped (${r.state.stopped}) after ${r.state.generations.length} generation${r.state.generations.length === 1 ? '' : 's'} `
        + `and ${r.state.simulations} evaluations${last?.tolerance != null ? `; last tolerance ${fmt(last.tolerance)}` : ''}`
        + ` (this process ran ${r.ran} evaluations, posterior predictive ones included, and found ${r.reused} done)`,
      ...summaries.map((p, i) => `  ${p.parameter} (${plan.calibration.parameters[i].path}): median ${fmt(p.median)}, 90% credible interval ${fmt(p.q05)} to ${fmt(p.q95)}`),
      ...predictiveLines(r.predictive),
      r.wroteOutputs
        ? `Outputs: ${out} (posterior.csv, summary.json, diagnostics.csv, predictive.csv, report.html); run a scenario over the posterior with departure-sim run SCENARIO --posterior ${out}`
        : `Shard ${shard!.index}/${shard!.count} done; shard 0 writes the outputs to ${out}.`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  } catch (e) {
    bar.stop();
    fail(e, { leftBehind: `Finished evaluations are kept in ${out}: continue with --resume.` });
  }
}

/** The posterior predictive check in a line: which observations fall outside the 90% interval of an observation. */
function predictiveLines(checks: readonly PredictiveDatum[]): string[] {
  if (checks.length === 0) return [];
  const missed = checks.filter((c) => c.inside === false).map((c) => `${c.target} (observed ${fmt(c.observed)}, model median ${c.modelMedian === null ? 'undefined' : fmt(c.modelMedian)})`);
  return [missed.length === 0
    ? `  Posterior predictive check (${checks[0].draws} draws): every observation lies inside its 90% predictive interval`
    : `  Posterior predictive check (${checks[0].draws} draws): outside the 90% predictive interval: ${missed.join('; ')}`];
}
