import { existsSync, readFileSync } from 'node:fs';
import type { BenchOptions, BenchReport, Progress } from '../bench/run-bench.js';
import { InputError } from '../scenarios/errors.js';
import { writeFileAtomically } from '../sim/output-folder.js';
import { fail } from './failure.js';
import { readScenario } from './run-command.js';

/**
 * A file the benchmark may write: new, or one it wrote before (a JSON benchmark report, chart or its SVG). Anything
 * else is the user's and is refused before the benchmark starts.
 */
function checkBenchFile(path: string | undefined, option: string): void {
  if (path === undefined || !existsSync(path)) return;
  let ours = false;
  try {
    const text = readFileSync(path, 'utf8');
    if (path.endsWith('.svg')) {
      ours = text.startsWith('<svg') && text.includes('departure-sim');
    } else {
      const v = JSON.parse(text) as Record<string, unknown>;
      ours = Array.isArray(v.figures) || Array.isArray(v.cases)
        || (typeof v.$schema === 'string' && String(v.$schema).includes('vega-lite') && String(v.title ?? '').includes('departure-sim'));
    }
  } catch {
    ours = false;
  }
  if (!ours) throw new InputError(option, [{ path: option, value: path, expected: 'expected a new file, or a benchmark file this command wrote: this file is something else and is never replaced' }]);
}

/** Status on stderr, only on a terminal and without --quiet: a line that stays, or one that the next replaces. */
function terminalProgress(quiet: boolean): Progress & { end(): void } {
  const on = !quiet && Boolean(process.stderr.isTTY);
  let pending = false;
  const width = () => Math.max(20, (process.stderr.columns ?? 100) - 1);
  return {
    line(text) {
      if (!on) return;
      process.stderr.write(`${pending ? '\r\x1b[2K' : ''}${text}\n`);
      pending = false;
    },
    status(text) {
      if (!on) return;
      process.stderr.write(`\r\x1b[2K${text.length > width() ? `${text.slice(0, width() - 3)}...` : text}`);
      pending = true;
    },
    end() {
      if (on && pending) process.stderr.write('\r\x1b[2K');
      pending = false;
    },
  };
}

export interface BenchFlags extends BenchOptions {
  /** Hidden: the child that times the phases of one run (bench/phases.ts). */
  phasesOf?: string;
  phasesAgents?: number;
  phasesWorkers?: number;
}

/** `departure-sim bench` / `npm run bench`. */
export async function benchCommand(o: BenchFlags): Promise<void> {
  if (o.phasesOf) return phasesChild(o.phasesOf, o.phasesAgents ?? 1, o.phasesWorkers ?? 1);
  if (o.compare) return compareCommand(o.compare);
  const { checkRatios, formatCheck, readBaseline } = await import('../bench/check.js');
  let baseline: ReturnType<typeof readBaseline> | undefined;
  const chart = o.chart ?? (o.json ? o.json.replace(/\.json$/, '') + '.vl.json' : undefined);
  const svg = chart?.endsWith('.vl.json') ? chart.replace(/\.vl\.json$/, '.svg') : undefined;
  try {
    if (o.check) baseline = readBaseline(o.check);
    checkBenchFile(o.json, '--json');
    checkBenchFile(chart, '--chart');
    checkBenchFile(svg, '--chart');
  } catch (e) {
    fail(e);
  }
  const { measureBench } = await import('../bench/run-bench.js');
  const progress = terminalProgress(o.quiet ?? false);
  let report: BenchReport;
  try {
    report = await measureBench(o, (file, overrides) => readScenario(file, overrides), progress);
  } catch (e) {
    progress.end();
    fail(e);
  }
  progress.end();
  if (!o.quiet) process.stdout.write((await import('../bench/format.js')).formatReport(report));
  if (o.json) writeFileAtomically(o.json, `${JSON.stringify(report, null, 2)}\n`);
  if (chart) {
    const { throughputChart } = await import('../bench/chart.js');
    const m = report.meta;
    const spec = throughputChart(report.figures, `departure-sim throughput (${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date.slice(0, 10)})`);
    writeFileAtomically(chart, `${JSON.stringify(spec, null, 2)}\n`);
    if (svg) writeFileAtomically(svg, await (await import('../reports/render.js')).renderSvg(spec as never));
  }
  if (baseline && o.check) {
    const outcomes = checkRatios(report.ratios, baseline);
    process.stdout.write(formatCheck(outcomes, o.check));
    if (report.reference && !report.reference.agrees) {
      process.stdout.write(`note the object-per-agent reference and the engine differ beyond sampling noise (worst z ${report.reference.worstZ.toFixed(1)}): `
        + 'informational only, the reference follows the model as it was written (bench/README.md)\n');
    }
    const machine = report.figures.find((x) => x.id === 'machine.efficiency');
    if (machine && machine.median < 0.8) {
      process.stdout.write(`note the machine itself gave only ${machine.median.toFixed(2)} of ${report.meta.cores} cores to a fixed compute loop during this run `
        + `(load ${report.meta.loadAverageStart[0].toFixed(1)}): other jobs held cores, so the efficiency ratios say little about the engine's scaling\n`);
    }
    if (outcomes.some((c) => !c.ok)) process.exitCode = 1;
  }
}

/** `bench --compare A.json B.json`: ratios B/A; exit 0 whatever changed, 2 when a file is not a benchmark file. */
async function compareCommand(files: string[]): Promise<void> {
  const { compareBench, formatComparison, readBenchFile } = await import('../bench/compare.js');
  try {
    if (files.length !== 2) throw new InputError('--compare', [{ path: '--compare', value: files, expected: 'expected exactly two files: --compare A.json B.json' }]);
    const [a, b] = files.map(readBenchFile);
    process.stdout.write(formatComparison(a, b, compareBench(a, b)));
  } catch (e) {
    fail(e);
  }
}

/** The hidden child of the benchmark: time the phases of one cold run and print them as JSON. */
async function phasesChild(file: string, agents: number, workers: number): Promise<void> {
  try {
    const { phasesOfRun } = await import('../bench/phases.js');
    process.stdout.write(`${JSON.stringify(await phasesOfRun((f, ov) => readScenario(f, ov), file, agents, workers))}\n`);
  } catch (e) {
    fail(e);
  }
}
