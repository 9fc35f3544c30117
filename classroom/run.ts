import { parseScenario } from '../scenarios/parse.js';
import type { Scenario } from '../scenarios/schema.js';
import { ALL, headline, type Headline, type GroupRow, type ResultRow } from '../sim/results.js';
import { runScenario } from '../sim/run.js';
import type { Executor } from '../sim/tasks.js';
import { replicateFigures, type ReplicateFigures } from './figures.js';

/** The series the classroom's charts draw; the page receives only these rows. */
export const CHART_SERIES = ['cum_departures_total', 'cum_departures_assisted', 'cost_per_additional_departure'] as const;

/** One run as the page shows it. `scenario` is the resolved scenario: the JSON the page offers for download. */
export interface ClassroomRun {
  scenario: Scenario;
  headline: Headline;
  byGroup: GroupRow[];
  rows: ResultRow[];
  /** The page's figures per replicate, for the paired change between two runs on the same seed. */
  replicates: ReplicateFigures;
}

/** Validate with the CLI's schema, then run with the counterfactual twin, exactly as `departure-sim run` does. */
export async function runClassroom(input: unknown, executor: Executor, onProgress?: (done: number, total: number) => void): Promise<ClassroomRun> {
  const scenario = parseScenario(input, 'the classroom settings');
  const out = await runScenario(scenario, { executor, twin: true, onProgress });
  return {
    scenario,
    headline: out.headline,
    byGroup: out.byGroup,
    rows: out.rows.filter((r) => r.group === ALL && (CHART_SERIES as readonly string[]).includes(r.series)),
    // The engine's headline of each replicate alone: the same definitions, one value per replicate.
    replicates: replicateFigures(out.replicates.map((r) => headline([r], scenario, true))),
  };
}
