import { backgroundLeaveProbability } from '../models/background.js';
import { AMOUNT_PARTS } from '../models/payment.js';
import { DAYS_PER_MONTH, dayNumber } from '../scenarios/calendar.js';
import { averageOver, type Schedule } from '../scenarios/schedule.js';
import type { Scenario } from '../scenarios/schema.js';


/**
 * What the scenario says about the population's circumstances, resolved per step and group: background
 * emigration, and job loss and finding (a recession is a schedule). Rates are monthly; probabilities are for the
 * step. Groups without employment stay in work: no job loss, no finding.
 */
export interface GroupRates {
  /** By step, then group. */
  background: Float64Array;
  jobLossRate: Float64Array;
  jobFindRate: Float64Array;
  jobLoss: Float64Array;
  jobFind: Float64Array;
}

export function resolveGroupRates(s: Scenario, bounds: number[]): GroupRates {
  const steps = s.time.steps;
  const groups = s.population.groups;
  const size = steps * groups.length;
  const r: GroupRates = {
    background: new Float64Array(size), jobLossRate: new Float64Array(size), jobFindRate: new Float64Array(size),
    jobLoss: new Float64Array(size), jobFind: new Float64Array(size),
  };
  for (let t = 0; t < steps; t++) {
    const [a, b] = [bounds[t], bounds[t + 1]];
    const months = (b - a) / DAYS_PER_MONTH;
    groups.forEach((g, k) => {
      const at = t * groups.length + k;
      r.background[at] = backgroundLeaveProbability(averageOver(g.baselineAnnualRate ?? s.emigration.baselineAnnualRate, a, b), months);
      const e = g.employment;
      if (!e) return;
      r.jobLossRate[at] = averageOver(e.jobLossRate, a, b);
      r.jobFindRate[at] = averageOver(e.jobFindRate, a, b);
      r.jobLoss[at] = 1 - Math.exp(-r.jobLossRate[at] * months);
      r.jobFind[at] = 1 - Math.exp(-r.jobFindRate[at] * months);
    });
  }
  return r;
}

/** Whether any group's people can lose or find a job: without, the employment pass is skipped altogether. */
export function employmentModelled(s: Scenario): boolean {
  return s.population.groups.some((g) => g.employment !== undefined);
}

/**
 * Steps in which the programme is in the news: one of its levers changes, an offer starts, or a change is announced
 * (models/information.ts adds `newsShock` to awareness then).
 */
export function newsEvents(s: Scenario, bounds: number[]): boolean[] {
  const p = s.programme;
  const days: number[] = [];
  const add = (d: string | undefined) => d !== undefined && days.push(dayNumber(d));
  const schedules: Array<Schedule | undefined> = [p.stipend, p.travelAssistance, p.paymentReliability, p.advertisingPerMonth, p.amounts.otherAdult,
    p.amounts.child, p.amounts.household, ...Object.values(p.amounts.byStatus).flatMap((x) => Object.values(x))];
  for (const sched of schedules) {
    if (Array.isArray(sched)) sched.slice(1).forEach((e) => { add(e.from); add(e.announced); });
  }
  p.offers.forEach((o) => add(o.registerFrom));
  add(p.end);
  return Array.from({ length: s.time.steps }, (_, t) => p.enabled && days.some((d) => d >= bounds[t] && d < bounds[t + 1]));
}

/**
 * What people know at a step's start of the next change of the amounts (models/anticipation.ts): a scheduled
 * change once announced, the end of an offer they could register for, or the programme's end; within
 * `valuation.anticipationMonths`. By step: the months until it (Infinity: none), and by step and status the
 * amounts [head, other adult, child, household] from then (all 0 once registration has closed).
 */
export function knownChanges(s: Scenario, bounds: number[]): { months: Float64Array; amounts: Float64Array } {
  const p = s.programme;
  const statuses = s.population.statuses;
  const horizon = s.valuation.anticipationMonths * DAYS_PER_MONTH;
  const steps = s.time.steps;
  const amounts = new Float64Array(steps * statuses.length * AMOUNT_PARTS);
  const months = new Float64Array(steps).fill(Infinity);
  if (!p.enabled) return { months, amounts };
  const closes = p.end === undefined ? Infinity : dayNumber(p.end) + 1;
  const partsOf = amountSchedules(s);
  const offerOn = (d: number) => p.offers.find((o) => d >= dayNumber(o.registerFrom) && d <= dayNumber(o.registerBy));
  for (let t = 0; t < steps; t++) {
    const a = bounds[t];
    const candidates: number[] = [];
    for (const parts of partsOf) {
      for (const sched of parts) {
        if (!Array.isArray(sched)) continue;
        for (const e of sched) if (dayNumber(e.from) > a && e.announced !== undefined && dayNumber(e.announced) <= a) candidates.push(dayNumber(e.from));
      }
    }
    const offer = offerOn(a);
    if (offer) candidates.push(dayNumber(offer.registerBy) + 1);
    if (closes > a) candidates.push(closes);
    const next = Math.min(...candidates.filter((d) => d - a <= horizon));
    if (!Number.isFinite(next)) continue;
    months[t] = (next - a) / DAYS_PER_MONTH;
    if (next >= closes) continue;
    partsOf.forEach((parts, k) => parts.forEach((sched, j) => {
      const at = (t * statuses.length + k) * AMOUNT_PARTS + j;
      amounts[at] = averageOver(sched ?? 0, next, next + 1);
      if (j === 0 && offerOn(next)) amounts[at] = offerOn(next)!.stipend;
    }));
  }
  return { months, amounts };
}

/** By status, the schedules of the amounts [head, other adult, child, household]: the status's own, else the programme's. */
export function amountSchedules(s: Scenario): Array<Array<Schedule | undefined>> {
  const p = s.programme;
  return s.population.statuses.map((st) => {
    const own = p.amounts.byStatus[st.name] ?? {};
    return [own.stipend ?? p.stipend, own.otherAdult ?? p.amounts.otherAdult, own.child ?? p.amounts.child, own.household ?? p.amounts.household];
  });
}
