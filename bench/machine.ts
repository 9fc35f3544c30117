import { Worker } from 'node:worker_threads';

/**
 * How much of two cores this machine gives right now: a fixed compute loop (xorshift and Math.exp, no memory
 * traffic) on one thread, then the same loop on two threads at once. On an idle 2-core machine the two threads take
 * as long as the one; when another job holds a core, they take up to twice as long. The efficiency of the engine's
 * runs measured beside it cannot be better than this, so it tells a busy machine from a slower engine.
 */
const KERNEL = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (n) => {
  const t0 = performance.now();
  let x = 0x9e3779b9 | 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    acc += Math.exp(-(x >>> 0) / 4294967296);
  }
  parentPort.postMessage({ ms: performance.now() - t0, acc });
});
`;

const ITERATIONS = 15_000_000;

async function spin(threads: number, n: number): Promise<number> {
  const workers = Array.from({ length: threads }, () => new Worker(KERNEL, { eval: true }));
  try {
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('online', resolve))));
    // A short untimed pass compiles the loop in each thread.
    await Promise.all(workers.map((w) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(n / 20); })));
    const t0 = performance.now();
    await Promise.all(workers.map((w) => new Promise((resolve) => { w.once('message', resolve); w.postMessage(n); })));
    return (performance.now() - t0) / 1000;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

export interface MachineSample {
  /** Iterations of the loop per second on one thread. */
  oneThreadRate: number;
  /** Time on one thread / time of `threads` threads each doing the same: 1 when every core is free. */
  efficiency: number;
}

export async function machineSample(threads: number, n = ITERATIONS): Promise<MachineSample> {
  const one = await spin(1, n);
  const many = threads > 1 ? await spin(threads, n) : one;
  return { oneThreadRate: n / one, efficiency: one / many };
}
