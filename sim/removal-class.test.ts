import { describe, expect, it } from 'vitest';
import { censusWeightSum, classWeight, CLASSES, YEARS_CLASS } from './removal-class.js';

const w = { protectedFactor: 0.15, recentArrivalFactor: 2, deprioritisedFactor: 0.2 };

describe('removal classes', () => {
  it('weigh a cohort as recent arrivals exactly while its years in the country are under two', () => {
    const years1 = YEARS_CLASS[1];
    expect(classWeight(w, years1, 0.99, false)).toBe(2);
    expect(classWeight(w, years1, 1, false)).toBe(1);
    const years0 = YEARS_CLASS[0] | 1;
    expect(classWeight(w, years0, 1.5, false)).toBeCloseTo(0.3, 12);
    expect(classWeight(w, years0, 2, true)).toBeCloseTo(0.03, 12);
    for (const years of [2, 3, 40, 255]) expect(classWeight(w, YEARS_CLASS[years], 0, false)).toBe(1);
  });

  it('weigh a census for the step it is used in: a cohort that stops being recent stops counting double', () => {
    // 100 agents with one year in the country, unprotected, not deprioritised.
    const counts = (k: number) => (k === YEARS_CLASS[1] ? 100 : 0);
    expect(censusWeightSum(counts, w, 11 / 12)).toBe(200);
    expect(censusWeightSum(counts, w, 1)).toBe(100);
    expect(CLASSES).toBe(6);
  });
});
