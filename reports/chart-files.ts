import type { TopLevelSpec } from 'vega-lite';
import { renderSvg, svgToPng } from './render.js';

/**
 * Each chart as the files a report writes beside its page: <name>.vl.json (its Vega-Lite specification),
 * <name>.svg and <name>.png. Used by the run, sweep, comparison and calibration reports.
 */
export async function chartFiles(charts: ReadonlyArray<{ name: string; spec: TopLevelSpec }>): Promise<Record<string, string | Uint8Array>> {
  // One SVG at a time (vega's counters are global), then every PNG at once: rasterising is most of a report's time.
  const svgs: string[] = [];
  for (const chart of charts) svgs.push(await renderSvg(chart.spec));
  const pngs = await Promise.all(svgs.map((svg) => svgToPng(svg)));
  const files: Record<string, string | Uint8Array> = {};
  charts.forEach((chart, i) => {
    files[`${chart.name}.vl.json`] = `${JSON.stringify(chart.spec, null, 2)}\n`;
    files[`${chart.name}.svg`] = svgs[i];
    files[`${chart.name}.png`] = pngs[i];
  });
  return files;
}
