import { describe, expect, it } from 'vitest';
import { censusWeightSum, classCount, classWeight, removalClass } from './removal-class.js';

// Two statuses: 0 protected (weight 0.15), 1 unauthorised (weight 1).
const w = { status: [0.15, 1], recentArrivalFactor: 2, deprioritisedFactor: 0.2 };

describe('removal classes', () => {
  it('weigh a cohort as recent arrivals exactly while its years in the country are under two', () => {
    const years1 = removalClass(1, 1, 2);
    expect(classWeight(w, years1, 0.99, false)).toBe(2);
    expect(classWeight(w, years1, 1, false)).toBe(1);
    const years0 = removalClass(0, 0, 2);
    expect(classWeight(w, years0, 1.5, false)).toBeCloseTo(0.3, 12);
    expect(classWeight(w, years0, 2, true)).toBeCloseTo(0.03, 12);
    for (const years of [2, 3, 40, 255]) expect(classWeight(w, removalClass(1, years, 2), 0, false)).toBe(1);
    expect(classCount(2)).toBe(6);
  });

  it('weigh a census for the step it is used in: a cohort that stops being recent stops counting double', () => {
    // 100 persons with one year in the country, unauthorised, not deprioritised.
    const counts = (k: number) => (k === removalClass(1, 1, 2) ? 100 : 0);
    expect(censusWeightSum(counts, w, 11 / 12)).toBe(200);
    expect(censusWeightSum(counts, w, 1)).toBe(100);
  });
});
