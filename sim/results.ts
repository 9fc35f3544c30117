import type { Scenario } from '../scenarios/schema.js';
import type { Policy } from './policy.js';
import { seriesColumns, type Kind, type Unit } from './series.js';
import type { ReplicateResult } from './replicate.js';
import { summarise, summariseRatio, type Estimate, type IntervalKind } from './stats.js';

export const RESULT_ARMS = ['programme', 'counterfactual', 'difference'] as const;
export type ResultArm = (typeof RESULT_ARMS)[number];

/** Where a row of results.csv is: a series of one arm and group (`all`: the whole population) in one step. */
export interface RowKey {
  /** First and last day of the step. */
  date: string;
  dateEnd: string;
  step: number;
  arm: ResultArm;
  group: string;
  series: string;
  kind: Kind;
  /** persons, share, or the scenario's currency code. */
  unit: string;
}

/** One row of results.csv: the mean over replicates and its interval. */
export type ResultRow = RowKey & { value: Estimate };

/** The group column of a series of the whole population. */
export const ALL = 'all';

const last = (a: Float64Array) => a[a.length - 1];

/** Programme spend committed by step t: paid so far plus stipends owed for departures already made. */
function committedSpend(r: ReplicateResult): Float64Array {
  const owed = r.series.stipends_owed[0];
  return r.series.cum_spend_programme[0].map((x, t) => x + owed[t]);
}

/** Per replicate and step, the programme's additional departures so far. */
function additionalSoFar(r: ReplicateResult): Float64Array {
  const [p, c] = r.series.cum_departures_total;
  return p.map((x, t) => x - c[t]);
}

/** The one series results.csv has in the `difference` arm only, derived per replicate from the others. */
export const COST_SERIES = {
  name: 'cost_per_additional_departure', unit: 'money' as Unit, kind: 'cumulative' as Kind,
  description: 'arm `difference` only: (cum_spend_programme + stipends_owed) / (difference of cum_departures_total); in results.csv the ratio of the means over replicates with a percentile-bootstrap interval (with --posterior, the spread of the replicates\' ratios), in replicates.csv each replicate\'s ratio; empty while additional departures are <= 0 in some replicate. Its last value is the headline figure',
};

/** A row's values, one per replicate; a ratio's row also carries its numerator and denominator per replicate. */
export type ReplicateValues = RowKey & { values: number[]; ratio?: { num: number[]; den: number[] } };

/**
 * Every series at every step and arm, with its values per replicate (replicates.csv), in the order of results.csv:
 * by step, then series (the population's, then each group's), then arm. Rows are built whole, in one shape, and the
 * columns once: a run writes every row twice (results.csv, replicates.csv), and building rows by spreading objects
 * cost a 10,000-agent run a tenth of a second of cold code.
 */
export function* replicateValues(reps: ReplicateResult[], policy: Policy, groups: readonly string[], twin: boolean,
  currency: string): Generator<ReplicateValues> {
  const unitOf = (u: Unit) => (u === 'money' ? currency : u);
  const columns = seriesColumns(groups).map(({ key, def, group }) => ({
    arms: reps.map((r) => r.series[key]), group: group ?? ALL, series: def.name, kind: def.kind, unit: unitOf(def.unit),
  }));
  const spend = twin ? reps.map(committedSpend) : [];
  const additional = twin ? reps.map(additionalSoFar) : [];
  const costUnit = unitOf(COST_SERIES.unit);
  for (let t = 0; t < policy.steps; t++) {
    const row = (arm: ResultArm, group: string, series: string, kind: Kind, unit: string, values: number[]): ReplicateValues =>
      ({ date: policy.dates[t], dateEnd: policy.dateEnds[t], step: t, arm, group, series, kind, unit, values });
    for (const c of columns) {
      yield row('programme', c.group, c.series, c.kind, c.unit, c.arms.map((a) => a[0][t]));
      if (!twin) continue;
      yield row('counterfactual', c.group, c.series, c.kind, c.unit, c.arms.map((a) => a[1][t]));
      yield row('difference', c.group, c.series, c.kind, c.unit, c.arms.map((a) => a[0][t] - a[1][t]));
    }
    if (twin) {
      const num = spend.map((x) => x[t]);
      const den = additional.map((x) => x[t]);
      const cost = row('difference', ALL, COST_SERIES.name, COST_SERIES.kind, costUnit, num.map((x, i) => (den[i] > 0 ? x / den[i] : NaN)));
      cost.ratio = { num, den };
      yield cost;
    }
  }
}

