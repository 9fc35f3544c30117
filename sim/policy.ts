import { DAYS_PER_MONTH, dayNumber, isoDate, stepBoundaries } from './calendar.js';
import { averageOver } from '../scenarios/schedule.js';
import type { Scenario } from '../scenarios/schema.js';

/** The scenario's levers resolved to one value per step (schedules averaged over the step's days). */
export interface Policy {
  steps: number;
  dates: string[];
  /** Length of each step in months (days / 30.44). */
  months: number[];
  /** The programme takes registrations during (part of) the step. */
  open: boolean[];
  stipend: number[];
  travelShare: number[];
  /** Whole steps from confirmed arrival to payment. */
  delaySteps: number[];
  reliability: number[];
  /** Advertising dollars spent during the step. */
  advertising: number[];
  /** Removal capacity during the step, persons. */
  removals: number[];
}

export function resolvePolicy(s: Scenario): Policy {
  const { start, steps, stepUnit, stepLength } = s.time;
  const days = stepBoundaries(start, steps, stepUnit, stepLength);
  const p = s.programme;
  const opens = dayNumber(p.start);
  const policy: Policy = { steps, dates: [], months: [], open: [], stipend: [], travelShare: [], delaySteps: [], reliability: [], advertising: [], removals: [] };
  for (let t = 0; t < steps; t++) {
    const [a, b] = [days[t], days[t + 1]];
    const stepDays = b - a;
    const months = stepDays / DAYS_PER_MONTH;
    const on = p.enabled;
    policy.dates.push(isoDate(a));
    policy.months.push(months);
    policy.open.push(on && opens < b);
    policy.stipend.push(on ? averageOver(p.stipend, a, b) : 0);
    policy.travelShare.push(on ? averageOver(p.travelAssistance, a, b) : 0);
    policy.delaySteps.push(Math.round(averageOver(p.paymentDelayDays, a, b) / stepDays));
    policy.reliability.push(averageOver(p.paymentReliability, a, b));
    policy.advertising.push(on ? averageOver(p.advertisingPerMonth, a, b) * months : 0);
    policy.removals.push(averageOver(s.enforcement.removalsPerDay, a, b) * stepDays);
  }
  return policy;
}

/** End date (inclusive) of the horizon. */
export function horizonEnd(s: Scenario): string {
  const days = stepBoundaries(s.time.start, s.time.steps, s.time.stepUnit, s.time.stepLength);
  return isoDate(days[days.length - 1] - 1);
}
