import * as z from 'zod';
import type { BehaviouralModel } from '../model.js';

/**
 * The smallest behavioural model: every present agent leaves with the same monthly probability, whatever its
 * valuation. It has no hazard bound, so the engine computes every decision exactly. It exists to show, in a test,
 * that a model is one file like this and one registration line.
 */
export const constantHazardParams = z.strictObject({
  name: z.literal('constant-hazard'),
  monthlyProbability: z.number().min(0).max(1).default(0.01).describe('Probability of leaving in a month (test model)'),
});
type Params = z.infer<typeof constantHazardParams>;

export const constantHazard: BehaviouralModel<Params> = {
  name: 'constant-hazard',
  params: constantHazardParams,
  intensity: (_, months) => months,
  hazard: (_, p, months) => 1 - (1 - p.monthlyProbability) ** months,
};
