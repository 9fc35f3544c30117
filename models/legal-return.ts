import { annuity } from './valuation.js';

/** A promise of legal return as the decision sees it in one step (§3.3.10). */
export interface LegalReturnTerms {
  /** probability x credibility while the programme is open, else 0. */
  value: number;
  /** The promised wait, months. */
  waitMonths: number;
  /** Whether the re-entry bars still apply (the promise does not waive them). */
  bars: boolean;
}

/** Months before a legal return: the promised wait, or the re-entry bar if longer and not waived (3 years after
 * more than 180 days of unlawful presence, 10 after a year or more). */
export function returnWait(lr: LegalReturnTerms, yearsNow: number): number {
  return lr.bars ? Math.max(lr.waitMonths, yearsNow >= 1 ? 120 : 36) : lr.waitMonths;
}

/** Present value of a believed promise of legal return: the premium from the return on, discounted. */
export function legalReturnValue(lr: LegalReturnTerms, yearsNow: number, trust: number, legalPathway: number, premium: number,
  r: number, monthsLeft: number): number {
  if (!(lr.value > 0)) return 0;
  const wait = returnWait(lr, yearsNow);
  return lr.value * trust * legalPathway * premium * Math.exp(-r * wait) * annuity(r, monthsLeft - wait);
}
