import { dayNumber, stepBoundaries } from '../scenarios/calendar.js';
import type { Scenario } from '../scenarios/schema.js';
import type { ReplicateResult } from './replicate.js';
import { estimate, type Estimate } from './stats.js';

/** Which arm of a run a window reads: one of the two, or their difference replicate by replicate. */
export type WindowArm = 'programme' | 'counterfactual' | 'difference';

/**
 * A flow series summed over the days `from` to `to` (inclusive), per replicate: a step that overlaps the window
 * partly counts in proportion to the overlapping days (an event uniform in the step). `key` is the series' key in
 * the replicate's series (`name`, or `name.Group`). What calibration targets and observations compare against.
 */
export function windowSums(s: Scenario, reps: readonly ReplicateResult[], key: string, arm: WindowArm, from: string, to: string): number[] {
  const days = stepBoundaries(s.time.start, s.time.steps, s.time.stepUnit, s.time.stepLength);
  const [a, b] = [dayNumber(from), dayNumber(to) + 1];
  const sum = (flow: Float64Array) => {
    let total = 0;
    for (let t = 0; t < s.time.steps; t++) {
      const overlap = Math.min(b, days[t + 1]) - Math.max(a, days[t]);
      if (overlap > 0) total += (flow[t] * overlap) / (days[t + 1] - days[t]);
    }
    return total;
  };
  return reps.map((r) => {
    const [p, c] = r.series[key];
    return arm === 'programme' ? sum(p) : arm === 'counterfactual' ? sum(c) : sum(p) - sum(c);
  });
}

/** An observed figure of the scenario set against the run: window sums, their mean and interval, and the gap. */
export interface ObservationFit {
  name: string;
  series: string;
  group: string | null;
  arm: WindowArm;
  from: string;
  to: string;
  observed: number;
  sd: number;
  source: string;
  simulated: Estimate;
  /** (simulated - observed) / sqrt(sd^2 + variance of the simulated mean): how many standard errors apart. */
  standardisedError: number | null;
}

export function observationFits(s: Scenario, reps: readonly ReplicateResult[]): ObservationFit[] {
  return s.observations.map((o) => {
    const values = windowSums(s, reps, o.group === undefined ? o.series : `${o.series}.${o.group}`, o.arm, o.from, o.to);
    const simulated = estimate(values);
    const mean = simulated.mean;
    const n = values.length;
    const variance = n > 1 && mean !== null ? values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1) / n : 0;
    return {
      name: o.name, series: o.series, group: o.group ?? null, arm: o.arm, from: o.from, to: o.to, observed: o.value, sd: o.sd, source: o.source,
      simulated, standardisedError: mean === null ? null : (mean - o.value) / Math.sqrt(o.sd ** 2 + variance),
    };
  });
}
