/**
 * Anticipation of an announced change of the amount (ODD §3.3.15). Someone who knows that the amount will be
 * `next` in `months` months compares registering now with registering then: waiting for a raise is worth
 * exp(-r months) x next - now, hurrying before a cut (an offer's or the programme's end: next = 0) now - that.
 * The agent weighs the difference by `weight` (valuation.anticipation) and adds it to what registering now is
 * worth. It is a rule of thumb for an option to wait, not its exact value, which would need the agent's own
 * future hazard.
 */
export function anticipationValue(weight: number, now: number, next: number, months: number, r: number): number {
  return weight * (now - Math.exp(-r * months) * next);
}
