import * as z from 'zod';
import { streamKey, uniform } from '../../sim/random/hash.js';
import { discrepancy, type Summary, type Target } from './distance.js';
import { cholesky, perturb, squaredMahalanobis, weightedCovariance } from './kernel.js';
import { fromWorkingScale, inSupport, logWorkingDensity, samplePrior, standardNormalDraw, toWorkingScale, type Prior } from './priors.js';

/**
 * ABC-SMC with an adaptive tolerance (Beaumont et al. 2009; Del Moral et al. 2012), as a pure state machine:
 * `nextBatch` says which candidates to simulate, `acceptBatch` folds their summaries into the state. Nothing
 * here runs a simulation or keeps time, so the state after any batch is a JSON value from which a killed,
 * resumed or sharded calibration continues to the same bytes.
 *
 * Determinism: every random choice for candidate k of generation g reads the counter-based draws
 * uniform(streamKey(seed, ABC_TAG, g, k), d), d = 0, 1, ...; a generation's candidates depend only on the
 * previous generation, never on the order in which simulations finish; candidates are accepted in index
 * order and a generation keeps the first `particles` accepted. Batch boundaries are fixed by `batchSize`, so
 * they move only the count of simulations run past the last accepted candidate, never the particles.
 */

/** Stream tag of calibration draws: the engine's steps use 1 and population synthesis 2. */
export const ABC_TAG = 3;

// Proposal attempts before giving up on a candidate. Each reads d + 1 draws (the ancestor, then one per parameter
// for the Gaussian step); with the kernel at twice the population's spread, most attempts land inside the support.
const ATTEMPTS = 1000;

export const abcSettingsSchema = z.strictObject({
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  particles: z.number().int().min(2).default(200).describe('Particles per generation'),
  batchSize: z.number().int().min(1).default(50)
    .describe('Candidates simulated together; a fixed number, never the worker count, so results do not depend on the machine'),
  quantile: z.number().gt(0).lt(1).default(0.5).describe('Each tolerance is this quantile of the previous generation\'s distances'),
  kernelScale: z.number().positive().default(2)
    .describe('Kernel covariance as a multiple of the previous generation\'s weighted covariance (2 after Beaumont et al. 2009)'),
  maxGenerations: z.number().int().min(1).default(10).describe('Most generations, counting generation 0 (the prior sample)'),
  minAcceptanceRate: z.number().min(0).lt(1).default(0.01).describe('Stop after a generation that accepted fewer of its simulations than this'),
  minToleranceDrop: z.number().min(0).lt(1).default(0.05).describe('Stop when the next tolerance would be more than (1 - this) times the last'),
  minTolerance: z.number().min(0).default(0).describe('The tolerance never goes below this; a generation run at it is the last'),
  maxSimulations: z.number().int().min(1).default(20_000).describe('Most simulations in all; a generation the budget cuts short is not part of the posterior'),
});
export type AbcSettings = z.output<typeof abcSettingsSchema>;

export interface AbcParameter {
  name: string;
  prior: Prior;
}

export interface AbcConfig {
  parameters: AbcParameter[];
  targets: Target[];
  settings: AbcSettings;
}

const count = z.number().int().min(0);
const vector = z.array(z.number());
const particleSchema = z.strictObject({ candidate: count, theta: vector, distance: z.number(), weight: z.number() });
const generationSchema = z.strictObject({
  generation: count,
  /** Null for generation 0, which accepts every simulation with a defined distance. */
  tolerance: z.number().nullable(),
  evaluations: count,
  ess: z.number(),
  particles: z.array(particleSchema),
});
const pendingSchema = z.strictObject({
  generation: count,
  tolerance: z.number().nullable(),
  /** Index of the next candidate to simulate. */
  next: count,
  evaluations: count,
  accepted: z.array(z.strictObject({ candidate: count, theta: vector, distance: z.number(), logWeight: z.number() })),
});
const stopReasons = ['max-generations', 'tolerance-reached', 'acceptance-rate', 'tolerance-stalled', 'degenerate', 'budget'] as const;

/** Everything a calibration has decided so far; with its config, enough to continue it. */
export const abcStateSchema = z.strictObject({
  generations: z.array(generationSchema),
  /** The generation being filled; once stopped, null, or the generation the budget cut short. */
  pending: pendingSchema.nullable(),
  simulations: count,
  stopped: z.enum(stopReasons).nullable(),
});
export type AbcState = z.output<typeof abcStateSchema>;
export type Generation = z.output<typeof generationSchema>;
export type Particle = z.output<typeof particleSchema>;
export type StopReason = (typeof stopReasons)[number];

/** One parameter vector to simulate: candidate `index` of generation `generation`. */
export interface Candidate {
  generation: number;
  index: number;
  theta: number[];
}

