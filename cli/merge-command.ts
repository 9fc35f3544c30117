import { mergeSweeps } from '../experiments/merge.js';
import { fail } from './failure.js';

export async function mergeCommand(dirs: string[], flags: { out: string; force?: boolean; quiet?: boolean }): Promise<void> {
  try {
    const r = await mergeSweeps(dirs, { out: flags.out, force: flags.force });
    if (!flags.quiet) process.stdout.write(`Merged ${dirs.length} folder${dirs.length === 1 ? '' : 's'}: ${r.points} points.\nOutputs: ${flags.out}\n`);
  } catch (e) {
    fail(e);
  }
}
