import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { resultsCsv, summaryJson } from './outputs.js';
import { createPool } from './pool.js';
import { runScenario } from './run.js';
import { testScenario } from './test-support/scenario.js';

/**
 * Golden outputs: what the engine computes, pinned byte for byte. Every other determinism test compares runs with
 * each other, so a change that moves every result alike (a reordered random stream, a changed formula) would pass
 * them; this one fails. Regenerate only on purpose, with the reason in the commit:
 *   UPDATE_GOLDEN=1 npx vitest run sim/golden.test.ts
 */
const pool = createPool(2);
afterAll(() => pool.close());

// 14 monthly steps: past the first anniversary, when a cohort stops counting as recent arrivals.
const CASES = {
  'cbp-home-2025': testScenario('cbp-home-2025', (s) => { s.population.agents = 40_000; s.time.steps = 14; }),
  'cbp-home-2025-planned-behaviour': testScenario('cbp-home-2025-planned-behaviour', (s) => { s.population.agents = 40_000; s.time.steps = 14; }),
};

describe('golden outputs', () => {
  for (const [name, scenario] of Object.entries(CASES)) {
    it(`${name}: results.csv and summary.json as pinned`, async () => {
      const out = await runScenario(scenario, { executor: pool, twin: true });
      // The package version is not a result: a release must not change the golden files.
      const { package: _, ...summary } = JSON.parse(summaryJson(out, 'golden'));
      for (const [file, text] of [['results.csv', resultsCsv(out)], ['summary.json', `${JSON.stringify(summary, null, 2)}\n`]]) {
        const path = new URL(`./golden/${name}.${file}`, import.meta.url);
        if (process.env.UPDATE_GOLDEN) writeFileSync(path, text);
        expect(existsSync(path), `sim/golden/${name}.${file} is missing`).toBe(true);
        expect(text === readFileSync(path, 'utf8'), `${name} ${file} differs from sim/golden/ (see the comment at the top of this test)`).toBe(true);
      }
    }, 60_000);
  }
});
