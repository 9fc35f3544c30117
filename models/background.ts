/** Background emigration (§3.3.9): the probability of leaving in a step for reasons outside the model. */
export function backgroundLeaveProbability(annualRate: number, months: number): number {
  return 1 - Math.pow(1 - annualRate, months / 12);
}