export type EvaluationRecord = Candidate & Summary;

export function initialState(c: AbcConfig): AbcState {
  if (c.parameters.length === 0) throw new Error('ABC needs at least one parameter');
  if (c.targets.length === 0) throw new Error('ABC needs at least one target');
  return { generations: [], pending: { generation: 0, tolerance: null, next: 0, evaluations: 0, accepted: [] }, simulations: 0, stopped: null };
}

/** The previous generation on the kernel's scale, ready to propose from and to weigh against. */
interface Population {
  points: number[][];
  logWeights: number[];
  cumulative: number[];
  chol: number[][];
}

function population(c: AbcConfig, g: Generation): Population | null {
  const points = g.particles.map((p) => p.theta.map((v, i) => toWorkingScale(c.parameters[i].prior, v)));
  const weights = g.particles.map((p) => p.weight);
  const cov = weightedCovariance(points, weights).map((row) => row.map((v) => c.settings.kernelScale * v));
  const chol = cholesky(cov);
  if (!chol) return null;
  let total = 0;
  const cumulative = weights.map((w) => (total += w));
  return { points, logWeights: weights.map(Math.log), cumulative, chol };
}

/** Null for generation 0, which samples the prior. A later generation is only ever started from a non-degenerate one. */
function previous(c: AbcConfig, state: AbcState, generation: number): Population | null {
  if (generation === 0) return null;
  const p = population(c, state.generations[generation - 1]);
  if (!p) throw new Error(`generation ${generation - 1}'s covariance is not positive definite, so generation ${generation} cannot be proposed`);
  return p;
}

/**
 * Candidates `from` to `from + n - 1` of the pending generation. They depend only on the state at the start of
 * the generation, so any of them can be computed anywhere, ahead of the batches before them.
 */
export function proposeCandidates(c: AbcConfig, state: AbcState, from: number, n: number): Candidate[] {
  const pending = state.pending;
  if (!pending) return [];
  const prev = previous(c, state, pending.generation);
  return Array.from({ length: n }, (_, i) => ({ generation: pending.generation, index: from + i, theta: candidateTheta(c, prev, pending.generation, from + i) }));
}

function candidateTheta(c: AbcConfig, prev: Population | null, generation: number, index: number): number[] {
  const key = streamKey(c.settings.seed, ABC_TAG, generation, index);
  return prev ? propose(c, prev, key, generation, index) : c.parameters.map((p, i) => samplePrior(p.prior, uniform(key, i)));
}

/**
 * Draw an ancestor by weight and step from it with the kernel. A step outside the prior's support redraws the
 * ancestor too: the proposal is then the kernel mixture restricted to the support with one normalising constant,
 * which cancels in the weights (redrawing only the step would give each ancestor its own constant).
 */
function propose(c: AbcConfig, prev: Population, key: number, generation: number, index: number): number[] {
  const d = c.parameters.length;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const base = attempt * (d + 1);
    const ancestor = pick(prev.cumulative, uniform(key, base));
    const z = Array.from({ length: d }, (_, i) => standardNormalDraw(uniform(key, base + 1 + i)));
    const theta = perturb(prev.chol, prev.points[ancestor], z).map((y, i) => fromWorkingScale(c.parameters[i].prior, y));
    if (theta.every((v, i) => inSupport(c.parameters[i].prior, v))) return theta;
  }
  throw new Error(`generation ${generation} candidate ${index}: no step from ${ATTEMPTS} attempts fell inside the priors' support`);
}

/**
 * Index of the first cumulative weight that exceeds u * total: sim/random's `categorical`, by bisection, since a
 * late generation proposes many candidates per particle it keeps.
 */
export function pick(cumulative: readonly number[], u: number): number {
  const target = u * cumulative[cumulative.length - 1];
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid] <= target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The candidates the state waits for: the next batch of the pending generation, cut to the simulations left. */
export function nextBatch(c: AbcConfig, state: AbcState): Candidate[] {
  if (!state.pending || state.stopped) return [];
  return proposeCandidates(c, state, state.pending.next, batchLength(c, state));
}

function batchLength(c: AbcConfig, state: AbcState): number {
  return Math.max(0, Math.min(c.settings.batchSize, c.settings.maxSimulations - state.simulations));
}

function logSumExp(xs: readonly number[]): number {
  const m = xs.reduce((a, b) => Math.max(a, b), -Infinity);
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}

