import { existsSync, readFileSync } from 'node:fs';
import { throughputChart } from '../bench/chart.js';
import { checkRatios, readBaseline, type Baseline } from '../bench/check.js';
import { formatCheck, formatReport, measureBench, reportJson, type BenchOptions, type BenchReport } from '../bench/run-bench.js';
import { InputError } from '../scenarios/errors.js';
import { writeFileAtomically } from '../sim/output-folder.js';
import { fail } from './failure.js';

/**
 * A file the benchmark may write: new, or one it wrote before (a JSON benchmark report or chart). Anything else is
 * the user's and is refused before the benchmark starts.
 */
function checkBenchFile(path: string | undefined, option: string): void {
  if (path === undefined || !existsSync(path)) return;
  let ours = false;
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    ours = Array.isArray(v.cases) || (typeof v.$schema === 'string' && String(v.$schema).includes('vega-lite') && String(v.title ?? '').includes('departure-sim'));
  } catch {
    ours = false;
  }
  if (!ours) throw new InputError(option, [{ path: option, value: path, expected: 'expected a new file, or a benchmark file this command wrote: this file is something else and is never replaced' }]);
}

/** `departure-sim bench` / `npm run bench`. */
export async function benchCommand(o: BenchOptions): Promise<void> {
  let baseline: Baseline | undefined;
  const chart = o.chart ?? (o.json ? o.json.replace(/\.json$/, '') + '.vl.json' : undefined);
  try {
    if (o.check) baseline = readBaseline(o.check);
    checkBenchFile(o.json, '--json');
    checkBenchFile(chart, '--chart');
  } catch (e) {
    fail(e);
  }
  const log = (line: string) => {
    if (!o.quiet && process.stderr.isTTY) process.stderr.write(`${line}\n`);
  };
  let report: BenchReport;
  try {
    report = await measureBench(o, log);
  } catch (e) {
    fail(e);
  }
  if (!o.quiet) process.stdout.write(formatReport(report));
  if (o.json) writeFileAtomically(o.json, `${JSON.stringify(reportJson(report), null, 2)}\n`);
  if (chart) {
    const title = `departure-sim engine throughput (${report.cpu}, ${report.cores} cores, Node ${report.node})`;
    writeFileAtomically(chart, `${JSON.stringify(throughputChart(report.cases, title), null, 2)}\n`);
  }
  if (baseline && o.check) {
    const outcomes = checkRatios({ speedupVsReference: report.speedupVsReference, parallelEfficiency: report.parallelEfficiency }, baseline);
    process.stdout.write(formatCheck(outcomes, o.check));
    const refOk = report.reference.every((x) => x.agrees);
    if (!refOk) process.stdout.write('FAIL the reference implementation and the engine disagree beyond sampling noise\n');
    if (outcomes.some((c) => !c.ok) || !refOk) process.exitCode = 1;
  }
}
