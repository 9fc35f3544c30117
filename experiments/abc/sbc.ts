import { streamKey, uniform } from '../../sim/random/hash.js';
import type { Target } from './distance.js';
import { posteriorSummaries, type ParameterSummary } from './outputs.js';
import { fromWorkingScale, logWorkingDensity, samplePrior, standardNormalDraw, type Prior } from './priors.js';
import { runAbc } from './run.js';
import { abcSettingsSchema, posterior, type AbcParameter, type AbcSettings, type StopReason } from './smc.js';

/**
 * Simulation-based calibration (Talts et al. 2018) of the ABC-SMC calibrator on toy models whose posterior is
 * known. Each repetition draws a true parameter vector from the prior, simulates observations from it, calibrates
 * and asks where the truth falls in the posterior. If the calibrator is right, averaged over the prior the truth
 * lies inside a 90% credible interval 90% of the time and its posterior CDF value is uniform.
 *
 * The toy is a straight line observed with noise, y_i = a + b x_i + N(0, sigma^2). The simulator draws the same
 * noise (ABC must simulate the data-generating process, noise included, to target the Bayesian posterior) and
 * returns a single draw as the "mean", with variance 0. The distance standardises by sigma.
 */

/** Stream tag of SBC draws (truths, observations, toy-simulator noise), apart from the engine's 1 and 2 and ABC's 3. */
const SBC_TAG = 4;

export interface ToyModel {
  name: string;
  /** Two parameters, (a, b); the reference posterior integrates over a grid of two dimensions. */
  parameters: [AbcParameter, AbcParameter];
  x: number[];
  sigma: number;
}

const line = (m: ToyModel, theta: readonly number[]) => m.x.map((x) => theta[0] + theta[1] * x);

/** Normal priors: the posterior is Gaussian and known in closed form (conjugate linear regression). */
export const linearGaussian: ToyModel = {
  name: 'linear-gaussian',
  parameters: [{ name: 'a', prior: { kind: 'normal', mean: 0, sd: 1 } }, { name: 'b', prior: { kind: 'normal', mean: 0.5, sd: 1 } }],
  x: [0, 1, 2],
  sigma: 0.4,
};

/** Bounded priors, one on the log scale: exercises the support, the kernel's log scale and its Jacobian. */
export const boundedPriors: ToyModel = {
  name: 'bounded-priors',
  parameters: [{ name: 'a', prior: { kind: 'uniform', min: -2, max: 2 } }, { name: 'b', prior: { kind: 'log-uniform', min: 0.2, max: 5 } }],
  x: [0, 1, 2],
  sigma: 0.4,
};

export interface ReferencePosterior {
  mean: number[];
  sd: number[];
}

// Where the reference grid extends for a prior with unbounded support, in prior standard deviations.
const GRID_SDS = 8;
const GRID_POINTS = 300;

/**
 * The exact posterior's mean and sd per parameter, by the midpoint rule on a GRID_POINTS^2 grid over the
 * parameters' working scales (the prior's support, or GRID_SDS prior sds either side of a normal's mean).
 */
export function referencePosterior(m: ToyModel, y: readonly number[]): ReferencePosterior {
  const axes = m.parameters.map(({ prior }) => {
    const [lo, hi] = workingRange(prior);
    return Array.from({ length: GRID_POINTS }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / GRID_POINTS).map((w) => ({
      value: fromWorkingScale(prior, w),
      logPrior: logWorkingDensity(prior, w),
    }));
  });
  // Two passes: the largest log density first, so that the exponentials cannot overflow.
  const logPost = new Float64Array(GRID_POINTS * GRID_POINTS);
  let top = -Infinity;
  axes[0].forEach((a, i) => axes[1].forEach((b, j) => {
    const logLik = m.x.reduce((s, x, k) => s - 0.5 * ((y[k] - a.value - b.value * x) / m.sigma) ** 2, 0);
    logPost[i * GRID_POINTS + j] = a.logPrior + b.logPrior + logLik;
    top = Math.max(top, logPost[i * GRID_POINTS + j]);
  }));
  const sums = { w: 0, a: 0, b: 0, aa: 0, bb: 0 };
  axes[0].forEach((a, i) => axes[1].forEach((b, j) => {
    const w = Math.exp(logPost[i * GRID_POINTS + j] - top);
    sums.w += w;
    sums.a += w * a.value;
    sums.b += w * b.value;
    sums.aa += w * a.value ** 2;
    sums.bb += w * b.value ** 2;
  }));
  const mean = [sums.a / sums.w, sums.b / sums.w];
  const sd = [Math.sqrt(sums.aa / sums.w - mean[0] ** 2), Math.sqrt(sums.bb / sums.w - mean[1] ** 2)];
  return { mean, sd };
}

function workingRange(p: Prior): [number, number] {
  switch (p.kind) {
    case 'normal':
      return [p.mean - GRID_SDS * p.sd, p.mean + GRID_SDS * p.sd];
    case 'log-uniform':
      return [Math.log(p.min), Math.log(p.max)];
    default:
      return [p.min, p.max];
  }
}

export interface SbcRepetition {
  repetition: number;
  truth: number[];
  observed: number[];
  summaries: ParameterSummary[];
  reference: ReferencePosterior;
  /** Posterior weight of the particles below the truth, per parameter: uniform on [0, 1] if calibrated. */
  rank: number[];
  /** Whether the truth lies in [q05, q95], per parameter. */
  covered: boolean[];
  generations: number;
  simulations: number;
  stopped: StopReason;
}

