import * as z from 'zod';
import type { BehaviouralModel } from './model.js';
import type { Valuation, ValuationBound } from './valuation.js';

/**
 * Theory of Planned Behaviour (Ajzen 1991), as used in migration ABMs (Klabunde & Willekens 2016). Intention
 * is a weighted sum of attitude (the same economic terms as the utility model, squashed to -1..1),
 * subjective norm (peer departures in the agent's community) and perceived behavioural control (can the
 * agent afford the journey). An agent whose intention exceeds its personal threshold acts with a monthly
 * hazard; others stay.
 */
export const plannedBehaviourParams = z.strictObject({
  name: z.literal('planned-behaviour'),
  attitudeWeight: z.number().nonnegative().default(1)
    .describe('Weight of attitude in intention (assumption)'),
  normWeight: z.number().nonnegative().default(0.6)
    .describe('Weight of subjective norm (assumption)'),
  controlWeight: z.number().nonnegative().default(0.4)
    .describe('Weight of perceived behavioural control (assumption)'),
  attitudeScale: z.number().positive().default(1.5)
    .describe('Years of US earnings at which the attitude reaches tanh(1) (assumption)'),
  normReference: z.number().positive().default(0.02)
    .describe('Share of the community departed at which the norm term saturates (assumption)'),
  thresholdMean: z.number().default(0.95)
    .describe('Mean personal threshold of intention (calibrated)'),
  thresholdSd: z.number().nonnegative().default(0.3)
    .describe('Spread of personal thresholds across agents (assumption)'),
  actRate: z.number().positive().max(1e4).default(0.25)
    .describe('Monthly rate at which an agent above its threshold acts (assumption)'),
});
export type PlannedBehaviourParams = z.infer<typeof plannedBehaviourParams>;

/** `intensity` is actRate x months: an agent above its threshold acts within the step with 1 - exp(-intensity). */
function hazard(v: Valuation, p: PlannedBehaviourParams, intensity: number): number {
  const attitude = Math.tanh((v.leaveOwn + v.programmeGain - v.stay) / (p.attitudeScale * 12 * v.earnings));
  const norm = Math.min(1, v.peerDepartedShare / p.normReference);
  const intention = p.attitudeWeight * attitude + p.normWeight * norm + p.controlWeight * v.affordability;
  if (intention <= p.thresholdMean + p.thresholdSd * v.idio) return 0;
  return 1 - Math.exp(-intensity);
}

/**
 * An upper bound on `hazard` for any valuation within the bounds `b`, at any intensity up to
 * `intensity`: intention rises with the attitude and affordability, and the norm term is at most its weight. The margin covers the
 * rounding of tanh and of the sums, so a bound of 0 means the exact intention is surely at or below the threshold.
 */
function hazardBound(b: ValuationBound, p: PlannedBehaviourParams, intensity: number): number {
  const attitude = Math.tanh(b.netLeaveHigh / (p.attitudeScale * 12 * b.earnings));
  const intention = p.attitudeWeight * attitude + p.normWeight + p.controlWeight * b.affordabilityHigh;
  const margin = 1e-9 * (p.attitudeWeight + p.normWeight + p.controlWeight + Math.abs(p.thresholdMean) + p.thresholdSd * Math.abs(b.idio));
  if (intention + margin <= p.thresholdMean + p.thresholdSd * b.idio) return 0;
  return 1 - Math.exp(-intensity);
}

export const plannedBehaviour: BehaviouralModel<PlannedBehaviourParams> = {
  name: 'planned-behaviour',
  params: plannedBehaviourParams,
  intensity: (p, months) => p.actRate * months,
  hazard,
  hazardBound,
};
