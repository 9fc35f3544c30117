import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../scenarios/errors.js';
import { markFolder, outputKind, writeFolderAtomically } from '../sim/output-folder.js';
import { buildCharts } from './charts/index.js';
import { readResultsCsv } from './csv.js';
import { buildIndexHtml } from './html.js';
import { readScenarioSchema } from './parameters.js';
import { chartFiles } from './chart-files.js';
import { readSummary } from './summary.js';
import { vendorScripts } from './vendor.js';

async function readScenario(runDir: string, fromSummary: unknown): Promise<unknown> {
  if (fromSummary !== undefined) return fromSummary;
  try {
    return JSON.parse(await readFile(join(runDir, 'scenario.json'), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
}

/** The files of report/ (index.html and, per chart, <name>.vl.json, .svg and .png), from a run's saved outputs. */
async function reportFiles(runDir: string): Promise<Record<string, string | Uint8Array>> {
  const [rows, summary] = await Promise.all([
    readResultsCsv(join(runDir, 'results.csv')),
    readSummary(join(runDir, 'summary.json')),
  ]);
  const scenario = await readScenario(runDir, summary.resolvedScenario);
  const charts = buildCharts({ rows, summary });
  const files = await chartFiles(charts);
  files['index.html'] = buildIndexHtml({ summary, rows, charts, scenario, vendor: await vendorScripts(), scenarioSchema: readScenarioSchema() });
  return files;
}

/** Write report/ into a run folder that is still being built (the run's own folder swap makes it atomic). */
export async function writeReportInto(runDir: string): Promise<void> {
  const files = await reportFiles(runDir);
  const dir = join(runDir, 'report');
  await mkdir(dir);
  markFolder(dir, 'report');
  for (const [name, data] of Object.entries(files)) await writeFile(join(dir, name), data);
}

/**
 * Rebuild runDir/report/ from runDir's saved results.csv and summary.json and return the path of index.html. The
 * folder must be a run's; the report is built aside and swapped in, so an interrupted build leaves the previous
 * report, or none, never half of one.
 */
export async function rebuildReport(runDir: string, force = false): Promise<string> {
  if (outputKind(runDir) !== 'run') {
    throw new InputError(runDir, [{ path: 'run folder', value: runDir, expected: 'expected the output folder of `departure-sim run` (it holds results.csv, summary.json and the marker .departure-sim.json)' }]);
  }
  const target = join(runDir, 'report');
  const files = await reportFiles(runDir);
  await writeFolderAtomically({ path: target, kind: 'report', force, option: 'report folder' }, files);
  return join(target, 'index.html');
}
