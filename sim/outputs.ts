import { createHash } from 'node:crypto';
import type { Scenario } from '../scenarios/schema.js';
import { csvFormatRow, csvFormatRows } from 'd3-dsv';
import { PACKAGE, packageCommit } from '../scenarios/package-info.js';
import { figuresByReplicate, HEADLINE_KEYS } from './headline-figures.js';
import { horizonEnd } from './policy.js';
import { populationPlan } from './replicate.js';
import { headline, replicateValues, type RowKey } from './results.js';
import type { RunOutput } from './run.js';
import { intervalWords } from './stats.js';
import { observationFits } from './windows.js';

/** JSON with object keys sorted at every level: the same data always gives the same bytes. */
export function canonicalJson(value: unknown, indent = 0): string {
  return JSON.stringify(sortKeys(value), null, indent);
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/** SHA-256 of canonical JSON: the same data always gives the same hash. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

export function scenarioHash(s: Scenario): string {
  return contentHash(s);
}

/**
 * A CSV cell: empty for a missing (null) or undefined figure (R, Stata and pandas read it as NA). A number's text has
 * nothing to quote, so it joins a row as it is, after the row's text cells have gone through d3-dsv.
 */
export const csvCell = (x: number | null) => (x === null || !Number.isFinite(x) ? '' : String(x));

const ROW_COLUMNS = ['period_start', 'period_end', 'step', 'arm', 'group', 'series', 'kind', 'unit'];

/** A row's key cells as CSV text, through d3-dsv, which quotes a cell that needs it (group names are the user's). */
const rowKey = (r: RowKey) => csvFormatRow([r.date, r.dateEnd, String(r.step), r.arm, r.group, r.series, r.kind, r.unit]);

/** results.csv: tidy, one row per step x series x group x arm, with the mean over replicates and its interval. */
export function resultsCsv(out: RunOutput): string {
  const lines = [csvFormatRow([...ROW_COLUMNS, 'mean', 'lo95', 'hi95'])];
  for (const r of out.rows) lines.push(`${rowKey(r)},${csvCell(r.value.mean)},${csvCell(r.value.lo95)},${csvCell(r.value.hi95)}`);
  return `${lines.join('\n')}\n`;
}

/** replicates.csv: the same rows, one per replicate, with that replicate's value. */
export function replicatesCsv(out: RunOutput): string {
  const s = out.scenario;
  const lines = [csvFormatRow(['replicate', ...ROW_COLUMNS, 'value'])];
  for (const r of replicateValues(out.replicates, out.policy, s.population.groups.map((g) => g.name), out.twin, s.currency.code)) {
    const key = rowKey(r);
    r.values.forEach((v, k) => lines.push(`${k},${key},${csvCell(v)}`));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * headline-replicates.csv: every headline figure of each replicate alone (summary.json's means are their means),
 * so that another run on the same seed can be compared with this one replicate by replicate (`departure-sim compare`).
 */
export function headlineReplicatesCsv(out: RunOutput): string {
  const figures = figuresByReplicate(out.replicates.map((r) => headline([r], out.scenario, out.twin)));
  const unit = (u: string) => (u === 'money' ? out.scenario.currency.code : u);
  const rows = out.replicates.flatMap((_, k) => HEADLINE_KEYS.map(({ key, unit: u }) => [String(k), key, unit(u), csvCell(figures[key][k])]));
  return `${csvFormatRows([['replicate', 'figure', 'unit', 'value'], ...rows])}\n`;
}

/**
 * summary.json. `posterior` says which calibration's posterior the replicates drew their parameters from
 * (`run --posterior`), null when they all ran the scenario as it is.
 */
export function summaryJson(out: RunOutput, command: string, posterior: object | null = null): string {
  const s = out.scenario;
  const summary = {
    package: { ...PACKAGE, commit: packageCommit() },
    scenario: { name: s.name, title: s.title, description: s.description, model: s.model.name, hash: scenarioHash(s) },
    seed: s.seed,
    replicates: s.replicates,
    agents: s.population.agents,
    weight: populationPlan(s).weight,
    persons: s.population.persons,
    currency: s.currency,
    counterfactual: out.twin,
    horizon: { start: s.time.start, end: horizonEnd(s), steps: s.time.steps, stepUnit: s.time.stepUnit, stepLength: s.time.stepLength },
    intervalKind: out.interval,
    intervals: intervalWords(out.interval, s.replicates),
    posterior,
    headline: out.headline,
    byGroup: out.byGroup,
    observations: observationFits(s, out.replicates, out.interval),
    levers: out.levers,
    command,
    resolvedScenario: s,
  };
  return JSON.stringify(summary, null, 2) + '\n';
}

/**
 * The command that re-runs this scenario, from the output folder: scenario.json there is the resolved scenario
 * (agents, persons, seed and replicates included), so it needs no other setting and no path that could change.
 */
export function rerunCommand(twin: boolean): string {
  return `departure-sim run scenario.json${twin ? '' : ' --no-counterfactual'}`;
}
