import { isRecentArrival, removalWeight, type RemovalWeights } from '../models/enforcement.js';

/**
 * Removal classes: an agent's class is bit 0 protected, and 2 x its whole years in the country at the start, capped
 * at 2 (0, 1, or 2 and more). Whether a class counts as recent arrivals then depends only on the elapsed time of the
 * step it is weighted for, so a census taken at the end of one step is weighted as of the next (ODD §3.3.5). The
 * census also counts deprioritised registrants apart, as classes CLASSES to 2 x CLASSES - 1.
 */
export const CLASSES = 6;
export const CENSUS_CLASSES = 2 * CLASSES;

/** 2 x min(years, 2), by whole years at the start: an agent's class is (protected ? 1 : 0) | YEARS_CLASS[years]. */
export const YEARS_CLASS = Uint8Array.from({ length: 256 }, (_, years) => Math.min(years, 2) << 1);

/** Removal weight of class `cls` (0 .. CLASSES - 1) in a step `elapsedYears` after the start. */
export function classWeight(w: RemovalWeights, cls: number, elapsedYears: number, deprioritised: boolean): number {
  return removalWeight(w, (cls & 1) !== 0, isRecentArrival((cls >> 1) + elapsedYears), deprioritised);
}

/** The census's sum of removal weights, in agents, for a step `elapsedYears` after the start. */
export function censusWeightSum(count: (censusClass: number) => number, w: RemovalWeights, elapsedYears: number): number {
  let sum = 0;
  for (let k = 0; k < CENSUS_CLASSES; k++) sum += count(k) * classWeight(w, k % CLASSES, elapsedYears, k >= CLASSES);
  return sum;
}
