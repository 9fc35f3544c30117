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
