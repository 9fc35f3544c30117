import { InputError, type InputProblem } from '../scenarios/errors.js';
import type { Scenario } from '../scenarios/schema.js';
import { figuresByReplicate, HEADLINE_KEYS, type HeadlineFigure } from './headline-figures.js';
import { pairedDifference, pairedDifferences, pairedRatio, unpairedDifference, type RatioEstimate } from './paired.js';
import { contentHash, scenarioHash } from './outputs.js';
import { horizonEnd } from './policy.js';
import { populationPlan } from './replicate.js';
import { headline, replicateValues, type ReplicateValues, type RowKey } from './results.js';
import type { RunOutput } from './run.js';
import { estimate, type Estimate } from './stats.js';

/**
 * `departure-sim compare A B`: B against A, on common random numbers. Both runs have the same seed, agents and
 * replicates, so replicate r of A and of B share their draws (and, with the same population, their people), and
 * every difference is taken replicate by replicate (sim/paired.ts). A side comes either from a scenario run here or from the folder
 * of a finished run; both give the same PairedRun, so the comparison does not depend on where the runs came from.
 */

/** What a comparison needs to know of a run besides its values: summary.json's fields of the same names. */
export interface RunIdentity {
  name: string;
  title: string;
  model: string;
  /** SHA-256 of the resolved scenario. */
  hash: string;
  /** SHA-256 of its resolved population: with the same seed and agents, the same population draws the same people. */
  population: string;
  seed: number;
  replicates: number;
  agents: number;
  persons: number;
  weight: number;
  currency: { code: string; year: number; perUSD2025: number };
  horizon: { start: string; end: string; steps: number; stepUnit: string; stepLength: number };
  removalCost: number;
}

export function identityOf(s: Scenario): RunIdentity {
  return {
    name: s.name, title: s.title, model: s.model.name, hash: scenarioHash(s), population: contentHash(s.population),
    seed: s.seed, replicates: s.replicates, agents: s.population.agents, persons: s.population.persons, weight: populationPlan(s).weight,
    currency: { code: s.currency.code, year: s.currency.year, perUSD2025: s.currency.perUSD2025 },
    horizon: { start: s.time.start, end: horizonEnd(s), steps: s.time.steps, stepUnit: s.time.stepUnit, stepLength: s.time.stepLength },
    removalCost: s.enforcement.removalCost,
  };
}

/** One side of a comparison, as the user named it. */
export interface Side {
  source: string;
  from: 'scenario file' | 'run folder';
  identity: RunIdentity;
}

/** A finished run with its counterfactual twin, reduced to what pairing uses: its values per replicate. */
export interface PairedRun extends Side {
  /** Each headline figure (HEADLINE_KEYS) per replicate, null where undefined. */
  figures: Record<string, Array<number | null>>;
  /** Every row of replicates.csv, with one value per replicate (NaN where undefined). */
  rows: ReplicateValues[];
}

export function pairedRunOf(out: RunOutput, side: Side): PairedRun {
  const s = out.scenario;
  const rows = [...replicateValues(out.replicates, out.policy, s.population.groups.map((g) => g.name), out.twin, s.currency.code)]
    // As written to replicates.csv and read back: an undefined value is NaN, however it arose.
    .map((r) => ({ ...r, values: r.values.map((v) => (Number.isFinite(v) ? v : NaN)) }));
  return { ...side, figures: figuresByReplicate(out.replicates.map((r) => headline([r], s, true))), rows };
}

const WHY = 'replicate r of A and of B are paired only when both draw the same random numbers for the same number of agents';

/** What pairing replicate r of A with replicate r of B shares, as every output of a comparison says it. */
export function pairingNote(a: RunIdentity, b: RunIdentity): string {
  return a.population === b.population
    ? 'A and B share seed, agents, replicates and population, so replicate r of each simulates the same people under the same random numbers'
    : 'A and B share seed, agents and replicates but not their population, so replicate r of each draws other people under the same random numbers: '
      + 'the paired interval still holds, but the pairing narrows it less than with one population';
}

