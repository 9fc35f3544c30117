import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readRunFolder } from '../experiments/run-folder.js';
import { comparisonRows } from '../reports/compare/table.js';
import { InputError } from '../scenarios/errors.js';
import type { Scenario } from '../scenarios/schema.js';
import { checkPairable, compareRuns, identityOf, pairedRunOf, pairingNote, type Comparison, type PairedRun, type Side } from '../sim/comparison.js';
import { comparisonDataPackage, comparisonSummaryJson, differenceCsv, figuresCsv } from '../sim/comparison-outputs.js';
import { PendingFolder } from '../sim/output-folder.js';
import { RATIO_METHOD } from '../sim/paired.js';
import { createPool, threadsFor } from '../sim/pool.js';
import { runScenario } from '../sim/run.js';
import { fail, interruptSignal } from './failure.js';
import type { ScenarioOverrides } from './options.js';
import { progressBar } from './progress.js';
import { FEW_REPLICATES, fewReplicatesWarning, readScenario } from './run-command.js';

export interface CompareFlags extends ScenarioOverrides {
  out?: string;
  force?: boolean;
  workers?: number;
  quiet?: boolean;
}

/** Two scenarios to run on common random numbers, or two finished runs read from their folders. */
type Inputs = { kind: 'scenarios'; a: Scenario; b: Scenario; sides: [Side, Side] } | { kind: 'folders'; a: PairedRun; b: PairedRun };

const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** Read and check both inputs before any work: every problem is an InputError (exit 2). */
function readInputs(aPath: string, bPath: string, flags: CompareFlags): Inputs {
  const [aFolder, bFolder] = [isFolder(aPath), isFolder(bPath)];
  if (aFolder !== bFolder) {
    // A path that does not exist is most likely a mistyped scenario file: `run`'s message says so and lists the presets.
    const file = aFolder ? bPath : aPath;
    if (!existsSync(file)) readScenario(file, flags);
    throw new InputError(bPath, [{ path: 'B', value: bPath, expected: `expected a ${aFolder ? 'run folder' : 'scenario file'}, as A (${aPath}) is: two scenario files or two run folders, not one of each` }]);
  }
  if (aFolder) {
    const given = (['seed', 'agents', 'replicates'] as const).filter((o) => flags[o] !== undefined);
    if (given.length > 0) {
      throw new InputError(`--${given[0]}`, [{ path: `--${given[0]}`, value: flags[given[0]], expected: 'expected no --seed, --agents or --replicates with run folders: they apply to scenario files; the folders hold finished runs' }]);
    }
    const [a, b] = [readRunFolder(aPath), readRunFolder(bPath)];
    checkPairable(a, b, (field) => `re-run one of them with --${field} ${a.identity[field]}`);
    return { kind: 'folders', a, b };
  }
  const [a, b] = [readScenario(aPath, flags), readScenario(bPath, flags)];
  const sides: [Side, Side] = [
    { source: aPath, from: 'scenario file', identity: identityOf(a) },
    { source: bPath, from: 'scenario file', identity: identityOf(b) },
  ];
  checkPairable(sides[0], sides[1], (field) => `pass --${field} to run both with one value`);
  return { kind: 'scenarios', a, b, sides };
}

/** Run both scenarios one after the other on one pool, with their counterfactual twins, as `run` does. */
async function runBoth(inputs: Extract<Inputs, { kind: 'scenarios' }>, flags: CompareFlags, signal: AbortSignal): Promise<[PairedRun, PairedRun]> {
  const { a, b, sides } = inputs;
  // Both runs share agents and replicates (checkPairable), so they can keep the same threads busy.
  const pool = createPool(threadsFor(a, flags.workers));
  const bar = progressBar(`${a.name} vs ${b.name}`, flags.quiet ?? false, 'steps');
  const total = 2 * a.replicates * a.time.steps;
  let done = 0;
  try {
    const out: PairedRun[] = [];
    for (const [k, s] of [a, b].entries()) {
      const run = await runScenario(s, { executor: pool, twin: true, signal, onProgress: () => bar.update(++done, total) });
      out.push(pairedRunOf(run, sides[k]));
    }
    return [out[0], out[1]];
  } finally {
    bar.stop();
    await pool.close();
  }
}

