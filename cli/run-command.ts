import { readdirSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { join } from 'node:path';
import { planPosteriorRun, readPosterior, type PosteriorRun } from '../experiments/abc/posterior-run.js';
import { readComposed } from '../scenarios/compose.js';
import { InputError } from '../scenarios/errors.js';
import { loadScenario } from '../scenarios/load.js';
import type { Scenario } from '../scenarios/schema.js';
import { PendingFolder } from '../sim/output-folder.js';
import { dataPackage } from '../sim/data-dictionary.js';
import { headlineReplicatesCsv, replicatesCsv, rerunCommand, resultsCsv, summaryJson } from '../sim/outputs.js';
import { PACKAGE, packageCommit, packageRoot } from '../scenarios/package-info.js';
import { createPool, threadsFor } from '../sim/pool.js';
import { runScenario, type RunOutput } from '../sim/run.js';
import { figureValue, HEADLINE_FIGURES, type HeadlineFigure } from '../sim/headline-figures.js';
import { intervalLabel, intervalWords, type Estimate, type IntervalKind } from '../sim/stats.js';
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
  /** A calibration's output folder (or its posterior.json): each replicate draws its parameters from the posterior. */
  posterior?: string;
  posteriorCase?: string;
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

/** The replicates' parameters drawn from a calibration's posterior, when --posterior is given. */
function posteriorPlan(file: string, scenario: Scenario, flags: RunFlags): PosteriorRun | undefined {
  if (flags.posterior === undefined) {
    if (flags.posteriorCase !== undefined) throw new InputError(file, [{ path: '--posterior-case', value: flags.posteriorCase, expected: 'expected --posterior with it: the case names parameters of a posterior' }]);
    return undefined;
  }
  const raw = applyOverrides(readComposed(file, presetHint()), flags) as Record<string, unknown>;
  return planPosteriorRun(file, raw, scenario, readPosterior(flags.posterior), flags.posteriorCase);
}

export async function runCommand(file: string, flags: RunFlags): Promise<void> {
  const signal = interruptSignal();
  let scenario: Scenario;
  let folder: PendingFolder;
  let posterior: PosteriorRun | undefined;
  try {
    scenario = readScenario(file, flags);
    posterior = posteriorPlan(file, scenario, flags);
    // The output folder is checked and started before the simulation, so a refused or unwritable --out costs nothing.
    folder = new PendingFolder({ path: flags.out ?? defaultRunFolder(scenario), kind: 'run', force: flags.force });
  } catch (e) {
    fail(e);
  }
  for (const note of folder.notes) process.stderr.write(`departure-sim: ${note}\n`);
  for (const p of posterior?.notApplied ?? []) {
    process.stderr.write(`departure-sim: note: ${p.name} (${p.path}) was calibrated for case ${p.scenarios.join(', ')} only and keeps the scenario's value; --posterior-case applies a case's own parameters\n`);
  }
  const workers = threadsFor(scenario, flags.workers);
  const started = Date.now();
  const pool = createPool(workers);
  const bar = progressBar(scenario.name, flags.quiet ?? false, 'steps');
  let output: RunOutput;
  try {
    output = await runScenario(scenario, {
      executor: pool, twin: flags.counterfactual, signal, onProgress: (d, t) => bar.update(d, t),
      ...(posterior && { replicateScenario: (r: number) => posterior!.scenarios[r], interval: 'parameters-and-simulation-noise' as const }),
    });
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
    // With a posterior, the folder keeps a copy of it, so that the command re-runs from the folder alone.
    const again = `${rerunCommand(flags.counterfactual)}${posterior ? ` --posterior posterior.json${flags.posteriorCase ? ` --posterior-case ${flags.posteriorCase}` : ''}` : ''}`;
    folder.write({
      'results.csv': resultsCsv(output),
      'replicates.csv': replicatesCsv(output),
      'headline-replicates.csv': headlineReplicatesCsv(output),
      'summary.json': summaryJson(output, again, posterior?.summary ?? null),
      'scenario.json': JSON.stringify(scenario, null, 2) + '\n',
      'meta.json': JSON.stringify(meta, null, 2) + '\n',
      'datapackage.json': JSON.stringify(dataPackage(scenario, output.interval, posterior?.applied.map((p) => p.name)), null, 2) + '\n',
      ...posterior?.files,
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

/** A headline figure as the report writes it: three significant figures, the unit, and its 95% interval with what it holds. */
function fmt(e: Estimate, f: HeadlineFigure, code: string, kind: IntervalKind, m: Formats): string {
  if (e.mean === null) return 'not available';
  const show = f.unit === 'money' ? (f.input ? (x: number) => m.formatMoneyExact(x, code) : m.moneyIn(code)) : f.unit === 'share' ? m.formatShare : m.formatCount;
  const value = `${show(e.mean)}${f.unit === 'persons' ? ' persons' : ''}`;
  const interval = m.formatInterval(e, show);
  return interval ? `${value} (95% interval, ${intervalLabel(kind)}: ${interval})` : value;
}

/**
 * Fewer replicates than this give a 95% interval too wide and too uncertain to mean much: for an interval of the
 * mean, 5; for the 2.5th and 97.5th percentiles of draws from a posterior, 40 (one draw beyond each end).
 */
export const FEW_REPLICATES: Record<IntervalKind, number> = { 'simulation-noise': 5, 'parameters-and-simulation-noise': 40 };

export function fewReplicatesWarning(n: number, kind: IntervalKind = 'simulation-noise'): string {
  return `departure-sim: warning: ${n} replicate${n === 1 ? ' gives no interval' : 's give intervals that mean little'}; use --replicates ${FEW_REPLICATES[kind]} or more for figures to compare\n`;
}

function printHeadline(o: RunOutput, dir: string, report: boolean, m: Formats): void {
  const s = o.scenario;
  const code = s.currency.code;
  const rows = HEADLINE_FIGURES.map((f): [string, string] => [f.label, fmt(figureValue(o.headline, f.key), f, code, o.interval, m)]);
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const unit = s.time.stepLength === 1 ? s.time.stepUnit : `${s.time.stepLength}-${s.time.stepUnit}`;
  const lines = [
    `${s.title}: ${s.time.start} to ${horizonEnd(s)}, ${s.time.steps} ${unit} steps; ${s.replicates} replicate${s.replicates === 1 ? '' : 's'} of `
      + `${s.population.agents.toLocaleString('en-US')} agents for ${m.formatCount(s.population.persons)} persons; money in ${code} of ${s.currency.year}`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
    `  Intervals: ${intervalWords(o.interval, s.replicates)}.`,
    `Outputs: ${dir}`,
  ];
  if (report) lines.push(`Report: ${join(dir, 'report', 'index.html')}`);
  process.stdout.write(lines.join('\n') + '\n');
  if (s.replicates < FEW_REPLICATES[o.interval]) process.stderr.write(fewReplicatesWarning(s.replicates, o.interval));
}
