/**
 * Enforcement (§3.3.5): a removal capacity per step shared out over everyone still in the country by weights.
 * The weight formula is written here once; the engine tabulates it by removal class.
 */

/** Removal weight v of an agent: its status's weight, times the factors for recent arrivals and deprioritisation. */
export function removalWeight(statusWeight: number, recentArrivalFactor: number, deprioritisedFactor: number, isRecent: boolean,
  isDeprioritised: boolean): number {
  return statusWeight * (isRecent ? recentArrivalFactor : 1) * (isDeprioritised ? deprioritisedFactor : 1);
}

/** q_t: the removal probability per unit of weight, from capacity (simulated persons) and the census's sum of weights. */
export function removalPerWeight(capacity: number, weightSum: number): number {
  return weightSum > 0 ? capacity / weightSum : 0;
}

/** Whether someone with `yearsNow` in the country is a recent arrival. */
export function isRecentArrival(yearsNow: number): boolean {
  return yearsNow < 2;
}
