import * as z from 'zod';

/**
 * The economic terms both behavioural models share: what staying, leaving on one's own and leaving through
 * the programme are worth to one agent, in dollars, seen from the current month. Sources and assumptions
 * behind each default are in models/README.md (§3.3.1 and §5.7).
 */
export const valuationSchema = z.strictObject({
  familyTieMonths: z.number().nonnegative().max(1200).default(36)
    .describe('Cost of leaving family ties behind (e.g. a citizen child or spouse), in months of earnings (assumption)'),
  dangerMonths: z.number().nonnegative().max(1200).default(24)
    .describe('Cost of danger at home at danger index 1, in months of earnings (assumption)'),
  routeScale: z.number().positive().max(1e8).optional()
    .describe('Scale of the noise in choosing the programme over leaving on one\'s own, scenario currency (default USD 400 of 2025, converted; assumption)'),
  anticipation: z.number().min(0).max(10).default(0.5)
    .describe('Weight on an announced change of the amount: waiting for a raise, hurrying before a cut (assumption)'),
  anticipationMonths: z.number().min(0).max(60).default(12).describe('How far ahead announced changes count (assumption)'),
  workingAge: z.number().min(30).max(90).default(65)
    .describe('Age until which the wage premium of staying is valued (assumption)'),
});
/** The valuation parameters as the engine reads them: the route scale filled in the scenario's currency. */
export type ValuationParams = z.infer<typeof valuationSchema> & { routeScale: number };

/** What a behavioural model sees of one agent in one arm and step. Reused per agent to avoid allocation. */
export interface Valuation {
  /** Monthly US earnings. */
  earnings: number;
  /** Present value of staying: wage premium until removal or retirement, less the expected removal penalty
   * (detention, and the family and danger costs of being sent home). */
  stay: number;
  /** Value of leaving unassisted now: minus travel, family and danger costs. */
  leaveOwn: number;
  /** Expected extra value of having the programme as an option when leaving (0 without it). */
  programmeGain: number;
  /** Savings plus travel help, over the travel cost: can the agent afford to go? (capped at 1) */
  affordability: number;
  /** Share of the agent's community that has left voluntarily (programme or unassisted; not removals), as of the last step. */
  peerDepartedShare: number;
  /** A standard-normal trait of the agent, fixed for life (used for personal thresholds). */
  idio: number;
}

/**
 * Upper bounds on what a model sees of one agent over a span of steps (sim/decision-bound.ts computes them), so
 * that a model can bound its hazard without the step-by-step terms.
 */
export interface ValuationBound {
  earnings: number;
  /** leaveOwn + programmeGain - stay, as computed in any step of the span, is at most this. */
  netLeaveHigh: number;
  /** affordability in any step of the span is at most this. */
  affordabilityHigh: number;
  idio: number;
}

export function emptyValuation(): Valuation {
  return { earnings: 0, stay: 0, leaveOwn: 0, programmeGain: 0, affordability: 0, peerDepartedShare: 0, idio: 0 };
}

/** The share of earnings in the country that is a premium over what the same worker earns at home (§3.3.1). */
export function premiumShare(wageRatio: number): number {
  return 1 - 1 / wageRatio;
}

/** The costs of ending up at home, in months of earnings: a family left behind, and danger (§3.3.1). */
export function homeCostMonths(v: ValuationParams, family: boolean, danger: number): number {
  return (family ? v.familyTieMonths : 0) + v.dangerMonths * danger;
}

/** Months of working life left at `age` (at the start) once `elapsedYears` have passed (§3.3.1). */
export function workingMonthsLeft(v: ValuationParams, age: number, elapsedYears: number): number {
  return (v.workingAge - age - elapsedYears) * 12;
}

/** Present value of a flow of 1 per month for `months` months at continuous monthly rate `rate`. */
export function annuity(rate: number, months: number): number {
  if (months <= 0) return 0;
  return rate > 1e-12 ? (1 - Math.exp(-rate * months)) / rate : months;
}
