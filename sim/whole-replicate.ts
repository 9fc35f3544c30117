import type { Scenario } from '../scenarios/schema.js';
import { runTask } from './blocks.js';
import type { Policy } from './policy.js';
import { allocatePopulation, type PopulationBuffers } from './population.js';
import { threadPopulations } from './population-cache.js';
import { runReplicate, type ReplicateResult } from './replicate.js';
import type { Executor } from './tasks.js';

/**
 * A replicate run from start to end in one worker thread, main-thread accounting included. A run of fewer blocks
 * than threads cannot keep the threads busy with its blocks, and each of its steps would pay for waking a worker
 * and then the main thread: such runs send whole replicates instead (sim/run.ts), side by side. The replicate's
 * blocks are the same blocks in the same order, so its results are those of any other way of running it.
 */
export interface WholeReplicateJob {
  scenario: Scenario;
  policy: Policy;
  replicate: number;
  twin: boolean;
  check: boolean;
  /** RunSettings.reusePopulations: this worker keeps the populations it draws and restores them when drawn again. */
  reusePopulations: boolean;
}

/** What can run whole replicates: the piscina pool (sim/pool.ts). */
export interface WholeReplicateRunner {
  runWhole(job: WholeReplicateJob): Promise<ReplicateResult>;
}

/** This thread's blocks, one task after another. */
const inThisThread: Executor = { threads: 1, run: async (task) => runTask(task) };

/** The population of the last job, kept for the next one of the same size (a sweep's points all have one size). */
let buffers: PopulationBuffers | undefined;

export function runWholeReplicate(job: WholeReplicateJob): Promise<ReplicateResult> {
  const n = job.scenario.population.agents;
  if (buffers?.n !== n) buffers = allocatePopulation(n);
  return runReplicate({ ...job, executor: inThisThread, buffers, populations: job.reusePopulations ? threadPopulations : undefined });
}
