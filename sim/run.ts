import type { Scenario } from '../scenarios/schema.js';
import { dayNumber } from '../scenarios/calendar.js';
import { LEVER_NAMES, LEVERS, leverSchedule } from '../scenarios/levers.js';
import { horizonEnd, resolvePolicy, type Policy } from './policy.js';
import { allocatePopulation } from './population.js';
import { runReplicate, type ReplicateResult } from './replicate.js';
import { byGroup, headline, resultRows, type GroupRow, type Headline, type ResultRow } from './results.js';
import type { IntervalKind } from './stats.js';
import type { Executor } from './tasks.js';

export interface RunSettings {
  executor: Executor;
  /** Simulate the counterfactual twin (programme off, same agents and random numbers). */
  twin: boolean;
  /** Checking mode: no fast path, and every decision's bound verified (sim/step-context.ts). Same results. */
  check?: boolean;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * The scenario of replicate r, when replicates differ in their parameters (`run --posterior`); it must keep the
   * scenario's agents, groups and horizon. Default: the scenario itself.
   */
  replicateScenario?: (replicate: number) => Scenario;
  /** What the intervals of the outputs contain; default simulation noise only. */
  interval?: IntervalKind;
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
  interval: IntervalKind;
}

/** Run every replicate of a scenario (sequentially; each one uses all the executor's threads). */
export async function runScenario(s: Scenario, settings: RunSettings): Promise<RunOutput> {
  const policy = resolvePolicy(s);
  const buffers = allocatePopulation(s.population.agents);
  const total = s.replicates * policy.steps;
  let done = 0;
  const replicates: ReplicateResult[] = [];
  for (let r = 0; r < s.replicates; r++) {
    const own = settings.replicateScenario?.(r);
    replicates.push(await runReplicate({
      scenario: own ?? s, policy: own ? resolvePolicy(own) : policy, replicate: r, executor: settings.executor, twin: settings.twin,
      check: settings.check, buffers, signal: settings.signal, onStep: () => settings.onProgress?.(++done, total),
    }));
  }
  const interval = settings.interval ?? 'simulation-noise';
  const groups = s.population.groups.map((g) => g.name);
  return {
    scenario: s, policy, twin: settings.twin, replicates,
    rows: resultRows(replicates, policy, groups, settings.twin, s.currency.code, interval),
    headline: headline(replicates, s, settings.twin, interval),
    byGroup: byGroup(replicates, groups, settings.twin, interval),
    levers: leverChanges(s),
    interval,
  };
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
