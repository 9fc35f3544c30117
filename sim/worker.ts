import { viewPopulation } from './population.js';
import { stepBlocks } from './step.js';
import { synthesizeBlocks } from './synthesis.js';
import { claimBlocks, type BlockTask } from './tasks.js';

/** Piscina worker: runs the blocks it claims of one task, writing into shared memory. */
export default function runTask(task: BlockTask): void {
  const pop = viewPopulation(task.pop);
  const aggs = new Float64Array(task.aggs);
  const blocks = claimBlocks(task);
  if (task.kind === 'synthesize') synthesizeBlocks(pop, task.params, aggs, task.layout, blocks);
  else stepBlocks(pop, task.ctx, aggs, task.layout, blocks);
}
