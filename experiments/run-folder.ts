import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { parseSummary, type Summary } from '../reports/summary.js';
import { InputError } from '../scenarios/errors.js';
import type { PairedRun, RunIdentity } from '../sim/comparison.js';
import { HEADLINE_KEYS } from '../sim/headline-figures.js';
import { contentHash } from '../sim/outputs.js';
import { outputKind } from '../sim/output-folder.js';
import type { ReplicateValues } from '../sim/results.js';
import type { Kind } from '../sim/series.js';

/**
 * A finished run folder read for `departure-sim compare`: its summary for what pairing checks, and its values per
 * replicate (replicates.csv and headline-replicates.csv) for the paired differences. Every problem is an
 * InputError naming the folder, the file and what is expected.
 */

const WHY = 'the paired interval of B - A is taken over the differences of matching replicates, so it needs each replicate\'s values';

function refuse(dir: string, path: string, value: unknown, expected: string): never {
  throw new InputError(dir, [{ path, value, expected }]);
}

function readText(dir: string, file: string, rerun: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) refuse(dir, file, 'missing', `expected ${file} in the run folder: ${WHY}. Runs of this version write it; re-run with ${rerun}`);
  return readFileSync(path, 'utf8');
}

/** Parse a CSV file, checking its header; d3-dsv reads quoted fields (group names with commas) as R and pandas do. */
function records(text: string, dir: string, file: string, columns: readonly string[]) {
  const rows = csvParse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const missing = columns.filter((c) => !rows.columns.includes(c));
  if (missing.length > 0) refuse(dir, file, rows.columns.join(','), `expected the columns ${columns.join(', ')} (missing ${missing.join(', ')})`);
  return rows;
}

function cellNumber(cell: string | undefined): number {
  return cell === undefined || cell.trim() === '' ? NaN : Number(cell);
}

/** Check a replicate index against the run's count, so that every replicate is present exactly where it should be. */
function replicateIndex(cell: string | undefined, replicates: number, dir: string, file: string, line: number): number {
  const k = Number(cell);
  if (!Number.isInteger(k) || k < 0 || k >= replicates) refuse(dir, `${file} line ${line}`, cell, `expected a replicate from 0 to ${replicates - 1} (summary.json says ${replicates})`);
  return k;
}

function identity(s: Summary, dir: string, rerun: string): RunIdentity {
  const currency = s.currency ?? refuse(dir, 'summary.json currency', undefined, `expected the currency of a run of scenario format 2; re-run with ${rerun}`);
  const resolved = s.resolvedScenario as { population?: unknown } | undefined;
  if (!resolved?.population) refuse(dir, 'summary.json resolvedScenario.population', undefined, `expected the resolved scenario with its population; re-run with ${rerun}`);
  return {
    name: s.scenario.name, title: s.scenario.title ?? s.scenario.name, model: s.scenario.model ?? '', hash: s.scenario.hash, population: contentHash(resolved.population),
    seed: Number(s.seed), replicates: s.replicates, agents: s.agents, persons: s.persons, weight: s.weight,
    currency: { code: currency.code, year: currency.year, perUSD2025: currency.perUSD2025 },
    horizon: { start: s.horizon.start, end: s.horizon.end, steps: s.horizon.steps, stepUnit: s.horizon.stepUnit, stepLength: s.horizon.stepLength },
    removalCost: s.headline.removalCost,
  };
}

export function readRunFolder(dir: string): PairedRun {
  if (outputKind(dir) !== 'run') {
    refuse(dir, 'run folder', dir, 'expected the output folder of `departure-sim run` (it holds summary.json, replicates.csv and the marker .departure-sim.json)');
  }
  const rerun = `departure-sim run ${join(dir, 'scenario.json')} --out ${dir}`;
  let summary: Summary;
  try {
    summary = parseSummary(JSON.parse(readText(dir, 'summary.json', rerun)));
  } catch (e) {
    if (e instanceof InputError) throw e;
    refuse(dir, 'summary.json', 'unreadable', `expected the summary.json of a run: ${(e as Error).message}`);
  }
  if (!summary.counterfactual) {
    refuse(dir, 'counterfactual', false, 'expected a run with its counterfactual twin (run without --no-counterfactual): additional departures, and so the incremental cost, need it');
  }
  const id = identity(summary, dir, rerun);
  const n = id.replicates;

  const figures: Record<string, Array<number | null>> = Object.fromEntries(HEADLINE_KEYS.map(({ key }) => [key, new Array<number | null>(n).fill(null)]));
  const seen = new Set<string>();
  const headlineRows = records(readText(dir, 'headline-replicates.csv', rerun), dir, 'headline-replicates.csv', ['replicate', 'figure', 'value']);
  headlineRows.forEach((r, i) => {
    const k = replicateIndex(r.replicate, n, dir, 'headline-replicates.csv', i + 2);
    if (!(r.figure! in figures)) return; // a figure of a later version: not compared
    const v = cellNumber(r.value);
    figures[r.figure!][k] = Number.isFinite(v) ? v : null;
    seen.add(`${r.figure}#${k}`);
  });
  if (seen.size !== HEADLINE_KEYS.length * n) {
    refuse(dir, 'headline-replicates.csv', `${seen.size} values`, `expected each of the ${HEADLINE_KEYS.length} headline figures for each of the ${n} replicates: ${WHY}; re-run with ${rerun}`);
  }

  const byKey = new Map<string, ReplicateValues>();
  const counts = new Map<string, number>();
  const replicateRows = records(readText(dir, 'replicates.csv', rerun), dir, 'replicates.csv', ['replicate', 'period_start', 'period_end', 'step', 'arm', 'group', 'series', 'kind', 'unit', 'value']);
  replicateRows.forEach((r, i) => {
    const k = replicateIndex(r.replicate, n, dir, 'replicates.csv', i + 2);
    const key = `${r.step}\u0000${r.arm}\u0000${r.group}\u0000${r.series}`;
    let row = byKey.get(key);
    if (!row) {
      row = {
        date: r.period_start!, dateEnd: r.period_end!, step: Number(r.step), arm: r.arm as ReplicateValues['arm'], group: r.group!,
        series: r.series!, kind: r.kind as Kind, unit: r.unit!, values: new Array<number>(n).fill(NaN),
      };
      byKey.set(key, row);
    }
    row.values[k] = cellNumber(r.value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  });
  const short = [...counts.values()].filter((c) => c !== n).length;
  if (byKey.size === 0 || short > 0) {
    refuse(dir, 'replicates.csv', `${short} incomplete rows`, `expected every row once for each of the ${n} replicates: ${WHY}; re-run with ${rerun}`);
  }
  return { source: dir, from: 'run folder', identity: id, figures, rows: [...byKey.values()] };
}
