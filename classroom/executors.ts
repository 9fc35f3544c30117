import { runTask } from '../sim/blocks.js';
import type { BlockTask, Executor } from '../sim/tasks.js';

/** Messages between the run worker and a block worker. */
export type BlockRequest = { id: number; task: BlockTask };
export type BlockReply = { id: number; error?: string };

/** The part of a Web Worker the pool uses, so tests and both page contexts can supply one. */
export interface WorkerLike {
  postMessage(message: BlockRequest): void;
  onmessage: ((e: MessageEvent<BlockReply>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface ClosableExecutor extends Executor {
  close(): void;
}

/**
 * Block tasks on a pool of Web Workers sharing the population through SharedArrayBuffers: the browser's
 * counterpart of the piscina pool. Each task goes to the next idle worker; the engine's fixed blocks and
 * block-order sums make results independent of which worker ran what.
 */
export function workerPoolExecutor(threads: number, spawn: () => WorkerLike): ClosableExecutor {
  const workers = Array.from({ length: threads }, spawn);
  const idle = [...workers];
  const queue: Array<{ id: number; task: BlockTask }> = [];
  const pending = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  let next = 0;
  const dispatch = () => {
    while (idle.length > 0 && queue.length > 0) idle.pop()!.postMessage(queue.shift()!);
  };
  for (const w of workers) {
    w.onmessage = (e) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      idle.push(w);
      dispatch();
      if (e.data.error !== undefined) p?.reject(new Error(e.data.error));
      else p?.resolve();
    };
    w.onerror = (e) => {
      for (const p of pending.values()) p.reject(new Error(`a block worker failed: ${e.message}`));
      pending.clear();
    };
  }
  return {
    threads,
    run: (task) => new Promise<void>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      queue.push({ id, task });
      dispatch();
    }),
    close: () => workers.forEach((w) => w.terminate()),
  };
}

/** Every block task in the calling thread: for pages without cross-origin isolation (opened from disk). */
export function inlineExecutor(): ClosableExecutor {
  return { threads: 1, run: async (task) => runTask(task), close: () => {} };
}

/** A block worker's message handler: the same `runTask` the piscina workers run. */
export function handleBlockRequest(req: BlockRequest): BlockReply {
  try {
    runTask(req.task);
    return { id: req.id };
  } catch (e) {
    return { id: req.id, error: e instanceof Error ? e.message : String(e) };
  }
}
