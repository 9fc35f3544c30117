import { describe, expect, it } from 'vitest';
import { binomialCdf, boundedPriors, coverage, linearGaussian, referencePosterior, runSbc, SBC_SETTINGS, type SbcRepetition, type ToyModel } from './sbc.js';
import type { AbcSettings } from './smc.js';

/**
 * Simulation-based calibration (Talts et al. 2018), 20 repetitions per toy model: 40 checks of "the truth lies in
 * the 90% credible interval". Counted as independent Bernoulli(0.9) trials, a correct method covers at least 31 of
 * 40 except with probability P(Binomial(40, 0.9) <= 30) = 0.0051 (asserted below), while a method whose intervals
 * cover 70% passes with probability P(Binomial(40, 0.7) >= 31) = 0.20. (The two checks of one repetition share its
 * data, so they are not quite independent and the real spread is a little wider.) Every draw is counter-based, so
 * the outcome is fixed by the seed: these figures are the chance that a correct method meets an unlucky seed.
 * Coverage alone would pass a calibrator that returned the prior, so each run must also contract (posterior sd
 * well below the prior's) and land near the exact posterior, computed on a grid.
 */
const REPETITIONS = 20;
const MIN_COVERED = 31;

const sbc = (model: ToyModel, settings: Partial<AbcSettings> = SBC_SETTINGS) => runSbc({ model, repetitions: REPETITIONS, seed: 2025, settings });

/** sd of the prior on the natural scale, for the contraction check. */
const priorSd = (m: ToyModel, i: number) => {
  const p = m.parameters[i].prior;
  if (p.kind === 'normal') return p.sd;
  if (p.kind === 'uniform') return (p.max - p.min) / Math.sqrt(12);
  if (p.kind === 'log-uniform') {
    const l = Math.log(p.max / p.min);
    const mean = (p.max - p.min) / l;
    return Math.sqrt((p.max ** 2 - p.min ** 2) / (2 * l) - mean ** 2);
  }
  throw new Error(`no prior sd for ${p.kind}`);
};

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function expectCalibrated(m: ToyModel, reps: readonly SbcRepetition[]) {
  const { covered, checks } = coverage(reps);
  expect(checks).toBe(2 * REPETITIONS);
  expect(covered).toBeGreaterThanOrEqual(MIN_COVERED);
  for (let i = 0; i < 2; i++) {
    const sd = reps.map((r) => r.summaries[i].sd);
    // Contraction: on average the posterior sd is under 40% of the prior's.
    expect(mean(sd) / priorSd(m, i)).toBeLessThan(0.4);
    // Near the exact posterior: ABC with a tolerance above 0 is a little wider than the exact posterior and its
    // mean a little nearer the prior's; the typical run is within 0.25 exact sds, every run within 1.5.
    const errors = reps.map((r) => Math.abs(r.summaries[i].mean - r.reference.mean[i]) / r.reference.sd[i]);
    expect(median(errors)).toBeLessThan(0.25);
    expect(Math.max(...errors)).toBeLessThan(1.5);
    const widths = reps.map((r, k) => sd[k] / r.reference.sd[i]);
    expect(mean(widths)).toBeGreaterThan(0.85);
    expect(mean(widths)).toBeLessThan(1.35);
  }
}

describe('simulation-based calibration', () => {
  it('the coverage threshold: a correct method fails it with probability 0.005', () => {
    expect(binomialCdf(MIN_COVERED - 1, 2 * REPETITIONS, 0.9)).toBeCloseTo(0.0050630536578343925, 12);
    expect(1 - binomialCdf(MIN_COVERED - 1, 2 * REPETITIONS, 0.7)).toBeCloseTo(0.19592542377711898, 12);
  });

  it('the reference posterior on its grid matches the conjugate closed form of the linear-Gaussian model', () => {
    const y = [0.2, 1.1, 2.5];
    const m = linearGaussian;
    // Posterior precision = X'X / sigma^2 + prior precision; mean = covariance (X'y / sigma^2 + prior precision * prior mean).
    const s2 = m.sigma ** 2;
    const [n, sx, sxx] = [m.x.length, m.x.reduce((a, b) => a + b, 0), m.x.reduce((a, b) => a + b * b, 0)];
    const [sy, sxy] = [y.reduce((a, b) => a + b, 0), y.reduce((a, b, i) => a + b * m.x[i], 0)];
    const priors = m.parameters.map((p) => p.prior as { mean: number; sd: number });
    const prec = [[n / s2 + 1 / priors[0].sd ** 2, sx / s2], [sx / s2, sxx / s2 + 1 / priors[1].sd ** 2]];
    const det = prec[0][0] * prec[1][1] - prec[0][1] ** 2;
    const cov = [[prec[1][1] / det, -prec[0][1] / det], [-prec[0][1] / det, prec[0][0] / det]];
    const rhs = [sy / s2 + priors[0].mean / priors[0].sd ** 2, sxy / s2 + priors[1].mean / priors[1].sd ** 2];
    const exact = [cov[0][0] * rhs[0] + cov[0][1] * rhs[1], cov[1][0] * rhs[0] + cov[1][1] * rhs[1]];
    const grid = referencePosterior(m, y);
    [0, 1].forEach((i) => {
      expect(grid.mean[i]).toBeCloseTo(exact[i], 8);
      expect(grid.sd[i]).toBeCloseTo(Math.sqrt(cov[i][i]), 8);
    });
  });

  it(`linear-Gaussian model (normal priors): ${REPETITIONS} repetitions cover, contract and match the exact posterior`, async () => {
    expectCalibrated(linearGaussian, await sbc(linearGaussian));
  });

  it(`bounded priors (uniform, log-uniform): ${REPETITIONS} repetitions cover, contract and match the exact posterior`, async () => {
    expectCalibrated(boundedPriors, await sbc(boundedPriors));
  });

  it('has teeth: a kernel 100 times too narrow (covariance 10^4 times) makes the posterior overconfident and fails coverage', async () => {
    const { covered } = coverage(await sbc(linearGaussian, { ...SBC_SETTINGS, kernelScale: 2e-4 }));
    expect(covered).toBeLessThan(MIN_COVERED);
  });

  it('has teeth: a kernel covariance 100 times too small still covers 32 of 40, but misses the exact posterior', async () => {
    const reps = await sbc(linearGaussian, { ...SBC_SETTINGS, kernelScale: 0.02 });
    expect(() => expectCalibrated(linearGaussian, reps)).toThrow(/to be less than 1.5/);
  });

  it('has teeth: stopping at the prior sample covers but fails the contraction check', async () => {
    const reps = await sbc(linearGaussian, { ...SBC_SETTINGS, maxGenerations: 1 });
    expect(coverage(reps).covered).toBeGreaterThanOrEqual(MIN_COVERED);
    expect(() => expectCalibrated(linearGaussian, reps)).toThrow(/expected .* to be less than 0.4/);
  });
});
