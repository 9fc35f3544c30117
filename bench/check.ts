import { readFileSync } from 'node:fs';
import { InputError } from '../scenarios/errors.js';

/**
 * The ratios CI guards, all end to end and all measured within one benchmark run from runs that alternate, so that
 * neither a slower nor a busier machine moves them much:
 * - coldEfficiencyVsMachine: the parallel efficiency of a cold 1e6-agent `run` (wall with 1 worker / (N x wall with
 *   N)) over the machine's own efficiency on N threads in the same round (bench/machine.ts);
 * - sweepEfficiencyVsMachine: the sweep's steady-state efficiency on N workers, over the machine's own;
 * - coldVsReference: a cold 1e6-agent `run` on one worker (agent-steps/s, wall included) over the object-per-agent
 *   reference timed in the benchmark process between those runs.
 */
export const RATIOS = ['coldEfficiencyVsMachine', 'sweepEfficiencyVsMachine', 'coldVsReference'] as const;
export type Ratio = (typeof RATIOS)[number];

export interface Baseline {
  /** Committed ratios, from a quick run on the reference machine. */
  ratios: Record<Ratio, number>;
  /** A ratio fails when it falls below baseline x (1 - tolerance). */
  tolerance: Record<Ratio, number>;
  note?: string;
}

export function readBaseline(file: string): Baseline {
  let raw: any;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(file, [{ path: '', value: file, expected: `expected a readable JSON baseline (${(e as Error).message})` }]);
  }
  const problems = [];
  for (const group of ['ratios', 'tolerance'] as const) {
    for (const r of RATIOS) {
      const v = raw?.[group]?.[r];
      const ok = typeof v === 'number' && Number.isFinite(v) && v >= 0 && (group === 'ratios' || v < 1);
      if (!ok) problems.push({ path: `${group}.${r}`, value: v, expected: group === 'ratios' ? 'expected a number >= 0' : 'expected a number in [0, 1)' });
    }
  }
  if (problems.length) throw new InputError(file, problems);
  return raw as Baseline;
}

export interface CheckOutcome {
  ratio: Ratio;
  value: number;
  baseline: number;
  floor: number;
  ok: boolean;
}

/** Compare measured ratios with the baseline; a ratio that could not be measured (NaN) fails. */
export function checkRatios(measured: Record<Ratio, number>, b: Baseline): CheckOutcome[] {
  return RATIOS.map((ratio) => {
    const floor = b.ratios[ratio] * (1 - b.tolerance[ratio]);
    const value = measured[ratio];
    return { ratio, value, baseline: b.ratios[ratio], floor, ok: value >= floor };
  });
}

export function formatCheck(outcomes: CheckOutcome[], file: string): string {
  return outcomes.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.ratio} ${Number.isFinite(c.value) ? c.value.toFixed(2) : 'not measured'} `
    + `(baseline ${c.baseline.toFixed(2)}, floor ${c.floor.toFixed(2)}, ${file})`).join('\n') + '\n';
}