/** log of prior / sum_k w_k K(theta | theta_k), on the kernel's scale; 0 in generation 0, whose proposal is the prior. */
function logImportanceWeight(c: AbcConfig, prev: Population | null, theta: readonly number[]): number {
  if (!prev) return 0;
  const y = theta.map((v, i) => toWorkingScale(c.parameters[i].prior, v));
  const logPrior = y.reduce((s, v, i) => s + logWorkingDensity(c.parameters[i].prior, v), 0);
  return logPrior - logSumExp(prev.points.map((p, k) => prev.logWeights[k] - 0.5 * squaredMahalanobis(prev.chol, y, p)));
}

/**
 * Fold a batch of simulations into the state, returning a new state. `records` must be the batch `nextBatch`
 * gives, in order. An accepted candidate's parameters are recomputed from the state and must equal the record's,
 * so records read back from files cannot silently belong to another calibration; a rejected one's do not matter.
 */
export function acceptBatch(c: AbcConfig, state: AbcState, records: readonly EvaluationRecord[]): AbcState {
  const pending = state.pending;
  if (!pending || state.stopped) throw new Error(`the calibration has stopped (${state.stopped}); there is no batch to accept`);
  const n = batchLength(c, state);
  records.forEach((r, i) => {
    if (r.generation !== pending.generation || r.index !== pending.next + i) {
      throw new Error(`record ${i} is generation ${r.generation} candidate ${r.index}; expected generation ${pending.generation} candidate ${pending.next + i}`);
    }
  });
  if (records.length !== n) throw new Error(`expected ${n} records for the batch from candidate ${pending.next}, got ${records.length}`);
  const prev = previous(c, state, pending.generation);
  const accepted = [...pending.accepted];
  for (const r of records) {
    if (accepted.length === c.settings.particles) break;
    const { distance } = discrepancy(c.targets, r);
    if (!(Number.isFinite(distance) && (pending.tolerance === null || distance <= pending.tolerance))) continue;
    const theta = candidateTheta(c, prev, r.generation, r.index);
    if (theta.length !== r.theta.length || theta.some((v, j) => !Object.is(v, r.theta[j]))) {
      throw new Error(`generation ${r.generation} candidate ${r.index} was simulated at [${r.theta}], but this calibration proposes [${theta}]`);
    }
    accepted.push({ candidate: r.index, theta, distance, logWeight: logImportanceWeight(c, prev, theta) });
  }
  const simulations = state.simulations + records.length;
  const next = { ...pending, next: pending.next + records.length, evaluations: pending.evaluations + records.length, accepted };
  if (accepted.length === c.settings.particles) return finishGeneration(c, { ...state, simulations }, next);
  if (simulations >= c.settings.maxSimulations) return { ...state, simulations, pending: next, stopped: 'budget' };
  return { ...state, simulations, pending: next };
}

function finishGeneration(c: AbcConfig, state: AbcState, done: NonNullable<AbcState['pending']>): AbcState {
  const s = c.settings;
  const top = done.accepted.reduce((m, a) => Math.max(m, a.logWeight), -Infinity);
  const raw = done.accepted.map((a) => Math.exp(a.logWeight - top));
  const total = raw.reduce((x, y) => x + y, 0);
  const particles = done.accepted.map((a, i) => ({ candidate: a.candidate, theta: a.theta, distance: a.distance, weight: raw[i] / total }));
  const ess = 1 / particles.reduce((x, p) => x + p.weight ** 2, 0);
  const generation: Generation = { generation: done.generation, tolerance: done.tolerance, evaluations: done.evaluations, ess, particles };
  const finished = { ...state, generations: [...state.generations, generation], pending: null };
  const stop = (stopped: StopReason): AbcState => ({ ...finished, stopped });

  if (finished.generations.length >= s.maxGenerations) return stop('max-generations');
  if (done.tolerance !== null && done.tolerance <= s.minTolerance) return stop('tolerance-reached');
  if (s.particles / done.evaluations < s.minAcceptanceRate) return stop('acceptance-rate');
  // Stalling is judged before the floor applies, so that a tolerance clamped to the floor still gets its generation.
  const proposed = quantile(particles.map((p) => p.distance), s.quantile);
  if (done.tolerance !== null && proposed > (1 - s.minToleranceDrop) * done.tolerance) return stop('tolerance-stalled');
  const tolerance = Math.max(s.minTolerance, proposed);
  if (!population(c, generation)) return stop('degenerate');
  if (finished.simulations >= s.maxSimulations) return stop('budget');
  return { ...finished, stopped: null, pending: { generation: done.generation + 1, tolerance, next: 0, evaluations: 0, accepted: [] } };
}

/** The smallest value with at least a share q of the values at or below it (the inverse of the empirical CDF). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** The last finished generation, the posterior sample; undefined if generation 0 never finished. */
export function posterior(state: AbcState): Generation | undefined {
  return state.generations[state.generations.length - 1];
}
