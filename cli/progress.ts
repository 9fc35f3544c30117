import cliProgress from 'cli-progress';

export interface Progress {
  /** `note`: words shown after the counts, e.g. which phase of a calibration is running. */
  update(done: number, total: number, note?: string): void;
  stop(): void;
}

/** A progress bar on an interactive terminal; nothing at all when output is piped or --quiet is given. */
export function progressBar(label: string, quiet: boolean): Progress {
  if (quiet || !process.stderr.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar({
    stream: process.stderr,
    format: `${label} [{bar}] {percentage}% | {value}/{total}{note} | ETA {eta_formatted}`,
    hideCursor: true,
    clearOnComplete: true,
  }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update(done, total, note) {
      const payload = { note: note ? ` ${note}` : '' };
      if (!started) {
        bar.start(total, 0, payload);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
