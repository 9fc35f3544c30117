import type { Headline } from '../sim/results.js';
import type { Estimate } from '../sim/stats.js';

/** The headline figures the page shows, in order; `key` is a path into the engine's Headline. */
export const FIGURES: ReadonlyArray<{ key: string; label: string; kind: 'count' | 'money' | 'share' }> = [
  { key: 'programmeDepartures', label: 'Departures through the programme', kind: 'count' },
  { key: 'additionalDepartures', label: 'Additional departures (programme on minus off)', kind: 'count' },
  { key: 'deadweightShare', label: 'Takers who would have left anyway', kind: 'share' },
  { key: 'spend.programme', label: 'Programme spend', kind: 'money' },
  { key: 'naiveCostPerProgrammeDeparture', label: 'Spend per programme departure', kind: 'money' },
  { key: 'costPerAdditionalDeparture', label: 'Spend per additional departure', kind: 'money' },
  { key: 'netCostPerAdditionalDeparture', label: 'Net of removals saved, per additional departure', kind: 'money' },
  { key: 'removalCost', label: 'Cost of one removal', kind: 'money' },
];

export function figureValue(h: Headline, key: string): Estimate {
  const v = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], h);
  return typeof v === 'number' ? { mean: v, lo95: null, hi95: null } : (v as Estimate);
}
