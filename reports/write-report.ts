import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFolderAtomically } from '../sim/outputs.js';
import { buildCharts } from './charts/index.js';
import { readResultsCsv } from './csv.js';
import { buildIndexHtml } from './html.js';
import { renderSvg, svgToPng } from './render.js';
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

/**
 * Writes runDir/report/ (index.html and, per chart, <name>.vl.json, .svg and .png) from runDir/results.csv and
 * runDir/summary.json, and returns the path of index.html. The report is built in a temporary sibling folder and
 * renamed into place, so an interrupted build leaves the previous report, or none, never half of one.
 */
export async function writeReport(runDir: string): Promise<string> {
  const [rows, summary] = await Promise.all([
    readResultsCsv(join(runDir, 'results.csv')),
    readSummary(join(runDir, 'summary.json')),
  ]);
  const scenario = await readScenario(runDir, summary.resolvedScenario);
  const charts = buildCharts({ rows, summary });

  const target = join(runDir, 'report');
  await writeFolderAtomically(target, {}, async (building) => {
    for (const chart of charts) {
      const svg = await renderSvg(chart.spec);
      await writeFile(join(building, `${chart.name}.vl.json`), `${JSON.stringify(chart.spec, null, 2)}\n`);
      await writeFile(join(building, `${chart.name}.svg`), svg);
      await writeFile(join(building, `${chart.name}.png`), svgToPng(svg));
    }
    const html = buildIndexHtml({ summary, rows, charts, scenario, vendor: await vendorScripts() });
    await writeFile(join(building, 'index.html'), html);
  });
  return join(target, 'index.html');
}