/** Tidy rows: every series for every step and arm, summarised over replicates with the interval of `interval`. */
export function resultRows(reps: ReplicateResult[], policy: Policy, groups: readonly string[], twin: boolean, currency: string,
  interval: IntervalKind = 'simulation-noise'): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const r of replicateValues(reps, policy, groups, twin, currency)) {
    const value = r.ratio ? summariseRatio(r.ratio.num, r.ratio.den, interval) : summarise(r.values, interval);
    rows.push({ date: r.date, dateEnd: r.dateEnd, step: r.step, arm: r.arm, group: r.group, series: r.series, kind: r.kind, unit: r.unit, value });
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
export function headline(reps: ReplicateResult[], s: Scenario, twin: boolean, interval: IntervalKind = 'simulation-noise'): Headline {
  const estimate = (values: number[]) => summarise(values, interval);
  const end = (name: string, arm: 0 | 1) => reps.map((r) => last(r.series[name][arm]));
  const sum = (name: string, arm: 0 | 1) => reps.map((r) => r.series[name][arm].reduce((a, b) => a + b, 0));
  const twinOnly = (f: () => Estimate) => (twin ? f() : NONE);
  const assisted = end('cum_departures_assisted', 0);
  const owed = end('stipends_owed', 0);
  const programmeSpend = reps.map((r) => last(committedSpend(r)));
  const additional = reps.map((r) => last(r.series.cum_departures_total[0]) - last(r.series.cum_departures_total[1]));
  const removalSaving = reps.map((r) => last(r.series.cum_spend_removals[1]) - last(r.series.cum_spend_removals[0]));
  const ratio = (num: number[], den: number[]) => summariseRatio(num, den, interval);
  return {
    programmeDepartures: estimate(assisted),
    additionalDepartures: twinOnly(() => estimate(additional)),
    deadweightShare: twinOnly(() => ratio(reps.map((r) => r.deadweight), assisted)),
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
    costPerAdditionalDeparture: twinOnly(() => ratio(programmeSpend, additional)),
    netCostPerAdditionalDeparture: twinOnly(() => ratio(programmeSpend.map((x, i) => x - removalSaving[i]), additional)),
    naiveCostPerProgrammeDeparture: ratio(programmeSpend, assisted),
    removalCost: s.enforcement.removalCost,
  };
}

export function byGroup(reps: ReplicateResult[], groups: readonly string[], twin: boolean, interval: IntervalKind = 'simulation-noise'): GroupRow[] {
  const estimate = (values: number[]) => summarise(values, interval);
  return groups.map((group, g) => {
    // Households make a group's persons differ a little from replicate to replicate: each has its own.
    const personsByReplicate = reps.map((r) => r.groupPersons[g]);
    const persons = personsByReplicate.reduce((a, b) => a + b, 0) / reps.length;
    const assisted = reps.map((r) => last(r.series[`cum_departures_assisted.${group}`][0]));
    const total = (arm: 0 | 1) => reps.map((r) => last(r.series[`cum_departures_total.${group}`][arm]));
    const twinTotals = twin ? total(1) : [];
    return {
      group,
      persons,
      programmeDepartures: estimate(assisted),
      additionalDepartures: twin ? estimate(total(0).map((x, i) => x - twinTotals[i])) : NONE,
      uptakeRate: estimate(assisted.map((x, i) => (personsByReplicate[i] > 0 ? x / personsByReplicate[i] : NaN))),
      deadweightShare: twin ? estimate(reps.map((r, i) => (assisted[i] > 0 ? r.groupDeadweight[g] / assisted[i] : NaN))) : NONE,
    };
  });
}
