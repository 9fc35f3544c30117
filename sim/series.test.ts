import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COST_SERIES } from './results.js';
import { SERIES } from './series.js';

describe('the series table', () => {
  it('is what docs/outputs.md documents, row for row', () => {
    const doc = readFileSync(new URL('../docs/outputs.md', import.meta.url), 'utf8');
    const rows = [...doc.matchAll(/^\| `([a-z_]+)` \| (yes)? *\| (\w+) \| (\w+) \| (.*) \|$/gm)]
      .map((m) => ({ name: m[1], byGroup: m[2] === 'yes', unit: m[3], kind: m[4], description: m[5] }));
    const table = [...SERIES, COST_SERIES].map((d) => ({ name: d.name, byGroup: 'byGroup' in d && d.byGroup === true, unit: d.unit, kind: d.kind, description: d.description }));
    expect(rows).toEqual(table);
  });

  it('names each series once per group-ness', () => {
    const keys = SERIES.map((d) => `${d.name}${d.byGroup ? '.G' : ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
