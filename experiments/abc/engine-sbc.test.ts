import { afterAll, describe, expect, it } from 'vitest';
import { inlineExecutor } from '../../classroom/executors.js';
import { streamKey, uniform } from '../../sim/random/hash.js';
import { scratch, writeAbcCalibration } from '../test-support/fixture.js';
import { noisySummary, simulateModel } from './evaluate.js';
import { posteriorSummaries, type ParameterSummary } from './outputs.js';
import { planAbcCalibration, type AbcPlan } from './plan.js';
import { samplePrior, standardNormalDraw } from './priors.js';
import { runAbc } from './run.js';

/**
 * Simulation-based calibration (Talts et al. 2018) of the whole calibration path on the engine itself: the
 * cbp-home-2025 preset at 1,000 agents over six months, with the status-quo intercept and the removal capacity
 * unknown, and removals and unassisted departures observed with error. Each repetition draws a truth from the
 * priors, simulates the observations from it exactly as the calibration models them (a run of the engine with
 * its own seed, plus a draw of the observation error), calibrates with few particles, and asks whether the 90%
 * credible intervals hold the truth.
 *
 * 16 repetitions give 32 checks. Counted as Bernoulli(0.9) trials, a correct calibration covers at least 24 of
 * them except with probability P(Binomial(32, 0.9) <= 23) = 0.0033; ABC with a tolerance above 0 is a little
 * wider than the exact posterior, so it covers a little more than 90%, never much less. Coverage alone would pass
 * a calibrator that returned the prior, so the posterior must also contract: with these seeds it covers 31 of 32
 * with posterior sds of 0.68 and 0.50 prior sds. (The toy models of sbc.test.ts check the sampler against exact
 * posteriors, with more repetitions.) Every draw is counter-based, so the outcome is fixed by the seeds. The
 * engine runs in the test's own thread: at 1,000 agents a worker pool would add only messages.
 */
const REPETITIONS = 16;
const MIN_COVERED = 24;
const SETTINGS = { particles: 20, batchSize: 10, maxGenerations: 3 };
const SD = [300, 500];

const dir = scratch();
const pool = inlineExecutor();
afterAll(() => pool.close());

const planWith = (seed: number, observed: number[], name: string): AbcPlan => planAbcCalibration(writeAbcCalibration(dir, (c) => {
  c.method = { kind: 'abc-smc', seed, ...SETTINGS };
  c.targets.forEach((t: { value: number; sd: number }, j: number) => Object.assign(t, { value: observed[j], sd: SD[j] }));
}, name));

interface Repetition {
  truth: number[];
  summaries: ParameterSummary[];
}

async function repetition(r: number): Promise<Repetition> {
  const key = (part: number) => streamKey(2025, r, part);
  const truthPlan = planWith(key(0), [1, 1], `truth-${r}.json`);
  const truth = truthPlan.config.parameters.map((p, i) => samplePrior(p.prior, uniform(key(1), i)));
  const model = await simulateModel(truthPlan, truth, { generation: 0, index: 0 }, { executor: pool });
  const observed = model.mean.map((m, j) => m! + SD[j] * standardNormalDraw(uniform(key(2), j)));
  const plan = planWith(key(3), observed, `fit-${r}.json`);
  const state = await runAbc(plan.config, async (theta, c) => noisySummary(plan, await simulateModel(plan, theta, c, { executor: pool }), c, true), {});
  return { truth, summaries: posteriorSummaries(plan.config.parameters.map((p) => p.name), state) };
}

const covered = (reps: readonly Repetition[]) =>
  reps.reduce((n, rep) => n + rep.truth.filter((t, i) => rep.summaries[i].q05 <= t && t <= rep.summaries[i].q95).length, 0);

describe('simulation-based calibration on the engine', () => {
  it(`${REPETITIONS} repetitions: 90% credible intervals hold the known parameters about 90% of the time, and contract`, async () => {
    const reps: Repetition[] = [];
    for (let r = 0; r < REPETITIONS; r++) reps.push(await repetition(r));
    expect(covered(reps)).toBeGreaterThanOrEqual(MIN_COVERED);
    // Contraction: the targets inform both parameters (prior sds: 1 for the intercept, 50 / sqrt(12) for the capacity).
    const priorSd = [1, 50 / Math.sqrt(12)];
    priorSd.forEach((sd, i) => expect(reps.reduce((s, rep) => s + rep.summaries[i].sd, 0) / REPETITIONS / sd).toBeLessThan(0.85));
  }, 300_000);
});
