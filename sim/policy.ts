import { DAYS_PER_MONTH, dayNumber, isoDate, stepBoundaries } from '../scenarios/calendar.js';
import { LEVER_NAMES, LEVERS, leverSchedule, type LeverName } from '../scenarios/levers.js';
import { averageOver } from '../scenarios/schedule.js';
import type { Scenario } from '../scenarios/schema.js';

/** The scenario's levers resolved to one value per step (schedules averaged over the step's days). */
export interface Policy {
  steps: number;
  /** First day of each step. */
  dates: string[];
  /** Length of each step in days, and in months (days / 30.4375). */
  days: number[];
  months: number[];
  /** The programme takes registrations during (part of) the step. */
  open: boolean[];
  /** Each lever averaged over the step's days; a programme lever is 0 throughout when the programme is off. */
  levers: Record<LeverName, number[]>;
}

export function resolvePolicy(s: Scenario): Policy {
  const { start, steps, stepUnit, stepLength } = s.time;
  const bounds = stepBoundaries(start, steps, stepUnit, stepLength);
  const on = s.programme.enabled;
  const opens = dayNumber(s.programme.start);
  const levers = Object.fromEntries(LEVER_NAMES.map((name) => [name, [] as number[]])) as Record<LeverName, number[]>;
  const policy: Policy = { steps, dates: [], days: [], months: [], open: [], levers };
  for (let t = 0; t < steps; t++) {
    const [a, b] = [bounds[t], bounds[t + 1]];
    policy.dates.push(isoDate(a));
    policy.days.push(b - a);
    policy.months.push((b - a) / DAYS_PER_MONTH);
    policy.open.push(on && opens < b);
    for (const name of LEVER_NAMES) {
      const off = LEVERS[name].section === 'programme' && !on;
      levers[name].push(off ? 0 : averageOver(leverSchedule(s, name), a, b));
    }
  }
  return policy;
}

/** End date (inclusive) of the horizon. */
export function horizonEnd(s: Scenario): string {
  const days = stepBoundaries(s.time.start, s.time.steps, s.time.stepUnit, s.time.stepLength);
  return isoDate(days[days.length - 1] - 1);
}
