import { z } from 'zod';
import type { Valuation } from './valuation.js';

/**
 * Random-utility discrete choice (nested logit). Each step an agent reviews its situation with probability
 * `review`; it then leaves if the value of the leaving nest (leaving unassisted, plus the inclusive value of
 * the programme when it knows of it) beats staying, with logistic noise whose scale is a multiple of the
 * agent's annual earnings, so that a dollar weighs more for a low earner.
 */
export const utilityParams = z.strictObject({
  name: z.literal('utility'),
  statusQuo: z.number().default(-1.0)
    .describe('Intercept of the leave-vs-stay logit: inertia beyond the dollar terms (calibrated, see models/README.md)'),
  noiseScale: z.number().positive().default(0.8)
    .describe('Scale of the logistic noise, in years of US earnings (assumption, calibrated with statusQuo)'),
  reviewRate: z.number().positive().default(1)
    .describe('How often per month an agent reconsiders (assumption: monthly)'),
});
export type UtilityParams = z.infer<typeof utilityParams>;

export function utilityHazard(v: Valuation, p: UtilityParams, review: number): number {
  const z = p.statusQuo + (v.leaveOwn + v.programmeGain - v.stay) / (p.noiseScale * 12 * v.earnings);
  return review / (1 + Math.exp(-z));
}
