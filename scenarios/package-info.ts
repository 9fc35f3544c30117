import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root, found from this file whether it runs from sim/ (tests) or dist/sim/ (built). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'departure-sim') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('departure-sim: cannot find the package root');
    dir = up;
  }
}

const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
export const PACKAGE = { name: pkg.name, version: pkg.version };

/** What `npm run build` records of the code it built (cli/bundle.ts). */
export function buildInfoFile(): string {
  return join(packageRoot(), 'dist', 'build.json');
}

/**
 * The git commit the running code was built from ("-dirty" when the build had uncommitted changes), or "unknown"
 * when it was built outside a git checkout (an npm install): which code made an output, beside the version. The
 * build records it, so that no command starts a git process (6-30 ms each on the project's 2-core machine).
 */
export function packageCommit(file = buildInfoFile()): string {
  try {
    const { commit } = JSON.parse(readFileSync(file, 'utf8')) as { commit?: unknown };
    return typeof commit === 'string' && commit ? commit : 'unknown';
  } catch {
    return 'unknown';
  }
}
