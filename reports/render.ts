import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
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
