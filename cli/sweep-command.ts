import { join } from 'node:path';
import { planExperiment, type Plan } from '../experiments/plan.js';
import { resolveShard, type Shard } from '../experiments/shard.js';
import { runSweep } from '../experiments/sweep.js';
import { defaultWorkers } from '../sim/pool.js';
import { fail, interruptSignal } from './failure.js';
import { checkFitsInMemory } from './options.js';
import { progressBar } from './progress.js';

export interface SweepFlags {
  out?: string;
  force?: boolean;
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
  let shard: Shard | undefined;
  const workers = flags.workers ?? defaultWorkers();
  try {
    plan = planExperiment(file, { agents: flags.agents, replicates: flags.replicates });
    shard = resolveShard(flags.shard, flags.shardCount, process.env);
    const largest = Math.max(...plan.points.map((p) => p.scenario.population.agents));
    checkFitsInMemory(largest, file, 'agents', Math.min(workers, plan.points.length));
  } catch (e) {
    fail(e);
  }
  const out = flags.out ?? join('out', 'sweeps', plan.experiment.name);
  const kept = `Finished points are kept in ${out}: continue with --resume.`;
  const bar = progressBar(`${plan.experiment.name}${shard ? ` ${shard.index}/${shard.count}` : ''}`, flags.quiet ?? false, 'steps');
  try {
    const r = await runSweep(plan, { out, force: flags.force, workers, shard, resume: flags.resume, signal, onProgress: (d, t) => bar.update(d, t) });
    bar.stop();
    if (flags.quiet) return;
    const what = `${r.ran} point${r.ran === 1 ? '' : 's'} run, ${r.skipped} already done`;
    process.stdout.write(r.complete
      ? `${plan.experiment.title}: ${plan.points.length} points (${what}).\nOutputs: ${out}\n`
      : `${plan.experiment.title}, shard ${shard?.index}/${shard?.count}: ${what}; ${r.missing} points are in other shards.\nCombine the shard folders with: departure-sim merge DIR... --out DIR\n`);
  } catch (e) {
    bar.stop();
    fail(e, { leftBehind: kept });
  }
}
