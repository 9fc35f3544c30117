import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from './json-schema.js';

describe('scenario.schema.json', () => {
  it('is the schema generated from the zod schema (run "npm run schema" after changing it)', () => {
    const committed = readFileSync(new URL('./scenario.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchema());
  });

  it('forbids unknown keys and documents defaults, as editors need', () => {
    const schema = JSON.parse(scenarioJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.enforcement.properties.removalCost.default).toBe(0);
    expect(schema.properties.version.const).toBe(2);
  });
});
