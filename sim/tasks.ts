import type { AggregateLayout } from './aggregates.js';
import type { PopulationBuffers } from './population.js';
import type { StepContext } from './step-context.js';
import type { SynthesisParams } from './synthesis.js';

/**
 * A unit of work sent to a worker: the blocks of one population, claimed one at a time from the shared counter
 * `claim`. The main thread sends one such task per thread; a thread that starts late or meets costlier blocks
 * claims fewer. Each block writes only its own agents and aggregate slice, so results do not depend on which
 * thread ran which block.
 */
export type BlockTask = {
  pop: PopulationBuffers;
  aggs: SharedArrayBuffer;
  layout: AggregateLayout;
  blocks: number;
  /** One Int32: the next block not yet claimed. */
  claim: SharedArrayBuffer;
} & BlockWork;

/** What a task does to each block it claims. */
export type BlockWork = { kind: 'synthesize'; params: SynthesisParams } | { kind: 'step'; ctx: StepContext };

/** Whatever runs block tasks: a piscina pool in Node, a Web Worker pool in the browser. */
export interface Executor {
  readonly threads: number;
  run(task: BlockTask): Promise<unknown>;
}

/** The blocks this thread claims, until none is left. */
export function* claimBlocks(task: BlockTask): Generator<number> {
  const next = new Int32Array(task.claim);
  for (let b = Atomics.add(next, 0, 1); b < task.blocks; b = Atomics.add(next, 0, 1)) yield b;
}
