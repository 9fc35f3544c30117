import { createPool } from '../sim/pool.js';
import type { ScenarioReader } from './inner-loop.js';
import { timeScenario } from './measure.js';

/**
 * What one cold process running one scenario spends its time on, timed from inside it with the public API only:
 * `departure-sim bench --phases-of FILE` (a hidden option) runs this in a child process of the benchmark and prints
 * it as JSON. Seconds; `bootSeconds` counts from the process's time origin (Node's start).
 */
export interface PhaseTimes {
  /** Node's start to the command's first line: Node itself and the CLI's modules. */
  bootSeconds: number;
  /** Reading and validating the scenario with the command-line overrides. */
  readSeconds: number;
  /**
   * Starting the worker pool: a one-agent run's call to the end of its first step, less one of its steps (its
   * synthesis, which for one agent is the wait for the workers to start and load the engine).
   */
  poolStartSeconds: number;
  /** Node's start to a pool ready to run: boot + read + pool start. */
  startupSeconds: number;
  /** Agent-state allocation and population synthesis (see timeScenario). */
  synthesisSeconds: number;
  stepsSeconds: number;
  stepSecondsMedian: number;
  /** End of the last step to runScenario's return: the result rows and the headline. */
  resultsSeconds: number;
  closeSeconds: number;
  stepsPerRun: number;
  agentSteps: number;
}

/**
 * The phases of one run of `agents` on `workers` workers, after a one-agent run that starts the pool (its steps are
 * left out of every phase, so that start-up is the time until the pool is ready and no more).
 */
export async function phasesOfRun(read: ScenarioReader, file: string, agents: number, workers: number): Promise<PhaseTimes> {
  const boot = performance.now();
  const s = read(file, { agents, replicates: 1 });
  const one = read(file, { agents: 1, replicates: 1 });
  const read1 = performance.now();
  const pool = createPool(workers);
  try {
    const warm = await timeScenario(one, pool);
    const t = await timeScenario(s, pool);
    const ran = performance.now();
    await pool.close();
    const closed = performance.now();
    return {
      bootSeconds: boot / 1000, readSeconds: (read1 - boot) / 1000, poolStartSeconds: warm.synthesisSeconds,
      startupSeconds: read1 / 1000 + warm.synthesisSeconds,
      synthesisSeconds: t.synthesisSeconds, stepsSeconds: t.stepsSeconds, stepSecondsMedian: t.stepSecondsMedian, resultsSeconds: t.resultsSeconds,
      closeSeconds: (closed - ran) / 1000, stepsPerRun: t.stepsPerRun, agentSteps: t.agentSteps,
    };
  } catch (e) {
    await pool.close();
    throw e;
  }
}
