import { createRequire } from 'node:module';

export interface Progress {
  /** `note`: words shown after the counts, e.g. which phase of a calibration is running. */
  update(done: number, total: number, note?: string): void;
  stop(): void;
}

/**
 * A progress bar on an interactive terminal; nothing at all when output is piped or --quiet is given. It is drawn
 * at once, before the first unit of work ends (synthesis and the first step of a large run take seconds), and its
 * counter says what it counts: "12/72 steps". `stream` is for tests; commands draw on standard error.
 */
export function progressBar(label: string, quiet: boolean, unit = '', stream: NodeJS.WriteStream = process.stderr): Progress {
  if (quiet || !stream.isTTY) return { update() {}, stop() {} };
  // Loaded here, not with the module: a run that draws no bar (piped, --quiet) does not pay for loading it.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof import('cli-progress');
  const counted = unit ? ` ${unit}` : '';
  const bar = new cliProgress.SingleBar({
    stream,
    // Until the first update the total is unknown (0): the bar says it is starting rather than showing 0/0.
    format: (options, params, payload) => cliProgress.Format.Formatter({
      ...options,
      // No estimate of the time left before the first unit is done (it would read "NFs").
      format: params.total === 0 ? `${label} [${cliProgress.Format.BarFormat(0, options)}] starting`
        : `${label} [{bar}] {percentage}% | {value}/{total}${counted}{note}${params.value > 0 ? ' | ETA {eta_formatted}' : ''}`,
    }, params, payload),
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  bar.start(0, 0, { note: '' });
  return {
    update(done, total, note) {
      if (bar.getTotal() !== total) bar.setTotal(total);
      bar.update(done, { note: note ? ` ${note}` : '' });
    },
    stop() {
      bar.stop();
    },
  };
}
