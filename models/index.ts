import { z } from 'zod';
import { plannedBehaviourHazard, plannedBehaviourHazardBound, plannedBehaviourParams, type PlannedBehaviourParams } from './planned-behaviour.js';
import { utilityHazard, utilityHazardBound, utilityParams, type UtilityParams } from './utility.js';
import type { Valuation, ValuationBound } from './valuation.js';

/** The behavioural model of a scenario: chosen by `name`, each with its own parameters and defaults. */
export const modelSchema = z.discriminatedUnion('name', [utilityParams, plannedBehaviourParams]);
export type ModelParams = UtilityParams | PlannedBehaviourParams;
export const MODEL_NAMES = ['utility', 'planned-behaviour'] as const;

/** The model's rate (reviews, or acts once inclined) times the step's length in months. */
export function stepIntensity(p: ModelParams, months: number): number {
  return (p.name === 'utility' ? p.reviewRate : p.actRate) * months;
}

/** Probability that an agent leaves (by any route) this step; `intensity` comes from `stepIntensity`. */
export function leaveHazard(v: Valuation, p: ModelParams, intensity: number): number {
  return p.name === 'utility' ? utilityHazard(v, p, intensity) : plannedBehaviourHazard(v, p, intensity);
}

/** An upper bound on `leaveHazard` for every valuation within `b`, up to rounding (see sim/hazard-bound.ts). */
export function leaveHazardBound(b: ValuationBound, p: ModelParams, intensity: number): number {
  return p.name === 'utility' ? utilityHazardBound(b, p, intensity) : plannedBehaviourHazardBound(b, p, intensity);
}
