import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import type { Scenario } from '../scenarios/schema.js';
import { PACKAGE } from './package-info.js';
import { horizonEnd } from './policy.js';
import type { RunOutput } from './run.js';


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

export function scenarioHash(s: Scenario): string {
  return createHash('sha256').update(canonicalJson(s)).digest('hex');
}

/** A CSV cell: empty for a missing (null) figure. */
export const csvCell = (x: number | null) => (x === null ? '' : String(x));

export function resultsCsv(out: RunOutput): string {
  const lines = ['date,step,arm,series,mean,lo95,hi95'];
  for (const r of out.rows) {
    lines.push(`${r.date},${r.step},${r.arm},${r.series},${csvCell(r.value.mean)},${csvCell(r.value.lo95)},${csvCell(r.value.hi95)}`);
  }
  return lines.join('\n') + '\n';
}

export function summaryJson(out: RunOutput, command: string): string {
  const s = out.scenario;
  const summary = {
    package: PACKAGE,
    scenario: { name: s.name, title: s.title, description: s.description, model: s.model.name, hash: scenarioHash(s) },
    seed: s.seed,
    replicates: s.replicates,
    agents: s.population.agents,
    weight: s.population.persons / s.population.agents,
    persons: s.population.persons,
    counterfactual: out.twin,
    horizon: { start: s.time.start, end: horizonEnd(s), steps: s.time.steps, stepUnit: s.time.stepUnit, stepLength: s.time.stepLength },
    headline: out.headline,
    byOrigin: out.byOrigin,
    levers: out.levers,
    command,
    resolvedScenario: s,
  };
  return JSON.stringify(summary, null, 2) + '\n';
}

/**
 * The shell command that re-runs this scenario with these settings. `--weight` carries the persons represented,
 * which `--weight` with `--agents` may have changed (agents x weight rounds back to the persons exactly).
 */
export function rerunCommand(scenarioFile: string, s: Scenario, twin: boolean): string {
  const { agents, persons } = s.population;
  const parts = ['departure-sim', 'run', scenarioFile, '--seed', String(s.seed), '--replicates', String(s.replicates), '--agents', String(agents),
    '--weight', String(persons / agents)];
  if (!twin) parts.push('--no-counterfactual');
  return parts.join(' ');
}

/**
 * Write a folder so that it appears whole or not at all: everything goes into a temporary sibling, `finish`
 * may add more (the report), and only then is it renamed over the destination.
 */
export async function writeFolderAtomically(dir: string, files: Record<string, string>,
  finish?: (tmpDir: string) => Promise<void>): Promise<void> {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  activeTemp.add(tmp);
  try {
    mkdirSync(tmp);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
    await finish?.(tmp);
    replaceFolder(tmp, dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    activeTemp.delete(tmp);
  }
}

/**
 * Rename the finished folder `built` over `target`. rename() cannot replace a non-empty folder, so the old
 * one steps aside first and comes back if the swap fails.
 */
function replaceFolder(built: string, target: string): void {
  const old = join(dirname(target), `.${basename(target)}.old-${process.pid}`);
  rmSync(old, { recursive: true, force: true });
  const moved = existsSync(target);
  if (moved) renameSync(target, old);
  try {
    renameSync(built, target);
  } catch (error) {
    if (moved) renameSync(old, target);
    throw error;
  }
  if (moved) rmSync(old, { recursive: true, force: true });
}

/** Write one file so that it appears whole or not at all (a killed process leaves at most a stray temporary). */
export function writeFileAtomically(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Temporary folders being written, removed by `removeTemporaryOutputs` when the process is interrupted. */
const activeTemp = new Set<string>();

export function removeTemporaryOutputs(): void {
  for (const tmp of activeTemp) rmSync(tmp, { recursive: true, force: true });
  activeTemp.clear();
}
