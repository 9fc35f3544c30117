import * as z from 'zod';

/**
 * The discrepancy between a simulation and the observed targets, with the three sources of error that history
 * matching separates (Vernon et al. 2010; McCulloch et al., JASSS 2022): error in the observation, the model's
 * structural discrepancy from reality, and the simulation's own noise. For target j with observed value y_j,
 *
 *   e_j = (m_j - y_j)^2 / (sdObservation_j^2 + sdDiscrepancy_j^2 + v_j)
 *
 * with m_j the mean over replicates and v_j the variance of that mean. A target may be a count, a share or a
 * ratio; only numbers are seen here.
 */

export const targetSchema = z.strictObject({
  value: z.number().describe('Observed value'),
  sdObservation: z.number().min(0).describe('Standard deviation of the observation error'),
  sdDiscrepancy: z.number().min(0).default(0).describe('Standard deviation of the model discrepancy: how far a perfectly tuned model may still be from reality'),
  weight: z.number().positive().default(1).describe('Weight of this target in the distance'),
}).superRefine((t, ctx) => {
  // With no error at all an exact simulator would give 0/0, and any miss an infinite distance.
  if (!(t.sdObservation > 0 || t.sdDiscrepancy > 0)) {
    ctx.addIssue({ code: 'custom', path: ['sdObservation'], message: 'expected a positive sdObservation or sdDiscrepancy, so that a miss has a finite size' });
  }
});
export type Target = z.output<typeof targetSchema>;

/** What a simulator returns for one parameter vector: per target, the mean over replicates and its variance. */
export interface Summary {
  mean: number[];
  /** Variance of the replicate mean (the replicates' variance over their count); 0 for a single or exact run. */
  variance: number[];
}

export interface Discrepancy {
  /** sqrt of the weighted mean of e_j: a root-mean-square miss in standard deviations. */
  distance: number;
  /** max_j sqrt(e_j): the worst target's miss in standard deviations. */
  implausibility: number;
}

/** e_j for each target; NaN where the simulated mean is not a number (an undefined ratio). */
export function standardisedErrors(targets: readonly Target[], s: Summary): number[] {
  if (s.mean.length !== targets.length || s.variance.length !== targets.length) {
    throw new Error(`a summary has ${s.mean.length} means and ${s.variance.length} variances for ${targets.length} targets`);
  }
  return targets.map((t, j) => {
    const v = s.variance[j];
    if (!(v >= 0)) throw new Error(`the variance of target ${j}'s simulated mean is ${v}; expected a number >= 0`);
    return (s.mean[j] - t.value) ** 2 / (t.sdObservation ** 2 + t.sdDiscrepancy ** 2 + v);
  });
}

/** Both measures are NaN when any target's error is, so such a simulation is never accepted. */
export function discrepancy(targets: readonly Target[], s: Summary): Discrepancy {
  const e = standardisedErrors(targets, s);
  if (e.some(Number.isNaN)) return { distance: NaN, implausibility: NaN };
  const weights = targets.reduce((sum, t) => sum + t.weight, 0);
  const mean = targets.reduce((sum, t, j) => sum + t.weight * e[j], 0) / weights;
  return { distance: Math.sqrt(mean), implausibility: Math.sqrt(Math.max(...e)) };
}
