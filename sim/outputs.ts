import { createHash } from 'node:crypto';
import type { Scenario } from '../scenarios/schema.js';
import { PACKAGE } from '../scenarios/package-info.js';
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
    byGroup: out.byGroup,
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
