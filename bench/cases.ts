import { join } from 'node:path';
import { loadScenario } from '../scenarios/load.js';
import type { Scenario } from '../scenarios/schema.js';
import { packageRoot } from '../scenarios/package-info.js';

export const MODELS = ['utility', 'planned-behaviour'] as const;
export type BenchModel = (typeof MODELS)[number];

/** The preset each model is benchmarked on: the announced 2025 schedule. */
const PRESETS: Record<BenchModel, string> = {
  utility: 'cbp-home-2025',
  'planned-behaviour': 'cbp-home-2025-planned-behaviour',
};

/**
 * Steps per timed case. The programme opens in step 2 of the preset, so 12 monthly steps include the months
 * before it, the first wave of awareness and registrations, and departures.
 */
export const CASE_STEPS = 12;

export interface CaseOverrides {
  agents: number;
  steps: number;
  /** Persons represented; defaults to the preset's 14.0M. */
  persons?: number;
  /** Change the raw preset before validation (sub-step variants). */
  change?: (raw: any) => void;
}

/** A preset with the case's size and horizon, validated by the scenario schema like any input. */
export function benchScenario(model: BenchModel, o: CaseOverrides): Scenario {
  const file = join(packageRoot(), 'scenarios', `${PRESETS[model]}.json`);
  return loadScenario(file, (raw: any) => {
    raw.population.agents = o.agents;
    if (o.persons !== undefined) raw.population.persons = o.persons;
    raw.time.steps = o.steps;
    raw.replicates = 1;
    o.change?.(raw);
    return raw;
  });
}

/** Agent counts timed for each model: `--quick` keeps the two smaller ones. */
export function caseSizes(quick: boolean): number[] {
  return quick ? [1e5, 1e6] : [1e5, 1e6, 1e7];
}

/** Sizes at which the object-per-agent reference runs (it is slow and memory-hungry by design). */
export function referenceSizes(quick: boolean): number[] {
  return quick ? [1e5] : [1e5, 1e6];
}
