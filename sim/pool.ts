import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { packageRoot } from '../scenarios/package-info.js';
import type { BlockTask, Executor } from './tasks.js';

/** Workers always run the compiled engine, so `npm run build` must have run (npm test and npm start do). */
export function workerFile(): string {
  const file = join(packageRoot(), 'dist', 'sim', 'worker.js');
  if (!existsSync(file)) throw new Error(`departure-sim: ${file} is missing; run "npm run build" first`);
  return file;
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export interface WorkerPool extends Executor {
  close(): Promise<void>;
}

/** A pool of worker threads; `filename` exists so tests can substitute a worker that fails. */
export function createPool(threads: number, filename = workerFile()): WorkerPool {
  const pool = new Piscina<BlockTask, void>({ filename, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
  return {
    threads,
    run: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}
