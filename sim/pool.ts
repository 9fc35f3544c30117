import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Piscina } from 'piscina';
import { packageRoot } from '../scenarios/package-info.js';
import type { Scenario } from '../scenarios/schema.js';
import { blockCount } from './population.js';
import { claimBlocks, type BlockTask, type Executor } from './tasks.js';
import type { WholeReplicateRunner } from './whole-replicate.js';

/**
 * A worker thread's module, compiled: `module` is its path under dist/. Workers always run the compiled code, so
 * `npm run build` must have run (npm test and npm start do).
 */
export function workerFile(module = 'sim/worker.js'): string {
  const file = join(packageRoot(), 'dist', ...module.split('/'));
  if (!existsSync(file)) throw new Error(`departure-sim: ${file} is missing; run "npm run build" first`);
  return file;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

/** Worker threads, or the calling thread alone; whole replicates only where there are worker threads. */
export interface WorkerPool extends Executor, Partial<WholeReplicateRunner> {
  close(): Promise<void>;
}

/**
 * A pool of worker threads; `filename` exists so tests can substitute a worker that fails. A pool of one thread is
 * the calling thread: a worker would do the same work while the caller waits, after starting a thread and loading
 * the engine a second time. Nothing is started or loaded until the first task: a command that fails on its input
 * pays for none of it.
 */
export function createPool(threads: number, filename = workerFile()): WorkerPool {
  if (threads === 1) return callingThread();
  let pool: Promise<Piscina> | undefined;
  const started = () => (pool ??= import('piscina').then(({ Piscina }) => new Piscina({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 })));
  return {
    threads,
    run: async (task) => (await started()).run(task),
    runWhole: async (job) => (await started()).run(job, { name: 'runWhole' }),
    close: async () => {
      if (pool) await (await pool).destroy();
    },
  };
}

/**
 * Block tasks in the calling thread, one block at a time with a turn of the event loop between blocks, so that a
 * second Ctrl-C still exits at once while a large population is drawn.
 */
function callingThread(): WorkerPool {
  return {
    threads: 1,
    run: async (task: BlockTask) => {
      const { runBlocks } = await import('./blocks.js');
      for (const b of claimBlocks(task)) {
        runBlocks(task, [b]);
        await new Promise(setImmediate);
      }
    },
    close: async () => {},
  };
}

/**
 * Below this many agent-steps (agents x steps x replicates) a run left to the default stays in the calling thread:
 * starting worker threads and loading the engine in them (0.4-0.7 s cold) costs more than a second core saves.
 * Measured on 2 cores, 2 December 2026, alternating: 1e4 agents x 5 replicates 1.4-1.7 s in one thread against
 * 2.2-2.4 s on two, 1e5 x 5 3.4-4.0 s against 3.8-4.9 s, while 1e6 x 1 (3.6e7) gains, 5.2-5.3 s against 3.7-4.0 s.
 */
const MIN_AGENT_STEPS_FOR_THREADS = 2e7;

/**
 * The threads a command starts for a run: the workers asked for, or by default the cores (one for a run too small
 * to pay for starting threads), but never more than the run keeps busy: its blocks, or, when it has fewer blocks
 * than threads, as many of its replicates as run side by side. A pool of one thread runs its work in the caller.
 * Results do not depend on it.
 */
export function threadsFor(s: Scenario, requested?: number): number {
  if (requested === undefined && s.population.agents * s.time.steps * s.replicates < MIN_AGENT_STEPS_FOR_THREADS) return 1;
  return Math.min(requested ?? defaultWorkers(), Math.max(blockCount(s.population.agents), s.replicates));
}
