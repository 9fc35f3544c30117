import type { Scenario } from '../scenarios/schema.js';
import { headline, type Headline } from '../sim/results.js';
import type { RunOutput } from '../sim/run.js';

/**
 * The series of a sweep's results.csv: headline figures at the end of the horizon, one value per replicate
 * (the same definitions as summary.json of `departure-sim run`, computed for each replicate alone).
 */
export const SWEEP_SERIES: ReadonlyArray<[string, (h: Headline) => number | null]> = [
  ['programme_departures', (h) => h.programmeDepartures.mean],
  ['additional_departures', (h) => h.additionalDepartures.mean],
  ['deadweight_share', (h) => h.deadweightShare.mean],
  ['unassisted_departures', (h) => h.unassistedDepartures.programme.mean],
  ['removals', (h) => h.removals.programme.mean],
  ['removals_counterfactual', (h) => h.removals.counterfactual.mean],
  ['programme_spend', (h) => h.spend.programme.mean],
  ['cost_per_programme_departure', (h) => h.naiveCostPerProgrammeDeparture.mean],
  ['cost_per_additional_departure', (h) => h.costPerAdditionalDeparture.mean],
  ['net_cost_per_additional_departure', (h) => h.netCostPerAdditionalDeparture.mean],
];

/** [replicate][series] values; null where a figure is undefined (no additional departures). */
export function replicateFigures(out: RunOutput, s: Scenario): Array<Array<number | null>> {
  return out.replicates.map((r) => {
    const h = headline([r], s, out.twin);
    return SWEEP_SERIES.map(([, get]) => get(h));
  });
}
