import type { AggregateLayout } from './aggregates.js';
import type { PopulationBuffers } from './population.js';
import type { StepContext } from './step.js';
import type { SynthesisParams } from './synthesis.js';

/** A unit of work sent to a worker: a contiguous range of blocks of one population. */
export type BlockTask = {
  pop: PopulationBuffers;
  aggs: SharedArrayBuffer;
  layout: AggregateLayout;
  blockStart: number;
  blockEnd: number;
} & ({ kind: 'synthesize'; params: SynthesisParams } | { kind: 'step'; ctx: StepContext });

/** Whatever runs block tasks: a piscina pool in Node, a Web Worker pool in the browser. */
export interface Executor {
  readonly threads: number;
  run(task: BlockTask): Promise<unknown>;
}

/**
 * Split blocks into contiguous tasks: two per thread, so a thread that finishes early takes another, or one for a
 * single thread, which saves a round trip per step. Results do not depend on the split.
 */
export function splitBlocks(blocks: number, threads: number): Array<[number, number]> {
  const tasks = Math.max(1, Math.min(blocks, threads > 1 ? threads * 2 : 1));
  const out: Array<[number, number]> = [];
  for (let k = 0; k < tasks; k++) {
    const lo = Math.floor((k * blocks) / tasks);
    const hi = Math.floor(((k + 1) * blocks) / tasks);
    if (hi > lo) out.push([lo, hi]);
  }
  return out;
}
