import { fail } from '../cli/failure.js';
import { InputError } from '../scenarios/errors.js';
import { buildSite } from './bundle.js';
import { serveSite } from './serve.js';

function port(text: string | undefined): number {
  if (text === undefined) return 0;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < 0 || n > 65535) {
    throw new InputError('--port', [{ path: 'port', value: text, expected: 'expected a whole number from 0 to 65535 (0: any free port)' }]);
  }
  return n;
}

/** `departure-sim classroom`: bundle the page, serve it on 127.0.0.1 until Ctrl-C, print the URL. */
export async function classroomCommand(flags: { port?: string }): Promise<void> {
  let url: string;
  try {
    const wanted = port(flags.port);
    const site = await buildSite();
    const served = await serveSite(site, wanted).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') throw e;
      throw new InputError('--port', [{ path: 'port', value: flags.port, expected: `expected a port this user can listen on (${e.code})` }]);
    });
    url = served.url;
    process.once('SIGINT', () => served.server.close(() => process.exit(0)));
  } catch (e) {
    fail(e);
  }
  process.stdout.write(`Classroom at ${url} (Ctrl-C to stop)\n`);
}
