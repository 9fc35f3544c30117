import { isRecentArrival, removalWeight } from '../models/enforcement.js';

/**
 * Removal classes. An agent's class is its status plus S x (its whole years in the country at the start, capped at
 * 2: 0, 1, or 2 and more), for S statuses: fixed for life, so stored per agent. Whether a class counts as recent
 * arrivals depends only on the elapsed time of the step it is weighted for, so a census taken at the end of one
 * step is weighted as of the next (ODD §3.3.5). The census counts deprioritised registrants apart, as classes
 * 3S to 6S - 1.
 */
export function classCount(statuses: number): number {
  return 3 * statuses;
}

export function censusClassCount(statuses: number): number {
  return 2 * classCount(statuses);
}

export function removalClass(status: number, yearsAtStart: number, statuses: number): number {
  return status + statuses * Math.min(yearsAtStart, 2);
}

/** The removal weights of a scenario: by status, and the factors for recent arrivals and deprioritisation. */
export interface ClassWeights {
  status: readonly number[];
  recentArrivalFactor: number;
  deprioritisedFactor: number;
}

/** Removal weight of class `cls` in a step `elapsedYears` after the start. */
export function classWeight(w: ClassWeights, cls: number, elapsedYears: number, deprioritised: boolean): number {
  const statuses = w.status.length;
  return removalWeight(w.status[cls % statuses], w.recentArrivalFactor, w.deprioritisedFactor,
    isRecentArrival(Math.floor(cls / statuses) + elapsedYears), deprioritised);
}

/** The census's sum of removal weights, in persons, for a step `elapsedYears` after the start. */
export function censusWeightSum(count: (censusClass: number) => number, w: ClassWeights, elapsedYears: number): number {
  const classes = classCount(w.status.length);
  let sum = 0;
  for (let k = 0; k < 2 * classes; k++) sum += count(k) * classWeight(w, k % classes, elapsedYears, k >= classes);
  return sum;
}
