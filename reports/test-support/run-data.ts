import type { RunData } from '../charts/common.js';
import { parseResultsCsv } from '../csv.js';
import { parseSummary } from '../summary.js';
import { buildFixtureRun, type FixtureOptions } from './fixture.js';

/** A fixture run parsed the way writeReport parses a run folder. */
export function fixtureRunData(options: FixtureOptions = {}): RunData {
  const run = buildFixtureRun(options);
  return { rows: parseResultsCsv(run.resultsCsv), summary: parseSummary(run.summary) };
}
