import { join } from 'node:path';
import { InputError } from '../scenarios/errors.js';
import { PendingFolder } from '../sim/output-folder.js';
import { fail } from './failure.js';

function port(text: string | undefined): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InputError('--port', [{ path: 'port', value: text, expected: 'expected a whole number from 0 to 65535 (0: any free port)' }]);
  }
  return n;
}

export interface ClassroomFlags {
  port?: string;
  static?: boolean;
  out?: string;
  force?: boolean;
}

/** The static copy's default folder: apart from every run, sweep and calibration folder under out/. */
export const DEFAULT_CLASSROOM_FOLDER = join('out', 'classroom');

/**
 * `departure-sim classroom`: bundle the page and serve it on 127.0.0.1 until Ctrl-C, printing the URL; with
 * `--static`, write a copy that opens from disk and print its path as the last line.
 */
export async function classroomCommand(flags: ClassroomFlags): Promise<void> {
  // esbuild and the bundle are needed only here.
  const { buildSite } = await import('../classroom/bundle.js');
  if (flags.static) {
    try {
      const folder = new PendingFolder({ path: flags.out ?? DEFAULT_CLASSROOM_FOLDER, kind: 'classroom', force: flags.force });
      folder.write(Object.fromEntries(await buildSite()));
      folder.commit();
      process.stdout.write(`Open the classroom from disk (no server needed; runs in one Web Worker):\n${join(folder.target, 'index.html')}\n`);
    } catch (e) {
      fail(e);
    }
    return;
  }
  let url: string;
  try {
    if (flags.out !== undefined || flags.force) throw new InputError('--out', [{ path: '--out', value: flags.out ?? '--force', expected: 'expected --out and --force only with --static (the server writes nothing)' }]);
    const wanted = port(flags.port);
    const { serveSite } = await import('../classroom/serve.js');
    const served = await serveSite(await buildSite(), wanted).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e;
      throw new InputError('--port', [{ path: 'port', value: flags.port, expected: `expected a port this user can listen on (${e.code})` }]);
    });
    url = served.url;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => served.server.close(() => process.exit(0)));
  } catch (e) {
    fail(e);
  }
  process.stdout.write(`Classroom at ${url} (Ctrl-C to stop)\n`);
}
