import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const POINT_FILE = /^p(\d{6})\.json$/;

/** Finished point files of a sweep folder, by point index; temporaries of a killed write are removed. */
export function finishedPoints(dir: string): Map<number, string> {
  const folder = join(dir, 'points');
  const out = new Map<number, string>();
  if (!existsSync(folder)) return out;
  for (const name of readdirSync(folder)) {
    const m = POINT_FILE.exec(name);
    if (m) out.set(Number(m[1]), join(folder, name));
    else if (name.startsWith('.') && name.includes('.tmp-')) rmSync(join(folder, name), { force: true });
  }
  return out;
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}
