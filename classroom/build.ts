import { join, resolve } from 'node:path';
import { writeFolderAtomically } from '../sim/outputs.js';
import { fail } from '../cli/failure.js';
import { buildSite } from './bundle.js';

/** `npm run classroom:build`: write the static copy (opens from disk) and print its path as the last line. */
const dir = resolve(process.argv[2] ?? join('out', 'classroom'));
try {
  const site = await buildSite();
  await writeFolderAtomically(dir, Object.fromEntries(site));
} catch (e) {
  fail(e);
}
process.stdout.write(`Open the classroom from disk (no server needed; runs in one Web Worker):\n${join(dir, 'index.html')}\n`);
