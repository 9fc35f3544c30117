import { renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FONT_FAMILY } from './charts/common.js';
import { findDejaVu } from './fonts.js';
import { useDejaVuTextMetrics } from './text-metrics.js';

type Logger = NonNullable<NonNullable<Parameters<typeof compile>[1]>['logger']>;

/** Compiles Vega-Lite to Vega, collecting the compiler's warnings instead of printing them. */
export function compileSpec(spec: TopLevelSpec): { vega: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const text = (args: unknown[]) => args.map(String).join(' ');
  const logger: Logger = {
    level(level?: number) {
      return level === undefined ? vega.Warn : logger;
    },
    error(...args: unknown[]) {
      throw new Error(text(args));
    },
    warn(...args: unknown[]) {
      warnings.push(text(args));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return { vega: compile(spec, { logger }).spec, warnings };
}

/**
 * Renders a spec to SVG in Node: no DOM and no canvas are needed with the 'none' renderer. Vega numbers clip paths
 * and gradients from counters global to the process; they start afresh for each SVG, so the same spec gives the
 * same bytes however many charts were drawn before it (a sweep's outputs must not depend on that).
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  useDejaVuTextMetrics();
  const view = new vega.View(vega.parse(compileSpec(spec).vega), { renderer: 'none' });
  try {
    await view.runAsync();
    vega.resetSVGDefIds();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG from renderSvg, off the main thread (resvg renders on libuv's thread pool), so that a
 * report's charts rasterise side by side. resvg only knows fonts it is given: with DejaVu Sans found it loads
 * nothing else, so the PNG is the same on every machine; without it, it falls back to the system's sans-serif
 * face rather than drawing no text at all.
 */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const dejavu = findDejaVu();
  const fontFiles = dejavu ? [dejavu.regular, ...(dejavu.bold ? [dejavu.bold] : [])] : [];
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    font:
      fontFiles.length > 0
        ? { fontFiles, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }
        : { loadSystemFonts: true },
  });
  return image.asPng();
}
