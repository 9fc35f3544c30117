import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createPool } from '../sim/pool.js';
import { allocatePopulation, viewPopulation } from '../sim/population.js';
import { runScenario } from '../sim/run.js';
import { benchScenario } from './cases.js';

export interface FullScale {
  agents: number;
  steps: number;
  workers: number;
  wallSeconds: number;
  peakRssBytes: number;
  /** Agent state allocated by the engine, bytes per agent (both arms). */
  bytesPerAgent: number;
  /** Peak resident memory of the whole process over agents. */
  peakRssPerAgent: number;
}

/**
 * One person per agent for the whole population, 36 monthly steps, programme and twin, all cores: the
 * preset as `departure-sim run` would run it. Runs in a child process of the benchmark so that its peak
 * RSS is its own.
 */
export async function fullScale(): Promise<FullScale> {
  const s = benchScenario('utility', { agents: 14_000_000, persons: 14_000_000, steps: 36 });
  const workers = availableParallelism();
  const pool = createPool(workers);
  const started = performance.now();
  try {
    await runScenario(s, { executor: pool, twin: true });
  } finally {
    await pool.close();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  const peakRssBytes = process.resourceUsage().maxRSS * 1024;
  const probe = allocatePopulation(1000);
  const bytes = Object.values(viewPopulation(probe)).reduce((a: number, v) => a + (typeof v === 'number' ? 0 : v.byteLength), 0);
  return {
    agents: s.population.agents, steps: s.time.steps, workers, wallSeconds, peakRssBytes,
    bytesPerAgent: bytes / 1000, peakRssPerAgent: peakRssBytes / s.population.agents,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(await fullScale())}\n`);
}
