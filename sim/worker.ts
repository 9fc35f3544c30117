import { runTask } from './blocks.js';

/** Piscina worker: runs block tasks (sim/blocks.ts). */
export default runTask;
