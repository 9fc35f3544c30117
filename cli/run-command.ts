import { readdirSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../scenarios/load.js';
import type { Scenario } from '../scenarios/schema.js';
import { PendingFolder } from '../sim/output-folder.js';
import { dataPackage } from '../sim/data-dictionary.js';
import { headlineReplicatesCsv, replicatesCsv, rerunCommand, resultsCsv, summaryJson } from '../sim/outputs.js';
import { PACKAGE, packageCommit, packageRoot } from '../scenarios/package-info.js';
import { createPool, defaultWorkers } from '../sim/pool.js';
import { runScenario, usefulThreads, type RunOutput } from '../sim/run.js';
import { figureValue, HEADLINE_FIGURES, type HeadlineFigure } from '../sim/headline-figures.js';
import type { Estimate } from '../sim/stats.js';
import { horizonEnd } from '../sim/policy.js';
import { fail, interruptSignal } from './failure.js';
import { applyOverrides, checkFitsInMemory, type ScenarioOverrides } from './options.js';
import { progressBar } from './progress.js';

export interface RunFlags extends ScenarioOverrides {
  out?: string;
  force?: boolean;
  workers?: number;
  counterfactual: boolean;
  report: boolean;
  quiet?: boolean;
}

/** The preset scenarios shipped with the package, for the message when a scenario file does not exist. */
function presetHint(): string {
  const dir = join(packageRoot(), 'scenarios');
  const presets = readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'scenario.schema.json').sort();
  return `; presets: ${presets.map((f) => join(dir, f)).join(', ')}`;
}

/** Read a scenario file, apply command-line overrides and validate: every problem is an InputError. */
export function readScenario(file: string, overrides: ScenarioOverrides = {}): Scenario {
  const s = loadScenario(file, (raw) => applyOverrides(raw, overrides), presetHint());
  checkFitsInMemory(s.population.agents, file);
  return s;
}

/** Where `run` writes by default: a folder per scenario under out/runs, apart from every other kind of output. */
export function defaultRunFolder(s: Scenario): string {
  return join('out', 'runs', s.name);
}

export async function runCommand(file: string, flags: RunFlags): Promise<void> {
  const signal = interruptSignal();
  let scenario: Scenario;
  let folder: PendingFolder;
  try {
    scenario = readScenario(file, flags);
    // The output folder is checked and started before the simulation, so a refused or unwritable --out costs nothing.
    folder = new PendingFolder({ path: flags.out ?? defaultRunFolder(scenario), kind: 'run', force: flags.force });
  } catch (e) {
    fail(e);
  }
  for (const note of folder.notes) process.stderr.write(`departure-sim: ${note}\n`);
  const workers = usefulThreads(scenario, flags.workers ?? defaultWorkers());
  const started = Date.now();
  const pool = createPool(workers);
  const bar = progressBar(scenario.name, flags.quiet ?? false, 'steps');
  let output: RunOutput;
  try {
    output = await runScenario(scenario, { executor: pool, twin: flags.counterfactual, signal, onProgress: (d, t) => bar.update(d, t) });
  } catch (e) {
    bar.stop();
    await pool.close();
    fail(e);
  }
  bar.stop();
  await pool.close();
  const meta = {
    startedAt: new Date(started).toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    host: hostname(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    workers,
    node: process.version,
    package: { ...PACKAGE, commit: packageCommit() },
    argv: process.argv.slice(2),
  };
  try {
    folder.write({
      'results.csv': resultsCsv(output),
      'replicates.csv': replicatesCsv(output),
      'headline-replicates.csv': headlineReplicatesCsv(output),
      'summary.json': summaryJson(output, rerunCommand(flags.counterfactual)),
      'scenario.json': JSON.stringify(scenario, null, 2) + '\n',
      'meta.json': JSON.stringify(meta, null, 2) + '\n',
      'datapackage.json': JSON.stringify(dataPackage(scenario), null, 2) + '\n',
    });
    // The report is built inside the temporary folder, so the run appears whole, report included, or not at all.
    // Loaded on demand: vega and resvg take a quarter of a second to load, which --no-report need not pay.
    if (flags.report) await (await import('../reports/write-report.js')).writeReportInto(folder.dir);
    signal.throwIfAborted();
    folder.commit();
  } catch (e) {
    fail(e);
  }
  if (!flags.quiet) printHeadline(output, folder.target, flags.report, await import('../reports/format.js'));
}

/**
 * The report's number formats, loaded only to print the headline: they start the ICU number formatter, which a
 * --quiet run need not pay for.
 */
type Formats = typeof import('../reports/format.js');

/** A headline figure as the report writes it: three significant figures, the unit, and its 95% interval. */
function fmt(e: Estimate, f: HeadlineFigure, code: string, m: Formats): string {
  if (e.mean === null) return 'not available';
  const show = f.unit === 'money' ? (f.input ? (x: number) => m.formatMoneyExact(x, code) : m.moneyIn(code)) : f.unit === 'share' ? m.formatShare : m.formatCount;
  const value = `${show(e.mean)}${f.unit === 'persons' ? ' persons' : ''}`;
  const interval = m.formatInterval(e, show);
  return interval ? `${value} (95% interval ${interval})` : value;
}

/** Fewer replicates than this give a 95% interval too wide and too uncertain to mean much. */
export const FEW_REPLICATES = 5;

export function fewReplicatesWarning(n: number): string {
  return `departure-sim: warning: ${n} replicate${n === 1 ? ' gives no interval' : 's give intervals that mean little'}; use --replicates ${FEW_REPLICATES} or more for figures to compare\n`;
}

function printHeadline(o: RunOutput, dir: string, report: boolean, m: Formats): void {
  const s = o.scenario;
  const code = s.currency.code;
  const rows = HEADLINE_FIGURES.map((f): [string, string] => [f.label, fmt(figureValue(o.headline, f.key), f, code, m)]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const unit = s.time.stepLength === 1 ? s.time.stepUnit : `${s.time.stepLength}-${s.time.stepUnit}`;
  const lines = [
    `${s.title}: ${s.time.start} to ${horizonEnd(s)}, ${s.time.steps} ${unit} steps; ${s.replicates} replicate${s.replicates === 1 ? '' : 's'} of `
      + `${s.population.agents.toLocaleString('en-US')} agents for ${m.formatCount(s.population.persons)} persons; money in ${code} of ${s.currency.year}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
    `  Intervals: simulation noise over the replicates only, not uncertainty in the model's parameters.`,
    `Outputs: ${dir}`,
  ];
  if (report) lines.push(`Report: ${join(dir, 'report', 'index.html')}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (s.replicates < FEW_REPLICATES) process.stderr.write(fewReplicatesWarning(s.replicates));
}