export interface SbcOptions {
  model: ToyModel;
  repetitions: number;
  seed: number;
  /** ABC settings; the seed is derived per repetition. */
  settings: Partial<Omit<AbcSettings, 'seed'>>;
}

/** Run the repetitions one after another; every draw is counter-based, so the report depends on the options alone. */
export async function runSbc(o: SbcOptions): Promise<SbcRepetition[]> {
  const m = o.model;
  const names = m.parameters.map((p) => p.name);
  const out: SbcRepetition[] = [];
  for (let r = 0; r < o.repetitions; r++) {
    const truthKey = streamKey(o.seed, SBC_TAG, r, 0);
    const truth = m.parameters.map((p, i) => samplePrior(p.prior, uniform(truthKey, i)));
    const noisy = (theta: readonly number[], key: number) => line(m, theta).map((f, j) => f + m.sigma * standardNormalDraw(uniform(key, j)));
    const observed = noisy(truth, streamKey(o.seed, SBC_TAG, r, 1));
    const targets: Target[] = observed.map((value) => ({ value, sdObservation: m.sigma, sdDiscrepancy: 0, weight: 1 }));
    const settings = abcSettingsSchema.parse({ ...o.settings, seed: streamKey(o.seed, SBC_TAG, r, 2) });
    const state = await runAbc({ parameters: m.parameters, targets, settings }, async (theta, c) => ({
      mean: noisy(theta, streamKey(o.seed, SBC_TAG, r, 3, c.generation, c.index)),
      variance: observed.map(() => 0),
    }));
    const summaries = posteriorSummaries(names, state);
    const particles = posterior(state)!.particles;
    out.push({
      repetition: r, truth, observed, summaries,
      reference: referencePosterior(m, observed),
      rank: truth.map((t, i) => particles.reduce((s, p) => s + (p.theta[i] < t ? p.weight : 0), 0)),
      covered: truth.map((t, i) => summaries[i].q05 <= t && t <= summaries[i].q95),
      generations: state.generations.length,
      simulations: state.simulations,
      stopped: state.stopped!,
    });
  }
  return out;
}

/** Checks passed (truth inside the 90% interval) over every repetition and parameter, and checks made. */
export function coverage(reps: readonly SbcRepetition[]): { covered: number; checks: number } {
  const all = reps.flatMap((r) => r.covered);
  return { covered: all.filter(Boolean).length, checks: all.length };
}

/** Counts of ranks in `bins` equal bins of [0, 1], per parameter. */
export function rankHistogram(reps: readonly SbcRepetition[], bins: number): number[][] {
  return reps[0].rank.map((_, i) => {
    const counts = new Array<number>(bins).fill(0);
    for (const r of reps) counts[Math.min(bins - 1, Math.floor(r.rank[i] * bins))]++;
    return counts;
  });
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Settings of the SBC runs, the tests' and the full one's: 200 particles, 8 generations (generation 0 included). */
export const SBC_SETTINGS: SbcOptions['settings'] = { particles: 200, batchSize: 100, maxGenerations: 8, maxSimulations: 200_000 };
const BINS = 10;

/**
 * A text report of an SBC: coverage of the 90% intervals against its binomial tolerance, a rank histogram per
 * parameter (flat if the calibrator is right; a hump means intervals too wide, a U too narrow), and how close
 * the runs come to the exact posterior.
 */
export function sbcReport(model: ToyModel, reps: readonly SbcRepetition[], seconds: number): string {
  const { covered, checks } = coverage(reps);
  // The smallest count a correct method reaches with probability 0.99.
  let floor = 0;
  while (binomialCdf(floor, checks, 0.9) < 0.01) floor++;
  const lines = [
    `${model.name}: ${reps.length} repetitions in ${seconds.toFixed(1)} s, ${Math.round(mean(reps.map((r) => r.simulations)))} simulations and ` +
      `${mean(reps.map((r) => r.generations)).toFixed(1)} generations each on average`,
    `  90% intervals cover the truth in ${covered} of ${checks} checks (${((100 * covered) / checks).toFixed(1)}%); ` +
      `a correct method covers at least ${floor} with probability 0.99 (${covered >= floor ? 'pass' : 'FAIL'})`,
  ];
  const histograms = rankHistogram(reps, BINS);
  model.parameters.forEach((p, i) => {
    const errors = reps.map((r) => (r.summaries[i].mean - r.reference.mean[i]) / r.reference.sd[i]);
    const widths = reps.map((r) => r.summaries[i].sd / r.reference.sd[i]);
    const expected = reps.length / BINS;
    const chi2 = histograms[i].reduce((s, n) => s + (n - expected) ** 2 / expected, 0);
    lines.push(
      `  ${p.name}: covered ${reps.filter((r) => r.covered[i]).length}/${reps.length}; ranks in ${BINS} bins [${histograms[i].join(' ')}], ` +
        `chi-square ${chi2.toFixed(1)} on ${BINS - 1} df (5% critical value 16.9)`,
      `     posterior sd / exact sd: mean ${mean(widths).toFixed(3)}; (mean - exact mean) / exact sd: mean ${mean(errors).toFixed(3)}, ` +
        `mean absolute ${mean(errors.map(Math.abs)).toFixed(3)}, max absolute ${Math.max(...errors.map(Math.abs)).toFixed(3)}`,
    );
  });
  return lines.join('\n');
}

/** P(X <= k) for X ~ Binomial(n, p), by summing the terms (n is small here). */
export function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term *= ((n - i) / (i + 1)) * (p / (1 - p));
  }
  return sum;
}