/**
 * Refuse, before any work, two runs whose replicates cannot be paired or whose figures cannot be subtracted.
 * `remedy` says how to give a field the same value in both (an option for scenarios, a re-run for folders).
 */
export function checkPairable(a: Side, b: Side, remedy: (field: 'seed' | 'agents' | 'replicates') => string): void {
  const x = a.identity;
  const y = b.identity;
  const problems: InputProblem[] = [];
  for (const field of ['seed', 'agents', 'replicates'] as const) {
    if (x[field] !== y[field]) {
      problems.push({ path: field, value: y[field], expected: `expected ${x[field]}, as in ${a.source}: ${WHY}, which needs the same seed, agents and replicates; ${remedy(field)}` });
    }
  }
  const horizon = (h: RunIdentity['horizon']) => `${h.steps} steps of ${h.stepLength} ${h.stepUnit} from ${h.start}`;
  if (horizon(x.horizon) !== horizon(y.horizon)) {
    problems.push({ path: 'time', value: horizon(y.horizon), expected: `expected ${horizon(x.horizon)}, as in ${a.source}: the difference over time pairs step t of A with step t of B` });
  }
  const money = (c: RunIdentity['currency']) => `${c.code} of ${c.year}`;
  if (money(x.currency) !== money(y.currency)) {
    problems.push({ path: 'currency', value: money(y.currency), expected: `expected ${money(x.currency)}, as in ${a.source}: amounts in different currencies or price years cannot be subtracted` });
  }
  if (problems.length > 0) throw new InputError(b.source, problems);
}

export const INCREMENTAL_COST = 'incrementalCostPerAdditionalDeparture';

export interface FigureComparison {
  key: string;
  unit: HeadlineFigure['unit'];
  a: Estimate;
  b: Estimate;
  /** B - A with the interval of the paired differences. */
  difference: Estimate;
  /** B - A with the interval that ignores the pairing, for reference. */
  unpaired: Estimate;
}

export type RowComparison = RowKey & { a: Estimate; b: Estimate; difference: Estimate };

export interface Comparison {
  a: Side;
  b: Side;
  figures: FigureComparison[];
  /** B's extra programme spend over its extra additional departures against A. */
  incrementalCost: RatioEstimate;
  /** Every series at every step, arm and group that both runs have, in A's order (that of results.csv). */
  rows: RowComparison[];
}

const ofNullable = (values: ReadonlyArray<number | null>) => estimate(values.map((v) => v ?? NaN));
const rowKey = (r: RowKey) => `${r.step}\u0000${r.arm}\u0000${r.group}\u0000${r.series}`;

export function compareRuns(a: PairedRun, b: PairedRun): Comparison {
  const figures = HEADLINE_KEYS.map(({ key, unit }) => ({
    key, unit,
    a: ofNullable(a.figures[key]),
    b: ofNullable(b.figures[key]),
    difference: pairedDifference(a.figures[key], b.figures[key]),
    unpaired: unpairedDifference(a.figures[key], b.figures[key]),
  }));
  const incrementalCost = pairedRatio(
    pairedDifferences(a.figures['spend.programme'], b.figures['spend.programme']),
    pairedDifferences(a.figures.additionalDepartures, b.figures.additionalDepartures),
  );
  const inB = new Map(b.rows.map((r) => [rowKey(r), r]));
  const rows = a.rows.flatMap(({ values, ...key }) => {
    const other = inB.get(rowKey(key));
    return other ? [{ ...key, a: estimate(values), b: estimate(other.values), difference: estimate(pairedDifferences(values, other.values)) }] : [];
  });
  const side = ({ source, from, identity }: Side): Side => ({ source, from, identity });
  return { a: side(a), b: side(b), figures, incrementalCost, rows };
}
