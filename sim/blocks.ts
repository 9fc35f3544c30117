import { viewPopulation } from './population.js';
import { stepBlocks } from './step.js';
import { synthesizeBlocks } from './synthesis.js';
import { claimBlocks, type BlockTask } from './tasks.js';

/** The work of a block task on the given blocks, writing into shared memory. */
export function runBlocks(task: BlockTask, blocks: Iterable<number>): void {
  const pop = viewPopulation(task.pop);
  const aggs = new Float64Array(task.aggs);
  if (task.kind === 'synthesize') synthesizeBlocks(pop, task.params, aggs, task.layout, blocks);
  else stepBlocks(pop, task.ctx, aggs, task.layout, blocks);
}

/** A block task as a worker runs it: the blocks it claims, until none is left. */
export function runTask(task: BlockTask): void {
  runBlocks(task, claimBlocks(task));
}
