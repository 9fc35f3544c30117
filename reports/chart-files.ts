import type { TopLevelSpec } from 'vega-lite';
import { renderSvg, svgToPng } from './render.js';

/**
 * Each chart as the files a report writes beside its page: <name>.vl.json (its Vega-Lite specification),
 * <name>.svg and <name>.png. Used by the run, sweep and comparison reports.
 */
export async function chartFiles(charts: ReadonlyArray<{ name: string; spec: TopLevelSpec }>): Promise<Record<string, string | Uint8Array>> {
  const files: Record<string, string | Uint8Array> = {};
  for (const chart of charts) {
    const svg = await renderSvg(chart.spec);
    files[`${chart.name}.vl.json`] = `${JSON.stringify(chart.spec, null, 2)}\n`;
    files[`${chart.name}.svg`] = svg;
    files[`${chart.name}.png`] = svgToPng(svg);
  }
  return files;
}
