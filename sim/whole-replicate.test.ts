import { afterAll, describe, expect, it } from 'vitest';
import { headlineReplicatesCsv, replicatesCsv, resultsCsv, summaryJson } from './outputs.js';
import { createPool, defaultWorkers, threadsFor } from './pool.js';
import { blockCount } from './population.js';
import { runScenario, type RunOutput, type RunSettings } from './run.js';
import { testScenario } from './test-support/scenario.js';

const pool = createPool(2);
afterAll(() => pool.close());

const bytes = (o: RunOutput) => [resultsCsv(o), replicatesCsv(o), headlineReplicatesCsv(o), summaryJson(o, 'cmd')];

describe('whole replicates', () => {
  // One block of agents: two threads cannot share its steps, so its three replicates run side by side instead.
  const small = testScenario('cbp-home-2025', (s) => { s.population.agents = 20_000; s.replicates = 3; });

  it('run side by side when a run has fewer blocks than threads, with the bytes of its replicates run one by one', async () => {
    expect(blockCount(small.population.agents)).toBeLessThan(pool.threads);
    const sent: number[] = [];
    const counting: RunSettings['executor'] = {
      threads: pool.threads,
      run: (task) => pool.run(task),
      runWhole: (job) => { sent.push(job.replicate); return pool.runWhole!(job); },
    };
    const whole = await runScenario(small, { executor: counting, twin: true });
    expect(sent.sort()).toEqual([0, 1, 2]);
    // The same pool without whole replicates: one replicate after the other, blocks over the threads.
    const byBlocks = await runScenario(small, { executor: { threads: pool.threads, run: (task) => pool.run(task) }, twin: true });
    const callingThread = createPool(1);
    const inline = await runScenario(small, { executor: callingThread, twin: true });
    expect(callingThread.runWhole).toBeUndefined();
    expect(bytes(whole)).toEqual(bytes(byBlocks));
    expect(bytes(inline)).toEqual(bytes(byBlocks));
  });

  it('count every step of every replicate in the progress, and stop when aborted', async () => {
    let done = 0;
    let total = 0;
    await runScenario(small, { executor: pool, twin: true, onProgress: (d, t) => { done = d; total = t; } });
    expect([done, total]).toEqual([3 * small.time.steps, 3 * small.time.steps]);
    const controller = new AbortController();
    const stopped = runScenario(small, { executor: pool, twin: true, signal: controller.signal });
    controller.abort(new DOMException('stopped', 'AbortError'));
    await expect(stopped).rejects.toThrow(/stopped/);
  });

  it('a command starts no more threads than the run keeps busy, and by default none for a run too small to pay for them', () => {
    const at = (agents: number, replicates: number) => testScenario('cbp-home-2025', (s) => { s.population.agents = agents; s.replicates = replicates; s.time.steps = 36; });
    expect(threadsFor(at(10_000, 1), 8)).toBe(1);
    expect(threadsFor(at(10_000, 3), 8)).toBe(3);
    expect(threadsFor(at(100_000, 1), 8)).toBe(4);
    expect(threadsFor(at(1_000_000, 5), 8)).toBe(8);
    // By default: the cores, or one thread below 2e7 agent-steps.
    expect(threadsFor(at(10_000, 5))).toBe(1);
    expect(threadsFor(at(100_000, 5))).toBe(1);
    expect(threadsFor(at(200_000, 3))).toBe(Math.min(defaultWorkers(), 7));
    expect(threadsFor(at(1_000_000, 1))).toBe(defaultWorkers());
  });
});
