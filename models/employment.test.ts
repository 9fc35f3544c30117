import { describe, expect, it } from 'vitest';
import { anticipationValue } from './anticipation.js';
import { benefitValue, capitalisedBenefit, unemploymentLoss, type EmploymentTerms } from './employment.js';
import { annuity } from './valuation.js';

const terms = (x: Partial<EmploymentTerms> = {}): EmploymentTerms => ({
  unemployed: false, lossRate: 0.01, findRate: 0.1, replacementRate: 0.6, floorShare: 0.3, benefitMonthsLeft: 0, ...x,
});
const w = 2000, k = 0.005, T = 300;

describe('employment and the value of staying (ODD 3.3.14)', () => {
  it('costs nothing to someone employed who cannot lose the job, and the whole gap to the floor to someone who cannot find one', () => {
    expect(unemploymentLoss(terms({ lossRate: 0 }), w, k, T)).toBe(0);
    expect(unemploymentLoss(terms({ unemployed: true, findRate: 0 }), w, k, T)).toBeCloseTo(w * 0.7 * annuity(k, T), 6);
  });

  it('costs more the likelier a job loss and the slower re-employment, and more to the unemployed', () => {
    const loss = (x: Partial<EmploymentTerms>) => unemploymentLoss(terms(x), w, k, T);
    expect(loss({ lossRate: 0.05 })).toBeGreaterThan(loss({ lossRate: 0.01 }));
    expect(loss({ findRate: 0.05 })).toBeGreaterThan(loss({ findRate: 0.3 }));
    expect(loss({ unemployed: true })).toBeGreaterThan(loss({}));
  });

  it('values the benefit left over the floor, and capitalises exactly share x earnings x replacement x months left', () => {
    const e = terms({ unemployed: true, benefitMonthsLeft: 7.5 });
    expect(benefitValue(e, w, k)).toBeCloseTo(w * 0.3 * annuity(k + 0.1, 7.5), 9);
    expect(benefitValue({ ...e, unemployed: false }, w, k)).toBe(0);
    expect(capitalisedBenefit(e, w, 0.4)).toBeCloseTo(0.4 * w * 0.6 * 7.5, 9);
    expect(capitalisedBenefit({ ...e, unemployed: false }, w, 1)).toBe(0);
  });
});

describe('anticipation of an announced change (ODD 3.3.15)', () => {
  it('makes registering now worth less before a raise and more before a cut, by the weight', () => {
    expect(anticipationValue(0.5, 1000, 3000, 2, 0.005)).toBeLessThan(0);
    expect(anticipationValue(0.5, 1000, 0, 2, 0.005)).toBe(500);
    expect(Math.abs(anticipationValue(0, 1000, 3000, 2, 0.005))).toBe(0);
  });
});
