import { withThousands } from './thousands.js';
import type { Schedule } from './schedule.js';

/**
 * The levers a scenario may schedule (a number, or a list of {from, value}), in one place: the schema checks their
 * first dates, the policy resolves each to one value per step, and reports label their changes, all from this
 * list. Adding a scheduled lever is one entry here, its field in scenarios/schema.ts, and the rule that reads it.
 */
export const LEVERS = {
  stipend: { section: 'programme', label: (v: number) => `stipend ${money(v)}` },
  travelAssistance: { section: 'programme', label: (v: number) => `travel help ${percent(v)}` },
  paymentDelayDays: { section: 'programme', label: (v: number) => `payment delay ${v} days` },
  paymentReliability: { section: 'programme', label: (v: number) => `payment reliability ${percent(v)}` },
  advertisingPerMonth: { section: 'programme', label: (v: number) => `advertising ${money(v / 1e6, 1)}M/month` },
  removalsPerDay: { section: 'enforcement', label: (v: number) => `removal capacity ${v}/day` },
} as const;

export type LeverName = keyof typeof LEVERS;
export const LEVER_NAMES = Object.keys(LEVERS) as LeverName[];

function money(v: number, digits?: number): string {
  return `$${digits === undefined ? withThousands(v) : v.toFixed(digits)}`;
}

function percent(v: number): string {
  return `${Math.round(v * 100)}%`;
}

/** A scenario's schedule of one lever, if it has one (structural, so that this list needs nothing from the schema). */
export function leverSchedule(s: { programme: object; enforcement: object }, name: LeverName): Schedule | undefined {
  return (s[LEVERS[name].section] as Record<string, Schedule | undefined>)[name];
}
