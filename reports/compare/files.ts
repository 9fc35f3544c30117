import type { Comparison } from '../../sim/comparison.js';
import { chartFiles } from '../chart-files.js';
import { vendorScripts } from '../vendor.js';
import { comparisonCharts } from './charts.js';
import { comparisonHtml } from './page.js';

/** The files of a comparison's report/: index.html and, per chart, <name>.vl.json, .svg and .png. */
export async function comparisonReportFiles(c: Comparison): Promise<Record<string, string | Uint8Array>> {
  const charts = comparisonCharts(c);
  return { ...(await chartFiles(charts)), 'index.html': comparisonHtml(c, charts, await vendorScripts()) };
}
