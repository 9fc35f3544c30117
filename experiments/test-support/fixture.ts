import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BASE = join(ROOT, 'scenarios', 'cbp-home-2025.json');

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'departure-sim-exp-'));
}

/** A small experiment (few agents, six months) written to a file; `change` edits it first. */
export function writeExperiment(dir: string, change: (e: any) => void = () => {}, name = 'experiment.json'): string {
  const e: any = {
    version: 1, name: 'tiny', title: 'Tiny sweep', base: BASE,
    fixed: { 'time.steps': 6 }, agents: 3000, replicates: 2, seeds: [1, 2], budget: 100,
    design: {
      kind: 'grid',
      parameters: [
        { name: 'stipend', path: 'programme.stipend', values: [0, 4000] },
        { name: 'removalsPerDay', path: 'enforcement.removalsPerDay', min: 742, max: 1500, levels: 2 },
      ],
    },
  };
  change(e);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(e));
  return file;
}

/** Every file under a folder, by relative path, with its bytes as text (a PNG's in base64, so no byte is lost). */
export function folderContents(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, folderContents(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = name.endsWith('.png') ? readFileSync(path).toString('base64') : readFileSync(path, 'utf8');
  }
  return out;
}
