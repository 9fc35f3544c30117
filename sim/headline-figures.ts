import type { Headline } from './results.js';
import type { Estimate } from './stats.js';

/**
 * The headline figures, in the order every view shows them (the CLI, the report, the classroom), with the words
 * each view uses. `key` is a path into the engine's Headline (summary.json's `headline`).
 */
export interface HeadlineFigure {
  key: string;
  label: string;
  unit: 'persons' | 'money' | 'share';
  /** What the figure is, in one sentence. */
  note: string;
  /** The figures the question is about. */
  emphasis?: boolean;
  /** Values the figure cannot lie outside: a displayed interval end beyond them is cut there. */
  lower?: number;
  upper?: number;
  /** A scenario input, the same in every run: no interval, no change. */
  input?: boolean;
}

export const HEADLINE_FIGURES: readonly HeadlineFigure[] = [
  {
    key: 'programmeDepartures', label: 'Programme departures', unit: 'persons', lower: 0,
    note: 'People who left through the programme by the end of the horizon, programme arm.',
  },
  {
    key: 'additionalDepartures', label: 'Additional departures', unit: 'persons', emphasis: true,
    note: 'Departures by any route (programme, on one\'s own, removal) with the programme, minus the same in the counterfactual twin without it: what the programme changed. Can be negative.',
  },
  {
    key: 'deadweightShare', label: 'Programme takers who left anyway in the twin', unit: 'share', lower: 0, upper: 1,
    note: 'Share of the people who left with the stipend who, in the counterfactual twin, left on their own or were removed by the end of the horizon.',
  },
  {
    key: 'spend.programme', label: 'Programme spend', unit: 'money', lower: 0,
    note: 'Stipends (including those owed after the horizon), travel, administration and advertising.',
  },
  {
    key: 'costPerAdditionalDeparture', label: 'Programme spend per additional departure', unit: 'money', emphasis: true, lower: 0,
    note: 'Programme spend divided by additional departures: what each departure the programme caused cost.',
  },
  {
    key: 'netCostPerAdditionalDeparture', label: 'Net of removal spending avoided, per additional departure', unit: 'money',
    note: 'Programme spend minus the fall in removal spending against the counterfactual, divided by additional departures. Negative if the savings exceed the spend.',
  },
  { key: 'removalCost', label: 'Cost of one removal', unit: 'money', emphasis: true, input: true, note: 'Scenario input: the cost of one removal, to set the spend per departure against.' },
  {
    key: 'naiveCostPerProgrammeDeparture', label: 'Programme spend per programme departure (simple ratio)', unit: 'money', lower: 0,
    note: 'Divides by every programme departure, including those that also happen without the programme, so it is lower than the cost per additional departure whenever some do.',
  },
];

/** A headline figure as an Estimate (a scenario input such as the removal cost has no interval). */
export function figureValue(h: Headline, key: string): Estimate {
  const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], h);
  return typeof v === 'number' ? { mean: v, lo95: null, hi95: null } : ((v as Estimate | undefined) ?? { mean: null, lo95: null, hi95: null });
}

/**
 * Every figure of summary.json's `headline` that varies from replicate to replicate (all but the removal cost, an
 * input), by its path, with its unit and meaning: the rows of headline-replicates.csv and of a comparison.
 */
export const HEADLINE_KEYS: ReadonlyArray<{ key: string; unit: HeadlineFigure['unit']; description: string }> = [
  { key: 'programmeDepartures', unit: 'persons', description: 'departures through the programme by the end of the horizon, programme arm' },
  { key: 'additionalDepartures', unit: 'persons', description: 'departures of all modes, programme arm minus the counterfactual twin, by the end of the horizon' },
  { key: 'deadweightShare', unit: 'share', description: 'share of programme departers who, in the counterfactual twin, left on their own or were removed by the end of the horizon' },
  { key: 'unassistedDepartures.programme', unit: 'persons', description: 'departures on one\'s own by the end of the horizon, programme arm' },
  { key: 'unassistedDepartures.counterfactual', unit: 'persons', description: 'departures on one\'s own by the end of the horizon, counterfactual twin' },
  { key: 'removals.programme', unit: 'persons', description: 'removals by the end of the horizon, programme arm' },
  { key: 'removals.counterfactual', unit: 'persons', description: 'removals by the end of the horizon, counterfactual twin' },
  { key: 'spend.stipends', unit: 'money', description: 'stipends paid within the horizon' },
  { key: 'spend.stipendsOwed', unit: 'money', description: 'stipends due for departures within the horizon, paid after it' },
  { key: 'spend.travel', unit: 'money', description: 'travel assistance paid' },
  { key: 'spend.admin', unit: 'money', description: 'administration of programme departures' },
  { key: 'spend.advertising', unit: 'money', description: 'advertising' },
  { key: 'spend.programme', unit: 'money', description: 'programme spend: stipends paid and owed, travel, administration and advertising' },
  { key: 'spend.removals', unit: 'money', description: 'cost of removals, programme arm' },
  { key: 'costPerAdditionalDeparture', unit: 'money', description: 'programme spend / additional departures; empty where additional departures are <= 0' },
  { key: 'netCostPerAdditionalDeparture', unit: 'money', description: '(programme spend - fall in removal spending against the twin) / additional departures; empty where additional departures are <= 0' },
  { key: 'naiveCostPerProgrammeDeparture', unit: 'money', description: 'programme spend / programme departures; empty where there are none' },
];

/** Each headline figure (HEADLINE_KEYS) per replicate, from one headline per replicate; null where undefined. */
export function figuresByReplicate(perReplicate: readonly Headline[]): Record<string, Array<number | null>> {
  return Object.fromEntries(HEADLINE_KEYS.map(({ key }) => [key, perReplicate.map((h) => figureValue(h, key).mean)]));
}
