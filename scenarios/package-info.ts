import { execFile } from 'node:child_process';
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

let commit: Promise<string> | undefined;
/**
 * The git commit of this installation ("-dirty" when it has uncommitted changes), or "unknown" outside a git
 * checkout (an npm install): which code made an output, beside the version. Asked once and in the background:
 * `git describe` takes 15-30 ms, which a command starts before its work and collects when it writes its outputs.
 */
export function packageCommit(): Promise<string> {
  commit ??= new Promise((resolve) => {
    execFile('git', ['describe', '--always', '--dirty', '--abbrev=40'], { cwd: packageRoot(), encoding: 'utf8' },
      (error, stdout) => resolve(error ? 'unknown' : stdout.trim() || 'unknown'));
  });
  return commit;
}

/** The package's name, version and commit, as every summary.json and meta.json records them. */
export type PackageIdentity = typeof PACKAGE & { commit: string };

export async function packageIdentity(): Promise<PackageIdentity> {
  return { ...PACKAGE, commit: await packageCommit() };
}
