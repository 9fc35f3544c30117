/**
 * What the programme pays a household, and what that is worth to it when it decides (§3.3.8).
 */

/** The amounts of a registration step for one status: the head of household, each further adult, each child, the household. */
export interface AmountParts {
  head: number;
  otherAdult: number;
  child: number;
  household: number;
}

export interface AmountCaps {
  /** A household bonus needs at least this many persons. */
  householdMinSize: number;
  /** Most paid for the adults together (Infinity: no cap), and to the household. */
  capAdults: number;
  capHousehold: number;
}

/** The parts' order in the engine's typed arrays of amounts: head, other adult, child, household. */
export const AMOUNT_PARTS = 4;

/** The amount for a household of `adults` (at least 1) and `children`. */
export function householdAmount(p: AmountParts, caps: AmountCaps, adults: number, children: number): number {
  const adultsPart = Math.min(caps.capAdults, p.head + p.otherAdult * (adults - 1));
  const total = adultsPart + p.child * children + (adults + children >= caps.householdMinSize ? p.household : 0);
  return Math.min(caps.capHousehold, total);
}

/** One instalment: a share of the amount paid `months` after confirmed arrival. */
export interface Instalment {
  share: number;
  months: number;
}

/** The value now of 1 paid in instalments, discounted at the agent's monthly rate r (before trust that it is paid). */
export function instalmentsValue(instalments: readonly Instalment[], r: number): number {
  let v = 0;
  for (const i of instalments) v += i.share * Math.exp(-r * i.months);
  return v;
}

/**
 * When an amount falls due (§3.3.8): the payment delay rounded to whole steps, so a delay shorter than half a step
 * pays within the step of departure.
 */
export function paymentDueStep(step: number, delayDays: number, stepDays: number): number {
  return step + Math.round(delayDays / stepDays);
}

/**
 * The probability that someone registering in this step departs by an offer's deadline: at least one departure in
 * the `stepsLeft` steps after this one, each with probability `departStep` (departure comes a step after
 * registration at the earliest).
 */
export function deadlineProbability(departStep: number, stepsLeft: number): number {
  return stepsLeft > 0 ? 1 - (1 - departStep) ** stepsLeft : 0;
}
