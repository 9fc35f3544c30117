import { F, GROUP_FIELDS } from './aggregates.js';

/**
 * Output collection as a table: every per-step series of results.csv, with its unit, kind and meaning, and how it
 * is computed from one arm's aggregates of the step (in the spirit of Mesa's DataCollector). results.csv, the
 * report, the classroom and docs/outputs.md (a test checks it against this table) all read series through it.
 */

/** One arm's view of a step just run: the counts of its agents (unweighted) and the money of the step. */
export interface ArmStep {
  /** Persons per agent. */
  weight: number;
  /** The reduced aggregates of this arm (sim/aggregates.ts field F.x at index F.x), and where its groups' fields start. */
  totals: Float64Array;
  groupOffset: number;
  /** Amounts that fell due paid this step, summed over simulated households (money per agent, unweighted). */
  stipendsPaid: number;
  /** Amounts due for departures made so far, to be paid after this step, likewise. */
  stipendsOwed: number;
  /** Advertising dollars spent this step (programme arm; 0 in the twin). */
  advertising: number;
  adminCostPerDeparture: number;
  removalCost: number;
}

export type Unit = 'persons' | 'share' | 'money';
export type Kind = 'stock' | 'flow' | 'cumulative';

interface Common {
  name: string;
  unit: Unit;
  kind: Kind;
  /** What the series is, for docs/outputs.md and the data dictionary. */
  description: string;
  /** One series per origin group, named `<name>.<group>`. */
  byGroup?: boolean;
}

/** A stock or flow: its value at the step. */
type Direct = Common & { kind: 'stock' | 'flow'; value: (x: ArmStep, g: number) => number };
/** A cumulative series: the sum since the start of `add`, times `scale` (counts are summed as agents, then weighted). */
type Cumulative = Common & { kind: 'cumulative'; add: (x: ArmStep, g: number) => number; scale: (x: ArmStep) => number };
export type SeriesDef = Direct | Cumulative;

const n = (x: ArmStep, f: number) => x.totals[f];
const persons = (x: ArmStep, f: number) => n(x, f) * x.weight;
const alive = (x: ArmStep) => n(x, F.present) + n(x, F.registered) + n(x, F.preparing);
const spend = {
  stipends: (x: ArmStep) => x.stipendsPaid * x.weight,
  travel: (x: ArmStep) => persons(x, F.travelSpend),
  admin: (x: ArmStep) => n(x, F.departedAssisted) * x.adminCostPerDeparture * x.weight,
  advertising: (x: ArmStep) => x.advertising,
  removals: (x: ArmStep) => n(x, F.removed) * x.removalCost * x.weight,
};
const byWeight = (x: ArmStep) => x.weight;
const dollars = () => 1;
const group = (x: ArmStep, g: number, k: 0 | 1) => x.totals[x.groupOffset + GROUP_FIELDS * g + k];

