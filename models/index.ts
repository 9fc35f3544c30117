import { z } from 'zod';
import { plannedBehaviourHazard, plannedBehaviourParams, type PlannedBehaviourParams } from './planned-behaviour.js';
import { utilityHazard, utilityParams, type UtilityParams } from './utility.js';
import type { Valuation } from './valuation.js';

/** The behavioural model of a scenario: chosen by `name`, each with its own parameters and defaults. */
export const modelSchema = z.discriminatedUnion('name', [utilityParams, plannedBehaviourParams]);
export type ModelParams = UtilityParams | PlannedBehaviourParams;
export const MODEL_NAMES = ['utility', 'planned-behaviour'] as const;

/** Probability that an inclined agent acts within a step of `months` months (the model's own rate). */
export function stepProbability(p: ModelParams, months: number): number {
  return 1 - Math.exp(-(p.name === 'utility' ? p.reviewRate : p.actRate) * months);
}

/** Probability that an agent leaves (by any route) this step; `perStep` comes from `stepProbability`. */
export function leaveHazard(v: Valuation, p: ModelParams, perStep: number): number {
  return p.name === 'utility' ? utilityHazard(v, p, perStep) : plannedBehaviourHazard(v, p, perStep);
}
