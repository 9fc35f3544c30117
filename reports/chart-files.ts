import { Piscina } from 'piscina';
import type { TopLevelSpec } from 'vega-lite';
import { workerFile } from '../sim/pool.js';
import { renderSvg } from './render.js';

/**
 * Each chart as the files a report writes beside its page: <name>.vl.json (its Vega-Lite specification),
 * <name>.svg and <name>.png. Used by the run, sweep, comparison and calibration reports.
 */
export async function chartFiles(charts: ReadonlyArray<{ name: string; spec: TopLevelSpec }>): Promise<Record<string, string | Uint8Array>> {
  // SVGs are drawn here one at a time (vega's counters are global). Each goes to a worker thread to be rasterised
  // while the next is drawn: rasterising, resvg's drawing and above all its PNG encoding, which holds the thread
  // that calls it, was a fifth of a report's time. One thread takes every chart at once: resvg draws them side by
  // side on libuv's threads, and the thread encodes each as its drawing ends.
  const pool = new Piscina<string, Uint8Array>({
    filename: workerFile('reports/png-worker.js'), minThreads: 1, maxThreads: 1, concurrentTasksPerWorker: Math.max(1, charts.length),
  });
  const svgs: string[] = [];
  const pngs: Array<Promise<Uint8Array>> = [];
  try {
    for (const chart of charts) {
      const svg = await renderSvg(chart.spec);
      svgs.push(svg);
      const png = pool.run(svg);
      // Handled here so that a failure before the loop ends is not an unhandled rejection; Promise.all reports it.
      png.catch(() => {});
      pngs.push(png);
    }
    const images = await Promise.all(pngs);
    const files: Record<string, string | Uint8Array> = {};
    charts.forEach((chart, i) => {
      files[`${chart.name}.vl.json`] = `${JSON.stringify(chart.spec, null, 2)}\n`;
      files[`${chart.name}.svg`] = svgs[i];
      files[`${chart.name}.png`] = images[i];
    });
    return files;
  } finally {
    // No worker is still rasterising when the pool closes, whether the report was made or failed.
    await Promise.allSettled(pngs);
    await pool.destroy();
  }
}
