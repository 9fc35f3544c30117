import * as z from 'zod';
import { expAtMost } from './exp-at-most.js';
import type { BehaviouralModel } from './model.js';
import type { Valuation, ValuationBound } from './valuation.js';

/**
 * Random-utility discrete choice (nested logit). An agent reviews its situation `reviewRate` times a month on
 * average; at a review it leaves if the value of the leaving nest (leaving unassisted, plus the inclusive value of
 * the programme when it knows of it) beats staying, with logistic noise whose scale is a multiple of the
 * agent's annual earnings, so that a dollar weighs more for a low earner.
 */
export const utilityParams = z.strictObject({
  name: z.literal('utility'),
  statusQuo: z.number().default(-1.57)
    .describe('Intercept of the leave-vs-stay logit: inertia beyond the dollar terms (posterior median of the joint calibration on the four cases, models/README.md section 6.2)'),
  noiseScale: z.number().positive().default(0.77)
    .describe('Scale of the logistic noise, in years of earnings (posterior median of the joint calibration, models/README.md section 6.2)'),
  reviewRate: z.number().positive().max(1e4).default(0.35)
    .describe('How often per month an agent reconsiders (posterior median of the joint calibration, models/README.md section 6.2)'),
});
export type UtilityParams = z.infer<typeof utilityParams>;

/**
 * `intensity` is the expected number of reviews in the step (reviewRate x months). Leaving is a Poisson event
 * at rate reviews x P(leave | review), so a year of weekly steps gives what a year of monthly steps gives.
 */
function hazard(v: Valuation, p: UtilityParams, intensity: number): number {
  const z = p.statusQuo + (v.leaveOwn + v.programmeGain - v.stay) / (p.noiseScale * 12 * v.earnings);
  return 1 - Math.exp(-intensity / (1 + Math.exp(-z)));
}

/**
 * An upper bound on `hazard` for any valuation within the bounds `b`, at any intensity up to `intensity`:
 * the hazard rises with z, and 1 - exp(-x) <= x.
 */
function hazardBound(b: ValuationBound, p: UtilityParams, intensity: number): number {
  const z = p.statusQuo + b.netLeaveHigh / (p.noiseScale * 12 * b.earnings);
  return intensity / (1 + expAtMost(-z));
}

export const utility: BehaviouralModel<UtilityParams> = {
  name: 'utility',
  params: utilityParams,
  intensity: (p, months) => p.reviewRate * months,
  hazard,
  hazardBound,
};
