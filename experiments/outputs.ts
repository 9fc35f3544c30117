import { doseResponse, heatmap, morris, scatter, sobol, type ChartSpec, type SummaryDatum } from '../reports/experiments/charts.js';
import { experimentHtml } from '../reports/experiments/page.js';
import { vendorScripts } from '../reports/vendor.js';
import { morrisCsv, morrisRows, sobolCsv, sobolRows, summaryCsv, summaryRows, type SummaryRow } from './analysis.js';
import { sweepResultsCsv, type PointRecord } from './records.js';
import type { Experiment } from './schema.js';

/**
 * Every output of a finished sweep, built only from its point records in point order: the same records give
 * the same bytes however the points were run, split or resumed.
 */
export async function sweepOutputs(e: Experiment, records: readonly PointRecord[]): Promise<Record<string, string>> {
  const names = e.design.parameters.map((p) => p.name);
  const summary = summaryRows(records);
  const files: Record<string, string> = {
    'results.csv': sweepResultsCsv(names, records),
    'summary.csv': summaryCsv(names, summary),
  };
  const charts: ChartSpec[] = [];
  const data = chartData(names, summary.filter((r) => r.seed === e.seeds[0]));
  if (e.design.kind === 'grid') {
    charts.push(doseResponse(data, names));
    if (names.length >= 2) charts.push(heatmap(data, names, 'additional_departures'), heatmap(data, names, 'cost_per_additional_departure'));
  } else if (e.design.kind === 'latin-hypercube') {
    charts.push(scatter(data, names));
  } else if (e.design.kind === 'morris') {
    const rows = morrisRows(e, records);
    files['morris.csv'] = morrisCsv(rows);
    charts.push(morris(rows.flatMap((r) => (r.index ? [{ parameter: r.parameter, series: r.series, mu_star: r.index.muStar, sigma: r.index.sigma }] : []))));
  } else {
    const rows = sobolRows(e, records);
    files['sobol.csv'] = sobolCsv(rows);
    charts.push(sobol(rows.flatMap((r) => (r.index ? [
      { parameter: r.parameter, series: r.series, index: 'S1' as const, value: r.index.s1, lo: r.index.s1Lo, hi: r.index.s1Hi },
      { parameter: r.parameter, series: r.series, index: 'ST' as const, value: r.index.st, lo: r.index.stLo, hi: r.index.stHi },
    ] : []))));
  }
  files['report.html'] = experimentHtml({
    title: e.title,
    description: e.description,
    facts: [
      ['Experiment', e.name],
      ['Design', `${e.design.kind}, ${records.length} points (${e.seeds.length} seed${e.seeds.length === 1 ? '' : 's'}: ${e.seeds.join(', ')})`],
      ['Parameters', e.design.parameters.map((p) => `${p.name} (${p.path})`).join('; ')],
      ['Replicates per point', String(e.replicates)],
      ['Charts show', e.seeds.length > 1 ? `seed ${e.seeds[0]}; summary.csv has every seed` : `seed ${e.seeds[0]}`],
    ],
    files: Object.keys(files).concat('design.csv', 'experiment.json').filter((f) => f !== 'report.html').sort(),
    charts,
    vendor: await vendorScripts(),
  });
  return files;
}

function chartData(names: readonly string[], rows: readonly SummaryRow[]): SummaryDatum[] {
  return rows.map((r) => ({
    point: r.point, seed: r.seed, series: r.series, mean: r.value.mean, lo95: r.value.lo95, hi95: r.value.hi95,
    ...Object.fromEntries(names.map((n, i) => [n, r.values[i]])),
  }));
}
