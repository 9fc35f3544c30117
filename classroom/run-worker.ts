import { InputError } from '../scenarios/errors.js';
import { inlineExecutor, workerPoolExecutor, type ClosableExecutor, type WorkerLike } from './executors.js';
import { runClassroom, type ClassroomRun } from './run.js';

/** Messages between the page and its run worker. */
export type RunRequest = { input: unknown; blockWorkerSource: string; threads: number };
export type RunReply =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; run: ClassroomRun; executor: string; seconds: number }
  | { type: 'error'; message: string };

type Scope = {
  onmessage: ((e: MessageEvent<RunRequest>) => void) | null;
  postMessage(m: RunReply): void;
  crossOriginIsolated?: boolean;
};
const scope = self as unknown as Scope;

/**
 * With cross-origin isolation (the local server) the blocks run on a pool of Web Workers over shared memory.
 * Without it (the static copy opened from disk) SharedArrayBuffer does not exist; the engine allocates with
 * it, and in a single thread a plain ArrayBuffer behaves identically, so this worker runs every block itself.
 */
function chooseExecutor(req: RunRequest): { executor: ClosableExecutor; label: string } {
  if (typeof SharedArrayBuffer === 'function' && scope.crossOriginIsolated) {
    const url = URL.createObjectURL(new Blob([req.blockWorkerSource], { type: 'text/javascript' }));
    const threads = Math.max(1, req.threads);
    return { executor: workerPoolExecutor(threads, () => new Worker(url) as unknown as WorkerLike), label: `${threads} Web Workers, shared memory` };
  }
  (globalThis as { SharedArrayBuffer?: unknown }).SharedArrayBuffer ??= ArrayBuffer;
  return { executor: inlineExecutor(), label: 'one Web Worker (no shared memory on this page)' };
}

scope.onmessage = async (e) => {
  const started = performance.now();
  const { executor, label } = chooseExecutor(e.data);
  try {
    const run = await runClassroom(e.data.input, executor, (done, total) => scope.postMessage({ type: 'progress', done, total }));
    scope.postMessage({ type: 'done', run, executor: label, seconds: (performance.now() - started) / 1000 });
  } catch (err) {
    const message = err instanceof InputError ? err.message : `the run failed: ${err instanceof Error ? err.message : String(err)}`;
    scope.postMessage({ type: 'error', message });
  } finally {
    executor.close();
  }
};
