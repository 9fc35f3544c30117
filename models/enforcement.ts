/**
 * Enforcement (§3.3.5): a removal capacity per step shared out over everyone still in the country by weights.
 * The weight formula is written here once; the engine tabulates it by removal class.
 */
export interface RemovalWeights {
  protectedFactor: number;
  recentArrivalFactor: number;
  deprioritisedFactor: number;
}

/** Removal weight v of an agent: protected, a recent arrival (under 2 years in the country), deprioritised. */
export function removalWeight(w: RemovalWeights, isProtected: boolean, isRecent: boolean, isDeprioritised: boolean): number {
  return (isProtected ? w.protectedFactor : 1) * (isRecent ? w.recentArrivalFactor : 1) * (isDeprioritised ? w.deprioritisedFactor : 1);
}

/** q_t: the removal probability per unit of weight, from capacity (in agents) and the census's sum of weights. */
export function removalPerWeight(capacityAgents: number, weightSum: number): number {
  return weightSum > 0 ? capacityAgents / weightSum : 0;
}

/** Whether an agent with `yearsNow` in the country is a recent arrival. */
export function isRecentArrival(yearsNow: number): boolean {
  return yearsNow < 2;
}
