import { runTask } from './blocks.js';

/**
 * Piscina worker. The default export runs block tasks (sim/blocks.ts); `runWhole` runs a replicate from start to
 * end in this thread (sim/whole-replicate.ts).
 */
export default runTask;
export { runWholeReplicate as runWhole } from './whole-replicate.js';
