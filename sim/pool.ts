import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Piscina } from 'piscina';
import { packageRoot } from '../scenarios/package-info.js';
import { claimBlocks, type BlockTask, type Executor } from './tasks.js';
import type { WholeReplicateRunner } from './whole-replicate.js';

/** Workers always run the compiled engine, so `npm run build` must have run (npm test and npm start do). */
export function workerFile(): string {
  const file = join(packageRoot(), 'dist', 'sim', 'worker.js');
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
