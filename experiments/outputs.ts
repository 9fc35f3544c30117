import type { TopLevelSpec } from 'vega-lite';
import { doseResponse, heatmap, incrementalCost, morris, scatter, sobol, type ChartSpec, type ParameterLabel, type SummaryDatum } from '../reports/experiments/charts.js';
import { experimentHtml } from '../reports/experiments/page.js';
import { describeParameter, formatUnit, readScenarioSchema } from '../reports/parameters.js';
import { chartFiles } from '../reports/chart-files.js';
import { vendorScripts } from '../reports/vendor.js';
import { morrisCsv, morrisRows, sobolCsv, sobolRows, summaryCsv, summaryRows, type SummaryRow } from './analysis.js';
import { sweepResultsCsv, type PointRecord } from './records.js';
import { SLOPE_SERIES, slopeRows, slopesCsv } from './slopes.js';
import type { Experiment } from './schema.js';

/** What the charts need of each point's scenario, by point index: the cost of one removal to compare against. */
export type PointScenarios = ReadonlyArray<{ scenario: { enforcement: { removalCost: number }; currency: { code: string; year: number } } }>;

/**
 * Every output of a finished sweep, built only from its point records in point order (and, for the cost of a
 * removal, the points' scenarios, which the records' scenario hashes pin down): the same records give the same
 * bytes however the points were run, split or resumed. Each chart is also written as <name>.vl.json, .svg and
 * .png beside report.html; the PNGs are the only binary files.
 */
export async function sweepOutputs(e: Experiment, records: readonly PointRecord[], points: PointScenarios): Promise<Record<string, string | Uint8Array>> {
  const names = e.design.parameters.map((p) => p.name);
  const schema = readScenarioSchema();
  // Money is in the base scenario's currency (as the first point states it).
  const currency = points[0].scenario.currency;
  const labels: ParameterLabel[] = e.design.parameters.map((p) => {
    const { description, unit } = describeParameter(schema, p.path);
    return { name: p.name, path: p.path, description, unit: formatUnit(unit, currency) };
  });
  const summary = summaryRows(records);
  const files: Record<string, string | Uint8Array> = {
    'results.csv': sweepResultsCsv(names, records),
    'summary.csv': summaryCsv(names, summary),
  };
  const removalCosts = [...new Set(points.map((p) => p.scenario.enforcement.removalCost))];
  const charts: ChartSpec[] = [];
  const data = chartData(names, summary.filter((r) => r.seed === e.seeds[0]), points);
  if (e.design.kind === 'grid') {
    charts.push(doseResponse(data, labels));
    const slopes = slopeRows(e, records);
    if (slopes.length > 0) {
      files['slopes.csv'] = slopesCsv(names, slopes, currency.code);
      // The chart shows the first seed and, with three or more parameters, the lowest level of the third and later.
      const lowest = names.slice(2).map((_, k) => Math.min(...records.map((r) => r.values[k + 2])));
      const shown = slopes.filter((r) => r.seed === e.seeds[0] && r.series === SLOPE_SERIES.cost && r.from.values.slice(2).every((v, k) => v === lowest[k]));
      charts.push(incrementalCost(shown.map((r) => ({ from: r.from.values[0], to: r.to.value, ...(names.length > 1 ? { level: r.from.values[1] } : {}), ...r.value })), labels, removalCosts.length === 1 ? removalCosts[0] : null));
    }
    if (names.length >= 2) charts.push(heatmap(data, labels, 'additional_departures'), heatmap(data, labels, 'cost_per_additional_departure'));
  } else if (e.design.kind === 'latin-hypercube') {
    charts.push(scatter(data, labels));
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
  const dataFiles = Object.keys(files).concat('design.csv', 'experiment.json').sort();
  Object.assign(files, await chartFiles(charts.map((c) => ({ name: c.name, spec: (c.exportSpec ?? c.spec) as unknown as TopLevelSpec }))));
  files['report.html'] = experimentHtml({
    title: e.title,
    description: e.description,
    facts: [
      ['Experiment', e.name],
      ['Design', `${e.design.kind}, ${records.length} points (${e.seeds.length} seed${e.seeds.length === 1 ? '' : 's'}: ${e.seeds.join(', ')})`],
      ['Parameters', labels.map((p) => `${p.name}: ${p.path}${p.unit ? ` (${p.unit})` : ''}${p.description ? `, "${p.description}"` : ''}`).join('; ')],
      ['Replicates per point', String(e.replicates)],
      ...(removalCosts.length === 1 ? [['Cost of one removal', `$${removalCosts[0].toLocaleString('en-US')} (enforcement.removalCost)`] as [string, string]] : []),
      ['Charts show', e.seeds.length > 1 ? `seed ${e.seeds[0]}; summary.csv has every seed` : `seed ${e.seeds[0]}`],
    ],
    files: dataFiles,
    charts,
    vendor: await vendorScripts(),
  });
  return files;
}

function chartData(names: readonly string[], rows: readonly SummaryRow[], points: PointScenarios): SummaryDatum[] {
  return rows.map((r) => ({
    point: r.point, seed: r.seed, series: r.series, mean: r.value.mean, lo95: r.value.lo95, hi95: r.value.hi95,
    removalCost: points[r.point]?.scenario.enforcement.removalCost ?? null,
    ...Object.fromEntries(names.map((n, i) => [n, r.values[i]])),
  }));
}
