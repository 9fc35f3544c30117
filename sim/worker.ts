import { viewPopulation } from './population.js';
import { stepBlocks } from './step.js';
import { synthesizeBlocks } from './synthesis.js';
import type { BlockTask } from './tasks.js';

/** Piscina worker: runs one task over a range of blocks, writing into shared memory. */
export default function runTask(task: BlockTask): void {
  const pop = viewPopulation(task.pop);
  const aggs = new Float64Array(task.aggs);
  if (task.kind === 'synthesize') synthesizeBlocks(pop, task.params, aggs, task.layout, task.blockStart, task.blockEnd);
  else stepBlocks(pop, task.ctx, aggs, task.layout, task.blockStart, task.blockEnd);
}
