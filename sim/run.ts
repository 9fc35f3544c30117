import type { Scenario } from '../scenarios/schema.js';
import { dayNumber } from '../scenarios/calendar.js';
import { LEVER_NAMES, LEVERS, leverSchedule } from '../scenarios/levers.js';
import { horizonEnd, resolvePolicy, type Policy } from './policy.js';
import { allocatePopulation, blockCount } from './population.js';
import { runReplicate, type ReplicateResult } from './replicate.js';
import { byGroup, headline, resultRows, type GroupRow, type Headline, type ResultRow } from './results.js';
import type { Executor } from './tasks.js';

export interface RunSettings {
  executor: Executor;
  /** Simulate the counterfactual twin (programme off, same agents and random numbers). */
  twin: boolean;
  /** Checking mode: no fast path, and every decision's bound verified (sim/step-context.ts). Same results. */
  check?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface Lever {
  date: string;
  lever: string;
  value: number;
  label: string;
}

export interface RunOutput {
  scenario: Scenario;
  policy: Policy;
  twin: boolean;
  replicates: ReplicateResult[];
  rows: ResultRow[];
  headline: Headline;
  byGroup: GroupRow[];
  levers: Lever[];
}

/** Run every replicate of a scenario (sequentially; each one uses all the executor's threads). */
export async function runScenario(s: Scenario, settings: RunSettings): Promise<RunOutput> {
  const policy = resolvePolicy(s);
  const buffers = allocatePopulation(s.population.agents);
  const total = s.replicates * policy.steps;
  let done = 0;
  const replicates: ReplicateResult[] = [];
  for (let r = 0; r < s.replicates; r++) {
    replicates.push(await runReplicate({
      scenario: s, policy, replicate: r, executor: settings.executor, twin: settings.twin, check: settings.check, buffers, signal: settings.signal,
      onStep: () => settings.onProgress?.(++done, total),
    }));
  }
  return {
    scenario: s, policy, twin: settings.twin, replicates,
    rows: resultRows(replicates, policy, s.population.groups.map((g) => g.name), settings.twin, s.currency.code),
    headline: headline(replicates, s, settings.twin),
    byGroup: byGroup(replicates, s.population.groups.map((g) => g.name), settings.twin),
    levers: leverChanges(s),
  };
}

/** The threads a run can keep busy: its blocks. A command starts no more (sim/pool.ts runs one thread's work in the caller). */
export function usefulThreads(s: Scenario, threads: number): number {
  return Math.min(threads, blockCount(s.population.agents));
}

/** Every change of a scheduled lever strictly inside the horizon, for marking charts. */
export function leverChanges(s: Scenario): Lever[] {
  const start = dayNumber(s.time.start);
  const end = dayNumber(horizonEnd(s));
  const out: Lever[] = [];
  const opens = s.programme.start;
  if (s.programme.enabled && opens !== undefined && dayNumber(opens) > start && dayNumber(opens) <= end) {
    out.push({ date: opens, lever: 'programmeStart', value: 1, label: 'programme opens' });
  }
  const closes = s.programme.end;
  if (s.programme.enabled && closes !== undefined && dayNumber(closes) >= start && dayNumber(closes) < end) {
    out.push({ date: closes, lever: 'programmeEnd', value: 1, label: 'registration closes' });
  }
  for (const lever of LEVER_NAMES) {
    if (!s.programme.enabled && LEVERS[lever].section === 'programme') continue;
    const sched = leverSchedule(s, lever);
    if (sched === undefined || typeof sched === 'number') continue;
    for (const e of sched) {
      const d = dayNumber(e.from);
      if (d > start && d <= end) out.push({ date: e.from, lever, value: e.value, label: LEVERS[lever].label(e.value) });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.lever.localeCompare(b.lever));
}
