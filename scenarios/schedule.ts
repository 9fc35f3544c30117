import * as z from 'zod';
import { dayNumber } from './calendar.js';

/** One change of a lever: the value applies from `from` until the next entry; known from `announced`. */
export interface ScheduleEntry {
  from: string;
  value: number;
  announced?: string;
}

/** Dates the model can represent and print as YYYY-MM-DD, with room for a horizon of decades after them. */
export const FIRST_DATE = '1900-01-01';
export const LAST_DATE = '2199-12-31';

export const isoDateSchema = z
  .string()
  .refine((s) => !Number.isNaN(dayNumber(s)), { message: 'expected a calendar date written YYYY-MM-DD' })
  .refine((s) => Number.isNaN(dayNumber(s)) || (s >= FIRST_DATE && s <= LAST_DATE), {
    message: `expected a date from ${FIRST_DATE} to ${LAST_DATE} (the range the model's calendar represents)`,
  });

/**
 * A lever that may change over time: a plain number (constant), or a list of {from, value} whose dates
 * strictly increase. The first date must not be later than the scenario's start (checked by the scenario).
 */
export function scheduleOf(value: z.ZodNumber) {
  const entries = z
    .array(z.strictObject({
      from: isoDateSchema,
      value,
      announced: isoDateSchema.optional().describe('When the change became known, if before it takes effect (default: when it takes effect)'),
    }))
    .min(1, { message: 'expected at least one {from, value} entry' })
    .superRefine((list, ctx) => {
      list.forEach((e, i) => {
        if (e.announced !== undefined && dayNumber(e.announced) > dayNumber(e.from)) {
          ctx.addIssue({ code: 'custom', path: [i, 'announced'], input: e.announced, message: `expected a date on or before from (${e.from}): a change is known once it takes effect` });
        }
      });
      for (let i = 1; i < list.length; i++) {
        if (dayNumber(list[i].from) <= dayNumber(list[i - 1].from)) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'from'],
            input: list[i].from,
            message: `expected a date after ${list[i - 1].from} (entries must be in increasing date order)`,
          });
        }
      }
    });
  return z.union([value, entries]);
}

export type Schedule = number | ScheduleEntry[];

/**
 * The value of a schedule averaged over the days [startDay, endDay): a lever changed mid-step counts in
 * proportion to the days it was in force, which is the expected value for an event uniform in the step.
 */
export function averageOver(schedule: Schedule, startDay: number, endDay: number): number {
  if (typeof schedule === 'number') return schedule;
  let total = 0;
  for (let i = 0; i < schedule.length; i++) {
    const from = i === 0 ? -Infinity : dayNumber(schedule[i].from);
    const to = i + 1 < schedule.length ? dayNumber(schedule[i + 1].from) : Infinity;
    const lo = Math.max(from, startDay);
    const hi = Math.min(to, endDay);
    if (hi > lo) total += schedule[i].value * (hi - lo);
  }
  return total / (endDay - startDay);
}
