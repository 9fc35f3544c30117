import { afterAll, describe, expect, it } from 'vitest';
import { headlineReplicatesCsv, replicatesCsv, resultsCsv } from './outputs.js';
import { PopulationCache, threadPopulations } from './population-cache.js';
import { allocatePopulation, COLUMNS, type ColumnName } from './population.js';
import { createPool } from './pool.js';
import { synthesisParams } from './replicate.js';
import { runScenario, type RunOutput } from './run.js';
import { testScenario } from './test-support/scenario.js';

const bytes = (o: RunOutput) => [resultsCsv(o), replicatesCsv(o), headlineReplicatesCsv(o)];
const pools = [createPool(1), createPool(2)];
afterAll(() => Promise.all(pools.map((p) => p.close())));

describe('populations kept for runs on the same seeds', () => {
  // Points of a sweep: the same agents (seed, replicates) under three stipends, then the first again.
  const at = (stipend: number) => testScenario('cbp-home-2025', (s) => {
    s.population.agents = 20_000;
    s.replicates = 2;
    s.time.steps = 12;
    s.programme.stipend = stipend;
  });
  const points = [0, 1000, 5000, 0].map(at);

  it('give the bytes of populations drawn afresh, in the calling thread and in whole replicates on workers', async () => {
    for (const pool of pools) {
      const hitsBefore = threadPopulations.hits;
      const reused = [];
      for (const s of points) reused.push(bytes(await runScenario(s, { executor: pool, twin: true, reusePopulations: true })));
      const fresh = [];
      for (const s of points) fresh.push(bytes(await runScenario(s, { executor: pool, twin: true })));
      expect(reused).toEqual(fresh);
      // The calling thread drew each replicate's agents once, then restored them for the three other points.
      if (pool.threads === 1) expect(threadPopulations.hits - hitsBefore).toBe(3 * 2);
    }
    expect(bytes(await runScenario(points[1], { executor: pools[0], twin: true }))).not.toEqual(bytes(await runScenario(points[2], { executor: pools[0], twin: true })));
  });

  it('keep the least recently used out first, and none over a quarter of the capacity', () => {
    const n = 1000;
    const perAgent = Object.values(COLUMNS).reduce((a, C) => a + C.BYTES_PER_ELEMENT, 0);
    const census = new Float64Array(8);
    const cache = new PopulationCache(4 * (n * perAgent + census.byteLength));
    const s = testScenario('cbp-home-2025', (x) => { x.population.agents = n; });
    const params = (key: number) => synthesisParams(s, key);
    const drawn = (fill: number) => {
      const b = allocatePopulation(n);
      for (const name of Object.keys(COLUMNS) as ColumnName[]) new Uint8Array(b[name]).fill(fill);
      return b;
    };
    const target = allocatePopulation(n);
    const into = new Float64Array(8);
    expect(cache.restore(params(1), target, into)).toBe(false);
    cache.store(params(1), drawn(1), census.fill(1));
    expect(cache.restore(params(1), target, into)).toBe(true);
    expect([new Uint8Array(target.earnings)[5], into[3]]).toEqual([1, 1]);
    // A capacity of four populations: keeping 2 to 5 evicts 1, the least recently used.
    for (const k of [2, 3, 4, 5]) cache.store(params(k), drawn(k), census.fill(k));
    expect(cache.restore(params(1), target, into)).toBe(false);
    expect(cache.restore(params(4), target, into)).toBe(true);
    expect(new Uint8Array(target.idio)[999]).toBe(4);
    // Restoring 2 makes it the most recently used: keeping 6 evicts 3, not 2.
    expect(cache.restore(params(2), target, into)).toBe(true);
    cache.store(params(6), drawn(6), census.fill(6));
    expect([2, 3, 4, 5, 6].map((k) => cache.restore(params(k), target, into))).toEqual([true, false, true, true, true]);
    // A different size is a different population.
    expect(cache.restore(params(4), allocatePopulation(n + 1), into)).toBe(false);
    const small = new PopulationCache(2 * n * perAgent);
    small.store(params(1), drawn(1), census);
    expect(small.restore(params(1), target, into)).toBe(false);
  });
});
