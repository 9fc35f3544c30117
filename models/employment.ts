import { annuity } from './valuation.js';

/**
 * Employment and the value of staying (ODD §3.3.14). Each agent is employed or not; jobs are lost at a monthly
 * rate λ and found at μ (the group's schedules, so a recession is a rise in λ). While unemployed, the household
 * lives on the benefit (replacementRate x earnings, for benefitMonths after the job loss) and then on the floor
 * (floorShare x earnings). Valuing the years ahead, an agent expects the step's λ and μ to last.
 */

/** What the valuation reads of an agent's employment in one step. */
export interface EmploymentTerms {
  unemployed: boolean;
  /** Monthly rates of losing and of finding a job. */
  lossRate: number;
  findRate: number;
  /** Income while unemployed, as shares of earnings: with benefit, and after it (or without). */
  replacementRate: number;
  floorShare: number;
  /** Months of benefit left (0 when employed or exhausted). */
  benefitMonthsLeft: number;
}

/**
 * What the prospect of unemployment takes off the value of staying, for monthly earnings `w`, discount plus
 * removal rate `k` and `months` of working life left. The probability of being employed s months ahead is
 * e* + (e0 - e*) exp(-(λ + μ) s), with e* = μ / (λ + μ) and e0 = 1 if employed now; each month not employed
 * earns the floor instead of w. With neither rate, employment stays as it is.
 */
export function unemploymentLoss(e: EmploymentTerms, w: number, k: number, months: number): number {
  const g = e.lossRate + e.findRate;
  const steady = g > 0 ? e.findRate / g : 1;
  const now = e.unemployed ? 0 : 1;
  return w * (1 - e.floorShare) * ((1 - steady) * annuity(k, months) - (now - steady) * annuity(k + g, months));
}

/**
 * The value of the benefit still due to an unemployed agent, over the floor: it is paid while the spell lasts
 * (ending at rate μ) and the entitlement runs, discounted at `k`.
 */
export function benefitValue(e: EmploymentTerms, w: number, k: number): number {
  if (!e.unemployed || e.benefitMonthsLeft <= 0) return 0;
  return w * (e.replacementRate - e.floorShare) * annuity(k + e.findRate, e.benefitMonthsLeft);
}

/** The benefit still due, paid as a lump sum by a programme that capitalises a `share` of it (Spain's APRE: all). */
export function capitalisedBenefit(e: EmploymentTerms, w: number, share: number): number {
  return e.unemployed ? share * w * e.replacementRate * e.benefitMonthsLeft : 0;
}
