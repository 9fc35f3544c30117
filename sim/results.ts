import type { Scenario } from '../scenarios/schema.js';
import type { Policy } from './policy.js';
import type { ReplicateResult } from './replicate.js';
import { estimate, type Estimate } from './stats.js';

export const RESULT_ARMS = ['programme', 'counterfactual', 'difference'] as const;
export type ResultArm = (typeof RESULT_ARMS)[number];

/** One row of results.csv. */
export interface ResultRow {
  date: string;
  step: number;
  arm: ResultArm;
  series: string;
  value: Estimate;
}

const last = (a: Float64Array) => a[a.length - 1];

/** Programme spend committed by step t: paid so far plus stipends owed for departures already made. */
function committedSpend(r: ReplicateResult): Float64Array {
  const owed = r.series.stipends_owed[0];
  return r.series.cum_spend_programme[0].map((x, t) => x + owed[t]);
}

/** Per replicate and step, the programme's committed spend over its additional departures; NaN while none. */
function costPerAdditional(r: ReplicateResult): Float64Array {
  const [p, c] = r.series.cum_departures_total;
  return committedSpend(r).map((x, t) => (p[t] - c[t] > 0 ? x / (p[t] - c[t]) : NaN));
}

/** The one series results.csv has in the `difference` arm only, derived per replicate from the others. */
export const COST_SERIES = {
  name: 'cost_per_additional_departure', unit: 'money', kind: 'cumulative',
  description: 'arm `difference` only: (cum_spend_programme + stipends_owed) / (difference of cum_departures_total), per replicate; empty while additional departures are <= 0. Its last value is the headline figure',
} as const;

/** Tidy rows: every series for every step and arm, summarised over replicates. */
export function resultRows(reps: ReplicateResult[], policy: Policy, twin: boolean): ResultRow[] {
  const rows: ResultRow[] = [];
  const names = Object.keys(reps[0].series);
  const costs = twin ? reps.map(costPerAdditional) : [];
  for (let t = 0; t < policy.steps; t++) {
    const date = policy.dates[t];
    for (const name of names) {
      const values = (arm: 0 | 1) => reps.map((r) => r.series[name][arm][t]);
      rows.push({ date, step: t, arm: 'programme', series: name, value: estimate(values(0)) });
      if (!twin) continue;
      rows.push({ date, step: t, arm: 'counterfactual', series: name, value: estimate(values(1)) });
      rows.push({ date, step: t, arm: 'difference', series: name, value: estimate(reps.map((r) => r.series[name][0][t] - r.series[name][1][t])) });
    }
    if (twin) rows.push({ date, step: t, arm: 'difference', series: COST_SERIES.name, value: estimate(costs.map((c) => c[t])) });
  }
  return rows;
}

export interface Headline {
  programmeDepartures: Estimate;
  additionalDepartures: Estimate;
  deadweightShare: Estimate;
  unassistedDepartures: { programme: Estimate; counterfactual: Estimate };
  removals: { programme: Estimate; counterfactual: Estimate };
  spend: { stipends: Estimate; stipendsOwed: Estimate; travel: Estimate; admin: Estimate; advertising: Estimate; programme: Estimate; removals: Estimate };
  costPerAdditionalDeparture: Estimate;
  netCostPerAdditionalDeparture: Estimate;
  naiveCostPerProgrammeDeparture: Estimate;
  removalCost: number;
}

export interface GroupRow {
  group: string;
  persons: number;
  programmeDepartures: Estimate;
  additionalDepartures: Estimate;
  /** Programme departures over the group's persons at the start. */
  uptakeRate: Estimate;
  /** The group's programme departers who left anyway in the twin, over its programme departures. */
  deadweightShare: Estimate;
}

const NONE: Estimate = { mean: null, lo95: null, hi95: null };

/**
 * Headline figures at the end of the horizon. Programme spend counts stipends owed after the horizon too:
 * they are committed by departures that already happened.
 */
export function headline(reps: ReplicateResult[], s: Scenario, twin: boolean): Headline {
  const end = (name: string, arm: 0 | 1) => reps.map((r) => last(r.series[name][arm]));
  const sum = (name: string, arm: 0 | 1) => reps.map((r) => r.series[name][arm].reduce((a, b) => a + b, 0));
  const twinOnly = (f: () => Estimate) => (twin ? f() : NONE);
  const assisted = end('cum_departures_assisted', 0);
  const owed = end('stipends_owed', 0);
  const programmeSpend = reps.map((r) => last(committedSpend(r)));
  const additional = reps.map((r) => last(r.series.cum_departures_total[0]) - last(r.series.cum_departures_total[1]));
  const removalSaving = reps.map((r) => last(r.series.cum_spend_removals[1]) - last(r.series.cum_spend_removals[0]));
  const ratio = (num: number[], den: number[]) => num.map((x, i) => (den[i] > 0 ? x / den[i] : NaN));
  return {
    programmeDepartures: estimate(assisted),
    additionalDepartures: twinOnly(() => estimate(additional)),
    deadweightShare: twinOnly(() => estimate(ratio(reps.map((r) => r.deadweight), assisted))),
    unassistedDepartures: {
      programme: estimate(end('cum_departures_unassisted', 0)),
      counterfactual: twinOnly(() => estimate(end('cum_departures_unassisted', 1))),
    },
    removals: { programme: estimate(end('cum_removals', 0)), counterfactual: twinOnly(() => estimate(end('cum_removals', 1))) },
    spend: {
      stipends: estimate(sum('spend_stipends', 0)),
      stipendsOwed: estimate(owed),
      travel: estimate(sum('spend_travel', 0)),
      admin: estimate(sum('spend_admin', 0)),
      advertising: estimate(sum('spend_advertising', 0)),
      programme: estimate(programmeSpend),
      removals: estimate(end('cum_spend_removals', 0)),
    },
    costPerAdditionalDeparture: twinOnly(() => estimate(ratio(programmeSpend, additional))),
    netCostPerAdditionalDeparture: twinOnly(() => estimate(ratio(programmeSpend.map((x, i) => x - removalSaving[i]), additional))),
    naiveCostPerProgrammeDeparture: estimate(ratio(programmeSpend, assisted)),
    removalCost: s.enforcement.removalCost,
  };
}

export function byGroup(reps: ReplicateResult[], groups: readonly string[], twin: boolean): GroupRow[] {
  return groups.map((group, g) => {
    const persons = reps[0].groupPersons[g];
    const assisted = reps.map((r) => last(r.series[`cum_departures_assisted.${group}`][0]));
    const total = (arm: 0 | 1) => reps.map((r) => last(r.series[`cum_departures_total.${group}`][arm]));
    const twinTotals = twin ? total(1) : [];
    return {
      group,
      persons,
      programmeDepartures: estimate(assisted),
      additionalDepartures: twin ? estimate(total(0).map((x, i) => x - twinTotals[i])) : NONE,
      uptakeRate: estimate(assisted.map((x) => (persons > 0 ? x / persons : NaN))),
      deadweightShare: twin ? estimate(reps.map((r, i) => (assisted[i] > 0 ? r.groupDeadweight[g] / assisted[i] : NaN))) : NONE,
    };
  });
}