export async function compareCommand(aPath: string, bPath: string, flags: CompareFlags): Promise<void> {
  const signal = interruptSignal();
  let inputs: Inputs;
  let folder: PendingFolder;
  try {
    inputs = readInputs(aPath, bPath, flags);
    const names = inputs.kind === 'scenarios' ? [inputs.a.name, inputs.b.name] : [inputs.a.identity.name, inputs.b.identity.name];
    folder = new PendingFolder({ path: flags.out ?? join('out', 'comparisons', `${names[0]}-vs-${names[1]}`), kind: 'comparison', force: flags.force });
  } catch (e) {
    fail(e);
  }
  for (const note of folder.notes) process.stderr.write(`departure-sim: ${note}\n`);
  let c: Comparison;
  try {
    const [a, b] = inputs.kind === 'scenarios' ? await runBoth(inputs, flags, signal) : [inputs.a, inputs.b];
    c = compareRuns(a, b);
    folder.write({
      'summary.json': comparisonSummaryJson(c),
      'figures.csv': figuresCsv(c),
      'difference.csv': differenceCsv(c),
      'datapackage.json': `${JSON.stringify(comparisonDataPackage(c), null, 2)}\n`,
    });
    // Loaded on demand, as for `run`: vega and resvg take a while to load.
    const report = await (await import('../reports/compare/files.js')).comparisonReportFiles(c);
    folder.write(Object.fromEntries(Object.entries(report).map(([name, data]) => [join('report', name), data])));
    signal.throwIfAborted();
    folder.commit();
  } catch (e) {
    fail(e);
  }
  if (flags.quiet) return;
  printComparison(c, folder.target);
  const n = c.a.identity.replicates;
  if (n < FEW_REPLICATES['simulation-noise']) process.stderr.write(fewReplicatesWarning(n));
}

/** The comparison as a table on the terminal: each figure in A, in B, and B - A with its interval. */
function printComparison(c: Comparison, dir: string): void {
  const { a, b } = c;
  const id = a.identity;
  const unit = id.horizon.stepLength === 1 ? id.horizon.stepUnit : `${id.horizon.stepLength}-${id.horizon.stepUnit}`;
  const table = [['', 'A', 'B', 'B - A', '95% interval of B - A'], ...comparisonRows(c).map((r) => [r.label, r.a, r.b, r.difference, r.interval])];
  const widths = table[0].map((_, k) => Math.max(...table.map((row) => row[k].length)));
  const line = (row: string[]) => `  ${row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  ')}`.trimEnd();
  const lines = [
    `B: ${b.identity.title} (${b.source}) against A: ${a.identity.title} (${a.source})`,
    `${id.horizon.start} to ${id.horizon.end}, ${id.horizon.steps} ${unit} steps; ${id.replicates} paired replicate${id.replicates === 1 ? '' : 's'} of `
      + `${id.agents.toLocaleString('en-US')} agents for ${id.persons.toLocaleString('en-US')} persons, seed ${id.seed}; money in ${id.currency.code} of ${id.currency.year}`,
    ...table.map(line),
    `  ${pairingNote(a.identity, b.identity)}.`,
    `  Intervals: A and B over their replicates; B - A over the paired differences of replicates;`,
    `  the incremental spend per incremental additional departure by ${RATIO_METHOD.name} (${RATIO_METHOD.resamples.toLocaleString('en-US')} resamples, fixed seed)${c.incrementalCost.note ? `: ${c.incrementalCost.note}` : ''}.`,
    `  Simulation noise only, not uncertainty in the model's parameters.`,
    `Outputs: ${dir}`,
    `Report: ${join(dir, 'report', 'index.html')}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