export const SERIES: readonly SeriesDef[] = [
  { name: 'stipends_owed', unit: 'money', kind: 'stock', description: 'stipends due for departures made so far, to be paid after this step', value: (x) => x.stipendsOwed * x.weight },
  { name: 'present', unit: 'persons', kind: 'stock', description: 'in the country, neither registered nor preparing to leave', value: (x) => persons(x, F.present) },
  { name: 'registered', unit: 'persons', kind: 'stock', description: 'intent filed with the programme, not yet departed', value: (x) => persons(x, F.registered) },
  { name: 'preparing', unit: 'persons', kind: 'stock', description: 'decided to leave unassisted, not yet gone', value: (x) => persons(x, F.preparing) },
  { name: 'unemployed', unit: 'persons', kind: 'stock', description: 'in the country and out of work, at the step\'s start after jobs are lost and found', value: (x) => persons(x, F.unemployed) },
  { name: 'aware', unit: 'persons', kind: 'stock', description: 'in the country and aware of the programme', value: (x) => persons(x, F.aware) },
  { name: 'awareness_share', unit: 'share', kind: 'stock', description: 'aware / persons still in the country', value: (x) => (alive(x) > 0 ? n(x, F.aware) / alive(x) : 0) },
  {
    name: 'trust_payment', unit: 'share', kind: 'stock',
    description: 'mean over present persons of the perceived probability that a stipend is paid, min(1, personal trust x community factor); in the twin, min(1, personal trust)',
    value: (x) => (n(x, F.present) > 0 ? n(x, F.trustSum) / n(x, F.present) : 0),
  },
  { name: 'registrations', unit: 'persons', kind: 'flow', description: 'registrations with the programme during the step', value: (x) => persons(x, F.registrations) },
  { name: 'departures_assisted', unit: 'persons', kind: 'flow', description: 'departures through the programme (arrival confirmed)', value: (x) => persons(x, F.departedAssisted) },
  { name: 'departures_unassisted', unit: 'persons', kind: 'flow', description: 'departures on one\'s own', value: (x) => persons(x, F.departedUnassisted) },
  { name: 'removals', unit: 'persons', kind: 'flow', description: 'removals', value: (x) => persons(x, F.removed) },
  {
    name: 'departures_total', unit: 'persons', kind: 'flow', description: 'departures of all three modes during the step (in arm difference: additional departures)',
    value: (x) => persons(x, F.departedAssisted) + persons(x, F.departedUnassisted) + persons(x, F.removed),
  },
  { name: 'abandonments', unit: 'persons', kind: 'flow', description: 'registered or preparing persons who gave up and stayed', value: (x) => persons(x, F.abandoned) },
  { name: 'cum_departures_assisted', unit: 'persons', kind: 'cumulative', description: 'departures through the programme since the start', add: (x) => n(x, F.departedAssisted), scale: byWeight },
  { name: 'cum_departures_unassisted', unit: 'persons', kind: 'cumulative', description: 'unassisted departures since the start', add: (x) => n(x, F.departedUnassisted), scale: byWeight },
  { name: 'cum_removals', unit: 'persons', kind: 'cumulative', description: 'removals since the start', add: (x) => n(x, F.removed), scale: byWeight },
  {
    name: 'cum_departures_total', unit: 'persons', kind: 'cumulative', description: 'departures of all three modes since the start',
    add: (x) => n(x, F.departedAssisted) + n(x, F.departedUnassisted) + n(x, F.removed), scale: byWeight,
  },
  { name: 'spend_stipends', unit: 'money', kind: 'flow', description: 'stipends paid during the step', value: spend.stipends },
  { name: 'spend_travel', unit: 'money', kind: 'flow', description: 'travel assistance paid during the step', value: spend.travel },
  { name: 'spend_admin', unit: 'money', kind: 'flow', description: 'administration of programme departures', value: spend.admin },
  { name: 'spend_advertising', unit: 'money', kind: 'flow', description: 'advertising (programme arm only)', value: spend.advertising },
  { name: 'spend_removals', unit: 'money', kind: 'flow', description: 'cost of removals', value: spend.removals },
  {
    name: 'cum_spend_programme', unit: 'money', kind: 'cumulative', description: 'stipends + travel + administration + advertising since the start',
    add: (x) => spend.stipends(x) + spend.travel(x) + spend.admin(x) + spend.advertising(x), scale: dollars,
  },
  { name: 'cum_spend_removals', unit: 'money', kind: 'cumulative', description: 'cost of removals since the start', add: spend.removals, scale: dollars },
  { name: 'departures_assisted', byGroup: true, unit: 'persons', kind: 'flow', description: 'departures through the programme of the group', value: (x, g) => group(x, g, 0) * x.weight },
  { name: 'cum_departures_assisted', byGroup: true, unit: 'persons', kind: 'cumulative', description: 'departures through the programme of the group since the start', add: (x, g) => group(x, g, 0), scale: byWeight },
  { name: 'cum_departures_total', byGroup: true, unit: 'persons', kind: 'cumulative', description: 'departures of all modes of the group since the start', add: (x, g) => group(x, g, 1), scale: byWeight },
];

/** A series of one replicate as collected: its key in ReplicateResult.series, its definition and its group (null: all). */
export interface SeriesColumn {
  key: string;
  def: SeriesDef;
  group: string | null;
}

/** Every series of a run in the order of results.csv: the population's, then each group's. */
export function seriesColumns(groups: readonly string[]): SeriesColumn[] {
  const plain = SERIES.filter((d) => !d.byGroup).map((def) => ({ key: def.name, def, group: null }));
  const grouped = groups.flatMap((group) => SERIES.filter((d) => d.byGroup).map((def) => ({ key: `${def.name}.${group}`, def, group })));
  return [...plain, ...grouped];
}

/** Collects the series of one replicate, step by step and arm by arm, in the order of results.csv. */
export class SeriesCollector {
  /** Per-step values by series name, for each arm. */
  readonly series: Record<string, [Float64Array, Float64Array]> = {};
  private readonly sums = new Map<string, [number, number]>();
  private readonly columns: Array<SeriesColumn & { g: number }>;

  constructor(groups: readonly string[], steps: number) {
    this.columns = seriesColumns(groups).map((c) => ({ ...c, g: c.group === null ? -1 : groups.indexOf(c.group) }));
    for (const c of this.columns) this.series[c.key] = [new Float64Array(steps), new Float64Array(steps)];
  }

  record(arm: 0 | 1, t: number, x: ArmStep): void {
    for (const { key, def: d, g } of this.columns) {
      if (d.kind === 'cumulative') {
        const sums = this.sums.get(key) ?? [0, 0];
        sums[arm] += d.add(x, g);
        this.sums.set(key, sums);
        this.series[key][arm][t] = sums[arm] * d.scale(x);
      } else {
        this.series[key][arm][t] = d.value(x, g);
      }
    }
  }
}
