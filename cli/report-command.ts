import { fail } from './failure.js';

/** `departure-sim report DIR`: rebuild the report of a run folder from its saved outputs. */
export async function reportCommand(dir: string, flags: { force?: boolean }): Promise<void> {
  try {
    // Loaded on demand: vega and resvg are needed only here and by `run` with a report.
    const { rebuildReport } = await import('../reports/write-report.js');
    process.stdout.write(`${await rebuildReport(dir, flags.force)}\n`);
  } catch (e) {
    fail(e);
  }
}
