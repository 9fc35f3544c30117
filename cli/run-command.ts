import { hostname, cpus } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../scenarios/load.js';
import type { Scenario } from '../scenarios/schema.js';
import { rerunCommand, resultsCsv, summaryJson, writeFolderAtomically } from '../sim/outputs.js';
import { createPool, defaultWorkers } from '../sim/pool.js';
import { runScenario, type RunOutput } from '../sim/run.js';
import type { Estimate } from '../sim/stats.js';
import { fail, interruptSignal } from './failure.js';
import { applyOverrides, checkFitsInMemory, type ScenarioOverrides } from './options.js';
import { progressBar } from './progress.js';

export interface RunFlags extends ScenarioOverrides {
  out?: string;
  workers?: number;
  counterfactual: boolean;
  report: boolean;
  quiet?: boolean;
}

/** Read a scenario file, apply command-line overrides and validate: every problem is an InputError. */
export function readScenario(file: string, overrides: ScenarioOverrides = {}): Scenario {
  const s = loadScenario(file, (raw) => applyOverrides(raw, overrides));
  checkFitsInMemory(s, file);
  return s;
}

export async function runCommand(file: string, flags: RunFlags): Promise<void> {
  const signal = interruptSignal();
  let scenario: Scenario;
  try {
    scenario = readScenario(file, flags);
  } catch (e) {
    fail(e);
  }
  const workers = flags.workers ?? defaultWorkers();
  const outDir = flags.out ?? join('out', scenario.name);
  const started = Date.now();
  const pool = createPool(workers);
  const bar = progressBar(scenario.name, flags.quiet ?? false);
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
  const command = rerunCommand(file, scenario, flags.counterfactual);
  const meta = {
    startedAt: new Date(started).toISOString(),
    wallSeconds: (Date.now() - started) / 1000,
    host: hostname(),
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    workers,
    node: process.version,
    argv: process.argv.slice(2),
  };
  try {
    await writeFolderAtomically(outDir, {
      'results.csv': resultsCsv(output),
      'summary.json': summaryJson(output, command),
      'scenario.json': JSON.stringify(scenario, null, 2) + '\n',
      'meta.json': JSON.stringify(meta, null, 2) + '\n',
    }, async (tmp) => {
      // The report is built inside the temporary folder, so the run appears whole, report included, or not at all.
      // Loaded on demand: vega and resvg take a quarter of a second to load, which --no-report need not pay.
      if (flags.report) await (await import('../reports/write-report.js')).writeReport(tmp);
      signal.throwIfAborted();
    });
  } catch (e) {
    fail(e);
  }
  if (!flags.quiet) printHeadline(output, outDir, flags.report);
}

function fmt(e: Estimate, unit: '' | '$' | '%' = ''): string {
  if (e.mean === null) return 'n/a';
  const show = (x: number) => (unit === '%' ? `${(x * 100).toFixed(1)}%`
    : `${x < 0 ? '-' : ''}${unit}${Math.abs(Math.round(x)).toLocaleString('en-US')}`);
  return e.lo95 === null || e.hi95 === null ? show(e.mean) : `${show(e.mean)} (95% CI ${show(e.lo95)} to ${show(e.hi95)})`;
}

function printHeadline(o: RunOutput, dir: string, report: boolean): void {
  const h = o.headline;
  const rows: Array<[string, string]> = [
    ['programme departures', fmt(h.programmeDepartures)],
    ['additional departures', fmt(h.additionalDepartures)],
    ['takers who would have left anyway', fmt(h.deadweightShare, '%')],
    ['programme spend', fmt(h.spend.programme, '$')],
    ['cost per programme departure', fmt(h.naiveCostPerProgrammeDeparture, '$')],
    ['cost per additional departure', fmt(h.costPerAdditionalDeparture, '$')],
    ['cost of one removal', `$${h.removalCost.toLocaleString('en-US')}`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  const lines = [
    `${o.scenario.title} (${o.scenario.replicates} replicate${o.scenario.replicates === 1 ? '' : 's'}, ${o.scenario.population.agents.toLocaleString('en-US')} agents)`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}${value}`),
    `Outputs: ${dir}`,
  ];
  if (report) lines.push(`Report: ${join(dir, 'report', 'index.html')}`);
  process.stdout.write(lines.join('\n') + '\n');
}
