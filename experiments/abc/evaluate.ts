import { streamKey, uniform } from '../../sim/random/hash.js';
import { pointScenario } from '../load.js';
import type { Scenario } from '../../scenarios/schema.js';
import { runScenario, type RunOutput } from '../../sim/run.js';
import type { Executor } from '../../sim/tasks.js';
import { windowSums } from '../../sim/windows.js';
import { replicateFigures, SWEEP_SERIES } from '../measures.js';
import type { Summary } from './distance.js';
import type { WindowSpec } from './file-schema.js';
import type { AbcPlan, CasePlan, ResolvedTarget } from './plan.js';
import { standardNormalDraw } from './priors.js';

/**
 * One evaluation of a calibration: every case scenario run at a parameter vector, with its counterfactual twin
 * where a target needs it, exactly as `departure-sim run` would run that scenario, and each target computed per
 * replicate. Its seed and its observation-noise draws are counter-based functions of the calibration's seed and
 * the candidate, never of the shard, worker or order.
 */

/** Stream tags of calibration evaluations, apart from the engine's 1 and 2, ABC proposals' 3 and SBC's 4. */
export const SEED_TAG = 5;
export const NOISE_TAG = 6;

/** What identifies an evaluation: a candidate of a generation, or (generation PREDICTIVE) a posterior predictive draw. */
export interface EvaluationKey {
  generation: number;
  index: number;
}
/** The generation number that stands for the posterior predictive simulations. */
export const PREDICTIVE = 65535;

/** Per target: the mean over replicates before any noise is added, and the variance of that mean. */
export interface ModelSummary {
  /** Null where a target is undefined in some replicate (a ratio with a denominator of 0). */
  mean: Array<number | null>;
  variance: number[];
}

/** The scenario of one case at a parameter vector, with the evaluation's seed. */
export function caseScenario(plan: AbcPlan, cp: CasePlan, theta: readonly number[], key: EvaluationKey, caseIndex: number): Scenario {
  const seed = streamKey(plan.config.settings.seed, SEED_TAG, key.generation, key.index, caseIndex);
  return pointScenario(plan.file, cp.raw, cp.parameters.map((p) => p.bound), cp.parameters.map((p) => theta[p.index]),
    { seed, replicates: cp.replicates }, `scenarios.${cp.key} at generation ${key.generation} candidate ${key.index}`);
}

export async function simulateModel(plan: AbcPlan, theta: readonly number[], key: EvaluationKey,
  o: { executor: Executor; signal?: AbortSignal }): Promise<ModelSummary> {
  const outputs: RunOutput[] = [];
  for (const [i, cp] of plan.cases.entries()) {
    outputs.push(await runScenario(caseScenario(plan, cp, theta, key, i), { executor: o.executor, twin: cp.twin, signal: o.signal }));
  }
  const mean: Array<number | null> = [];
  const variance: number[] = [];
  for (const t of plan.targets) {
    const values = targetValues(t, outputs[t.caseIndex]);
    const m = meanAndVariance(values);
    mean.push(m.mean);
    variance.push(m.variance);
  }
  return { mean, variance };
}

/** Mean of the replicates' values and the variance of that mean (sample variance / n; 0 for one replicate). */
export function meanAndVariance(values: readonly number[]): { mean: number | null; variance: number } {
  if (values.length === 0 || values.some((v) => !Number.isFinite(v))) return { mean: null, variance: 0 };
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = n > 1 ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) / n : 0;
  return { mean, variance };
}

const windowOf = (out: RunOutput, w: WindowSpec) =>
  windowSums(out.scenario, out.replicates, w.group === undefined ? w.series : `${w.series}.${w.group}`, w.arm, w.from, w.to);

/** A target's value in each replicate of its case's run; NaN where it is undefined. */
export function targetValues(t: ResolvedTarget, out: RunOutput): number[] {
  const s = t.spec;
  const divide = (a: number[], b: number[]) => a.map((x, r) => (b[r] > 0 ? x / b[r] : NaN));
  const complement = (xs: number[], on: boolean) => (on ? xs.map((x) => 1 - x) : xs);
  switch (s.kind) {
    case 'observation':
      return windowOf(out, t.window!);
    case 'window':
      return windowOf(out, s);
    case 'share': {
      const d = s.denominator;
      const groups = out.scenario.population.groups.map((g) => g.name);
      const pool = 'value' in d
        ? out.replicates.map(() => d.value)
        : out.replicates.map((r) => r.groupPersons.reduce((a, p, g) => a + (d.persons === 'all' || d.persons.includes(groups[g]) ? p : 0), 0));
      return divide(windowOf(out, s.numerator), pool);
    }
    case 'ratio':
      return complement(divide(windowOf(out, s.numerator), windowOf(out, s.denominator)), s.complement);
    case 'figure': {
      const j = SWEEP_SERIES.findIndex(([n]) => n === s.figure);
      return complement(replicateFigures(out, out.scenario).map((row) => row[j] ?? NaN), s.complement);
    }
  }
}

/**
 * The summary ABC compares with the observations: the model's means plus, with observation noise on, a draw of
 * the observation error and model discrepancy, N(0, sdObservation^2 + sdDiscrepancy^2) per target (noisy ABC,
 * Wilkinson 2013: as the tolerance falls, the accepted parameters follow the posterior under that error model
 * rather than the posterior of a model observed without error). An undefined mean stays undefined (NaN), so the
 * candidate is never accepted.
 */
export function noisySummary(plan: AbcPlan, m: ModelSummary, key: EvaluationKey, noise: boolean): Summary {
  const k = streamKey(plan.config.settings.seed, NOISE_TAG, key.generation, key.index);
  return {
    mean: plan.targets.map((t, j) => {
      const x = m.mean[j];
      if (x === null) return NaN;
      return noise ? x + Math.hypot(t.sdObservation, t.sdDiscrepancy) * standardNormalDraw(uniform(k, j)) : x;
    }),
    variance: m.variance,
  };
}
