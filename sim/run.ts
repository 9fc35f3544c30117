import type { Scenario } from '../scenarios/schema.js';
import { dayNumber } from '../scenarios/calendar.js';
import { LEVER_NAMES, LEVERS, leverSchedule } from '../scenarios/levers.js';
import { horizonEnd, resolvePolicy, type Policy } from './policy.js';
import { allocatePopulation, blockCount } from './population.js';
import { threadPopulations } from './population-cache.js';
import { runReplicate, type ReplicateResult } from './replicate.js';
import { byGroup, headline, resultRows, type GroupRow, type Headline, type ResultRow } from './results.js';
import type { IntervalKind } from './stats.js';
import type { Executor } from './tasks.js';
import type { WholeReplicateRunner } from './whole-replicate.js';

export interface RunSettings {
  /** Runs blocks; one that can also run whole replicates (sim/pool.ts) does so for runs of few blocks. */
  executor: Executor & Partial<WholeReplicateRunner>;
  /** Simulate the counterfactual twin (programme off, same agents and random numbers). */
  twin: boolean;
  /** Checking mode: no fast path, and every decision's bound verified (sim/step-context.ts). Same results. */
  check?: boolean;
  /** Called once per step of every replicate (in bursts of a replicate's steps when replicates run whole). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /**
   * The scenario of replicate r, when replicates differ in their parameters (`run --posterior`); it must keep the
   * scenario's agents, groups and horizon. Default: the scenario itself.
   */
  replicateScenario?: (replicate: number) => Scenario;
  /** What the intervals of the outputs contain; default simulation noise only. */
  interval?: IntervalKind;
  /**
   * Keep the populations drawn in the thread that draws them, and restore them when drawn again (same bytes,
   * sim/population-cache.ts): for a caller that runs many scenarios on the same seeds, such as a sweep.
   */
  reusePopulations?: boolean;
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
  readonly rows: ResultRow[];
  readonly headline: Headline;
  readonly byGroup: GroupRow[];
  levers: Lever[];
  interval: IntervalKind;
}

/**
 * Run every replicate of a scenario. A run of at least as many blocks as threads runs its replicates one after the
 * other, each on all the threads. A run of fewer blocks cannot keep the threads busy that way: when the executor can,
 * its replicates run whole and side by side, one per thread (sim/whole-replicate.ts). Either way every replicate
 * computes the same blocks in the same order, so the results are the same bytes.
 */
export async function runScenario(s: Scenario, settings: RunSettings): Promise<RunOutput> {
  const policy = resolvePolicy(s);
  const whole = settings.executor.runWhole !== undefined && blockCount(s.population.agents) < settings.executor.threads;
  const replicates = whole ? await wholeReplicates(s, policy, settings) : await replicatesByBlocks(s, policy, settings);
  const interval = settings.interval ?? 'simulation-noise';
  const groups = s.population.groups.map((g) => g.name);
  // The summaries are built when first read: a sweep point or a calibration's evaluation reads only the replicates,
  // and the rows' bootstrap intervals took a fifth of the main thread's time in a sweep.
  let rows: ResultRow[] | undefined;
  let head: Headline | undefined;
  let groupRows: GroupRow[] | undefined;
  return {
    scenario: s, policy, twin: settings.twin, replicates,
    get rows() { return (rows ??= resultRows(replicates, policy, groups, settings.twin, s.currency.code, interval)); },
    get headline() { return (head ??= headline(replicates, s, settings.twin, interval)); },
    get byGroup() { return (groupRows ??= byGroup(replicates, groups, settings.twin, interval)); },
    levers: leverChanges(s),
    interval,
  };
}

async function replicatesByBlocks(s: Scenario, policy: Policy, settings: RunSettings): Promise<ReplicateResult[]> {
  const buffers = allocatePopulation(s.population.agents);
  const total = s.replicates * policy.steps;
  let done = 0;
  const replicates: ReplicateResult[] = [];
  for (let r = 0; r < s.replicates; r++) {
    const own = replicateCase(s, policy, settings, r);
    replicates.push(await runReplicate({
      ...own, replicate: r, executor: settings.executor, twin: settings.twin, check: settings.check, buffers,
      populations: settings.reusePopulations ? threadPopulations : undefined, signal: settings.signal,
      onStep: () => settings.onProgress?.(++done, total),
    }));
  }
  return replicates;
}

/**
 * Replicates run whole, as many at a time as the executor has threads. Each lane takes the next replicate when its
 * last one is done, so an interrupted run stops after the replicates under way, and a failed one starts no more.
 */
async function wholeReplicates(s: Scenario, policy: Policy, settings: RunSettings): Promise<ReplicateResult[]> {
  const { executor, signal } = settings;
  const results: ReplicateResult[] = [];
  const total = s.replicates * policy.steps;
  let done = 0;
  let next = 0;
  let failed = false;
  const lane = async () => {
    for (let replicate = next++; replicate < s.replicates && !failed; replicate = next++) {
      signal?.throwIfAborted();
      try {
        results[replicate] = await executor.runWhole!({
          ...replicateCase(s, policy, settings, replicate), replicate, twin: settings.twin, check: settings.check ?? false,
          reusePopulations: settings.reusePopulations ?? false,
        });
      } catch (e) {
        failed = true;
        throw e;
      }
      for (let k = 0; k < policy.steps; k++) settings.onProgress?.(++done, total);
    }
  };
  // Wait for every lane, even after one fails, so no worker is still answering when the caller closes the pool.
  const settled = await Promise.allSettled(Array.from({ length: Math.min(executor.threads, s.replicates) }, lane));
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  return results;
}

/** Replicate r's scenario and policy: the run's, or its own with `replicateScenario` (posterior draws). */
function replicateCase(s: Scenario, policy: Policy, settings: RunSettings, r: number): { scenario: Scenario; policy: Policy } {
  const own = settings.replicateScenario?.(r);
  return own ? { scenario: own, policy: resolvePolicy(own) } : { scenario: s, policy };
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
  return out.sort((a, b) => byCodePoint(a.date, b.date) || byCodePoint(a.lever, b.lever));
}

/** ISO dates and lever names sort the same by code point; localeCompare would load ICU's collator (20 ms cold). */
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
