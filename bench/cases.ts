import { join } from 'node:path';
import { packageRoot } from '../scenarios/package-info.js';

/**
 * What the benchmark runs. Everything is a shipped preset or experiment, changed only through the command-line
 * flags a user has (`--agents`, `--replicates`, `--workers`, `--no-report`): the benchmark never edits a scenario
 * file, so it keeps working while the scenario format changes.
 */
export const MODELS = ['utility', 'planned-behaviour'] as const;
export type BenchModel = (typeof MODELS)[number];

const PRESETS: Record<BenchModel | 'no-programme', string> = {
  utility: 'cbp-home-2025',
  'planned-behaviour': 'cbp-home-2025-planned-behaviour',
  // cbp-home-2025 with the programme disabled: the sub-step table's programme-free variant.
  'no-programme': 'baseline-no-programme',
};

export function presetFile(preset: BenchModel | 'no-programme'): string {
  return join(packageRoot(), 'scenarios', `${PRESETS[preset]}.json`);
}

/** The end-to-end runs: cbp-home-2025 as shipped (36 monthly steps, programme + twin), one replicate. */
export const RUN_SCENARIO = presetFile('utility');

/** The sweep: the shipped stipend dose-response (11 points on cbp-home-2025) at 20,000 agents per point. */
export const SWEEP_EXPERIMENT = join(packageRoot(), 'scenarios', 'experiments', 'stipend-dose-response.json');
export const SWEEP_AGENTS = 20_000;
/** Replicates per point: 44 runs, enough for about a second of steady state on two workers. */
export const SWEEP_REPLICATES = 4;

/** Full scale: one agent per person of the preset's 14.0M (`--agents 14000000` keeps its persons). */
export const FULL_SCALE_AGENTS = 14_000_000;

/** Object-per-agent reference (the in-process yardstick): agents and steps of one timed run. */
export const REFERENCE_AGENTS = 100_000;
export const REFERENCE_STEPS = 12;

/** Agent counts of the cold end-to-end runs. */
export function coldSizes(quick: boolean): number[] {
  return quick ? [1e4, 1e5, 1e6] : [1e4, 1e5, 1e6, 1e7];
}

/** The size whose 1-worker and all-worker cold runs give the CI's efficiency ratio and yardstick ratio. */
export const HEADLINE_AGENTS = 1e6;

/** Warmed in-process cases (secondary): full runs only. */
export function innerCases(quick: boolean): { model: BenchModel; agents: number }[] {
  return quick ? [] : [{ model: 'utility', agents: 1e5 }, { model: 'utility', agents: 1e6 }, { model: 'planned-behaviour', agents: 1e6 }];
}

/** `1e6` for 1,000,000; `14M` for the full scale. */
export function sizeLabel(agents: number): string {
  if (agents === FULL_SCALE_AGENTS) return 'full';
  const e = Math.log10(agents);
  return Number.isInteger(e) ? `1e${e}` : String(agents);
}
