import { DAYS_PER_MONTH } from '../scenarios/calendar.js';
import { FLAG_UNEMPLOYED, type Population } from './population.js';
import { EmploymentCondition, type StepContext } from './step-context.js';

/**
 * Whether agent i may use the programme in this step (§3.3.8): its status and group, its years in the country
 * (whole years at the start plus the time elapsed), and its employment where the programme asks for it.
 */
export function isEligible(pop: Population, ctx: StepContext, i: number): boolean {
  const e = ctx.eligibility;
  const years = pop.years[i] + ctx.elapsedYears;
  if (!(e.status[pop.cls[i] % ctx.statusWeight.length] === 1 && e.group[pop.origin[i]] === 1 && years >= e.minYears && years <= e.maxYears)) return false;
  const unemployed = (pop.flags[i] & FLAG_UNEMPLOYED) !== 0;
  switch (e.employment) {
    case EmploymentCondition.Any: return true;
    case EmploymentCondition.Unemployed: return unemployed;
    case EmploymentCondition.Employed: return !unemployed;
    case EmploymentCondition.Benefit: return unemployed && pop.benefitEnd[i] > ctx.stepDays[ctx.step];
  }
}

/** Months of benefit agent i has left on `day` of the horizon (0 when employed or exhausted). */
export function benefitMonthsLeft(pop: Population, i: number, day: number): number {
  return (pop.flags[i] & FLAG_UNEMPLOYED) !== 0 && pop.benefitEnd[i] > day ? (pop.benefitEnd[i] - day) / DAYS_PER_MONTH : 0;
}
