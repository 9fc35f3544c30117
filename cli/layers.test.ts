import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The program's layers, lowest first: a module imports only from its own layer or below, and no import circle
 * exists. models/ is the model's meaning; scenarios/ what a user writes; sim/ the engine; reports/ what is shown;
 * experiments/, classroom/ and bench/ are built on those; cli/ puts commands on top. Tests and test-support files
 * may import anything.
 */
const LAYERS: Record<string, number> = { models: 0, scenarios: 1, sim: 2, reports: 3, experiments: 4, classroom: 4, bench: 4, cli: 5 };
const root = new URL('../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) return name === 'test-support' ? [] : sources(rel);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [rel] : [];
  });
}

/** Relative imports of a module (type-only ones too: a circle of types is still a circle of meaning). */
function imports(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+'(\.[^']+)'/g)]
    .map((m) => normalize(join(dirname(file), m[1])).replace(/\.js$/, '.ts'));
}

const files = Object.keys(LAYERS).flatMap(sources);
const graph = new Map(files.map((f) => [f, imports(f)]));
const layer = (f: string) => LAYERS[f.split('/')[0]];

describe('layers', () => {
  it('every import goes to the same layer or a lower one', () => {
    const upward = files.flatMap((f) => graph.get(f)!.filter((to) => layer(to) > layer(f)).map((to) => `${f} -> ${to}`));
    expect(upward).toEqual([]);
  });

  it('no import circle', () => {
    const state = new Map<string, 'open' | 'done'>();
    const circles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        circles.push([...path.slice(path.indexOf(f)), f].map((p) => relative('.', p)).join(' -> '));
        return;
      }
      state.set(f, 'open');
      for (const to of graph.get(f) ?? []) visit(to, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(circles).toEqual([]);
  });
});
