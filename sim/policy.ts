import { DAYS_PER_MONTH, dayNumber, isoDate, stepBoundaries } from '../scenarios/calendar.js';
import { LEVER_NAMES, LEVERS, leverSchedule, type LeverName } from '../scenarios/levers.js';
import { averageOver, type Schedule } from '../scenarios/schedule.js';
import type { Scenario } from '../scenarios/schema.js';
import { AMOUNT_PARTS } from '../models/payment.js';
import { amountSchedules, knownChanges, newsEvents, resolveGroupRates, type GroupRates } from './policy-people.js';

/** The scenario's levers resolved to one value per step (schedules averaged over the step's days). */
export interface Policy {
  steps: number;
  /** First and last day of each step. */
  dates: string[];
  dateEnds: string[];
  /** Days from the horizon's start to each step's start. */
  stepDays: number[];
  /** Length of each step in days, and in months (days / 30.4375). */
  days: number[];
  months: number[];
  /** The programme takes registrations during (part of) the step. */
  open: boolean[];
  /** Each lever averaged over the step's days; a programme lever is 0 throughout when the programme is off. Typed
   * arrays, as are outreach and changeMonths: a plain array's elements kind (integers or doubles) follows its values,
   * and a sweep whose points averaged a lever to an integer at one point and a double at another made V8 throw away
   * and recompile the step's code. (The calendar's series are of one kind at every point.) */
  levers: Record<LeverName, Float64Array>;
  /** By registration step, then status: the amounts [head, other adult, child, household] (models/payment.ts). */
  amounts: Float64Array;
  /** By registration step, then status: the head amount counting an offer's days at the offer's amount. */
  offerHead: Float64Array;
  /** By registration step: the last step in which a departure still gets the offer, counting steps past the
   * horizon at the last step's length (NO_DEADLINE: any; -1: no offer). */
  offerDeadline: Int32Array;
  /** By step of departure: the shares of the amount and the days after arrival each is paid. */
  instalments: Array<Array<{ share: number; days: number }>>;
  /** Background emigration and job moves by step and group (sim/policy-people.ts). */
  groups: GroupRates;
  /** By step: the probability that an eligible person is contacted (outreach), and whether the programme is in the news. */
  outreach: Float64Array;
  news: boolean[];
  /** The next known change of the amounts: months until it by step (Infinity: none), and by step and status the
   * amounts then (sim/policy-people.ts knownChanges). */
  changeMonths: Float64Array;
  changeAmounts: Float64Array;
}

/** An offer without a departure deadline. */
export const NO_DEADLINE = 2 ** 30;

export function resolvePolicy(s: Scenario): Policy {
  const { start, steps, stepUnit, stepLength } = s.time;
  const bounds = stepBoundaries(start, steps, stepUnit, stepLength);
  const p = s.programme;
  const on = p.enabled;
  const opens = p.start === undefined ? Infinity : dayNumber(p.start);
  const closes = p.end === undefined ? Infinity : dayNumber(p.end);
  const levers = Object.fromEntries(LEVER_NAMES.map((name) => [name, new Float64Array(steps)])) as Record<LeverName, Float64Array>;
  const statuses = s.population.statuses;
  const schedules = amountSchedules(s);
  const policy: Policy = {
    steps, dates: [], dateEnds: [], stepDays: [], days: [], months: [], open: [], levers,
    amounts: new Float64Array(steps * statuses.length * AMOUNT_PARTS),
    offerHead: new Float64Array(steps * statuses.length),
    offerDeadline: new Int32Array(steps).fill(-1),
    instalments: [],
    groups: resolveGroupRates(s, bounds),
    outreach: new Float64Array(steps),
    news: newsEvents(s, bounds),
    ...(({ months, amounts }) => ({ changeMonths: months, changeAmounts: amounts }))(knownChanges(s, bounds)),
  };
  for (let t = 0; t < steps; t++) {
    const [a, b] = [bounds[t], bounds[t + 1]];
    policy.dates.push(isoDate(a));
    policy.dateEnds.push(isoDate(b - 1));
    policy.stepDays.push(a - bounds[0]);
    policy.days.push(b - a);
    policy.months.push((b - a) / DAYS_PER_MONTH);
    policy.open.push(on && opens < b && a <= closes);
    for (const name of LEVER_NAMES) {
      const off = LEVERS[name].section === 'programme' && !on;
      levers[name][t] = off ? 0 : averageOver(leverSchedule(s, name) ?? 0, a, b);
    }
    // Outreach is a share contacted per month: over a step of m months, 1 - (1 - share)^m.
    policy.outreach[t] = policy.open[t] ? 1 - (1 - averageOver(s.information.outreach, a, b)) ** policy.months[t] : 0;
    policy.instalments.push(p.instalments
      ? p.instalments.map((i) => ({ share: i.share, days: i.afterDays }))
      : [{ share: 1, days: levers.paymentDelayDays[t] }]);
    if (!on) continue;
    const offer = p.offers.find((o) => dayNumber(o.registerFrom) < b && dayNumber(o.registerBy) >= a);
    if (offer) {
      const departBy = offer.departBy === undefined ? Infinity : dayNumber(offer.departBy);
      policy.offerDeadline[t] = departBy === Infinity ? NO_DEADLINE : lastStepStartingBy(bounds, departBy);
    }
    schedules.forEach((parts, k) => {
      parts.forEach((sched, j) => { policy.amounts[(t * statuses.length + k) * AMOUNT_PARTS + j] = averageOver(sched ?? 0, a, b); });
      const head = parts[0] ?? 0;
      policy.offerHead[t * statuses.length + k] = offer ? withOffer(head, offer, a, b) : policy.amounts[(t * statuses.length + k) * AMOUNT_PARTS];
    });
  }
  return policy;
}

/** The head amount averaged over the step's days, those inside the offer's registration window at its amount. */
function withOffer(head: Schedule, offer: { registerFrom: string; registerBy: string; stipend: number }, a: number, b: number): number {
  const lo = Math.max(a, dayNumber(offer.registerFrom));
  const hi = Math.min(b, dayNumber(offer.registerBy) + 1);
  const inside = hi - lo;
  return (averageOver(head, a, b) * (b - a) - averageOver(head, lo, hi) * inside + offer.stipend * inside) / (b - a);
}

/** The last step that starts on or before `day`, steps past the horizon continuing at the last step's length. */
function lastStepStartingBy(bounds: number[], day: number): number {
  const end = bounds[bounds.length - 1];
  if (day < end) return bounds.findLastIndex((d) => d <= day);
  const length = end - bounds[bounds.length - 2];
  return bounds.length - 1 + Math.floor((day - end) / length);
}

/** End date (inclusive) of the horizon. */
export function horizonEnd(s: Scenario): string {
  const days = stepBoundaries(s.time.start, s.time.steps, s.time.stepUnit, s.time.stepLength);
  return isoDate(days[days.length - 1] - 1);
}
