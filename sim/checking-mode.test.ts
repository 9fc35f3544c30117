import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsCsv, summaryJson } from './outputs.js';
import { createPool } from './pool.js';
import { runScenario } from './run.js';
import { testScenario } from './test-support/scenario.js';

/**
 * The fast path and the decision bound are performance options whose contract is to change no result. In checking
 * mode the step takes the reference path for every agent and verifies every agent's bound against its exact leave
 * probability (a bound too low throws); its outputs must equal the normal mode's byte for byte. Every preset and
 * case preset, and weekly and daily variants.
 */
const pool = createPool(2);
afterAll(() => pool.close());

const presets = readdirSync(new URL('../scenarios/', import.meta.url)).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json')).map((f) => f.replace(/\.json$/, ''));
const cases: Array<[string, string, (raw: any) => void]> = [
  ...presets.map((p): [string, string, (raw: any) => void] => [p, p, () => {}]),
  ['cbp-home-2025, weekly steps', 'cbp-home-2025', (raw) => { raw.time.stepUnit = 'week'; raw.time.steps = 80; }],
  ['cbp-home-2025, daily steps', 'cbp-home-2025', (raw) => { raw.time.stepUnit = 'day'; raw.time.steps = 400; raw.population.agents = 10_000; }],
  ['credible-legal-return, weekly steps', 'credible-legal-return', (raw) => { raw.time.stepUnit = 'week'; raw.time.steps = 60; }],
  // Employment, outreach, capitalised benefits, instalments, households and a programme end.
  ...['spain-apre-2008', 'japan-nikkeijin-2009', 'germany-starthilfeplus-2017'].map((c): [string, string, (raw: any) => void] => [c, `cases/${c}`, () => {}]),
  // The census shrinks by about 4% a month, so epochs end early when the removal risk outgrows them.
  ['20,000 removals a day', 'high-enforcement', (raw) => { raw.enforcement.removalsPerDay = [{ from: raw.time.start, value: 20_000 }]; }],
];

describe('checking mode', () => {
  it.each(cases)('%s: the fast path and the bound change no result', async (_, preset, change) => {
    const s = testScenario(preset, (raw) => {
      raw.population.agents = 40_000;
      change(raw);
    });
    const [fast, checked] = await Promise.all([false, true].map(async (check) => {
      const out = await runScenario(s, { executor: pool, twin: true, check });
      return resultsCsv(out) + summaryJson(out, '');
    }));
    expect(checked === fast).toBe(true);
  }, 120_000);
});
