/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC days so that no time zone can shift a step. */

export type StepUnit = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

const dayNumbers = new Map<string, number>();

/**
 * Days since 1970-01-01 of a valid ISO date, or NaN. Remembered: resolving a run's policy asks for the dates of a
 * scenario's schedules at every step, about a millisecond a run when parsed each time, and a scenario has few dates.
 */
export function dayNumber(iso: string): number {
  let day = dayNumbers.get(iso);
  if (day === undefined) {
    day = parseDay(iso);
    // Bounded, for a long-lived process that validates text of any kind.
    if (dayNumbers.size >= 4096) dayNumbers.clear();
    dayNumbers.set(iso, day);
  }
  return day;
}

function parseDay(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return NaN;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / DAY_MS;
}

export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Day numbers of the step boundaries: element t is the first day of step t; the last is the end (exclusive).
 * Monthly steps keep the start's day of the month, or the month's last day when it has fewer days (a run from
 * 31 January steps to 28 February, 31 March, 30 April), so that no month is skipped.
 */
export function stepBoundaries(start: string, steps: number, unit: StepUnit, length: number): number[] {
  const first = dayNumber(start);
  const d = new Date(first * DAY_MS);
  const [year, month, day] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
  const out: number[] = [];
  for (let t = 0; t <= steps; t++) {
    if (unit === 'month') {
      const m = month + t * length;
      // Day 0 of the next month is the last day of this one.
      const last = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
      out.push(Date.UTC(year, m, Math.min(day, last)) / DAY_MS);
    } else {
      out.push(first + t * length * (unit === 'week' ? 7 : 1));
    }
  }
  return out;
}

/** Average length of a month in days, used to express rates per month whatever the step. */
export const DAYS_PER_MONTH = 365.25 / 12;
