import { readFileSync } from 'node:fs';
import { InputError } from '../scenarios/errors.js';

/** The ratios CI guards: both are measured within one run, so a slower or busier machine moves them little. */
export const RATIOS = ['speedupVsReference', 'parallelEfficiency'] as const;
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
