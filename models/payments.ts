/**
 * When a stipend falls due (§3.3.8): the payment delay rounded to whole steps, so a delay shorter than half a step
 * pays within the step of departure.
 */
export function paymentDueStep(step: number, delayDays: number, stepDays: number): number {
  return step + Math.round(delayDays / stepDays);
}
