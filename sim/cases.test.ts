import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../scenarios/load.js';
import { createPool } from './pool.js';
import { runScenario } from './run.js';
import { observationFits } from './windows.js';

/**
 * The case presets of scenarios/cases/ (the programmes of EVIDENCE.md, with their populations, recessions,
 * outreach, capitalised benefits and commitments): each loads, runs, conserves its persons in both arms at every
 * step, and sets every observation it states against the run.
 */
const pool = createPool(2);
afterAll(() => pool.close());

const dir = new URL('../scenarios/cases/', import.meta.url);
const cases = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

describe('case presets', () => {
  it('are the three programmes of EVIDENCE.md besides the US preset', () => {
    expect(cases).toEqual(['germany-starthilfeplus-2017.json', 'japan-nikkeijin-2009.json', 'spain-apre-2008.json']);
  });

  it.each(cases)('%s runs, conserves persons in both arms and reports its observations', async (file) => {
    const s = loadScenario(new URL(file, dir).pathname, (raw: any) => ({ ...raw, replicates: 2, population: { ...raw.population, agents: 20_000 } }));
    const out = await runScenario(s, { executor: pool, twin: true });
    const stocks = ['present', 'registered', 'preparing', 'cum_departures_assisted', 'cum_departures_unassisted', 'cum_removals'];
    for (const r of out.replicates) {
      // The persons actually drawn: the stocks at the first step, before anyone can have left (background included).
      for (const arm of [0, 1]) {
        const total = (t: number) => stocks.reduce((a, name) => a + r.series[name][arm][t], 0);
        for (let t = 1; t < out.policy.steps; t++) expect(total(t)).toBeCloseTo(total(0), 3);
      }
    }
    expect(out.headline.programmeDepartures.mean!).toBeGreaterThan(0);
    const fits = observationFits(s, out.replicates);
    expect(fits.length).toBeGreaterThan(0);
    for (const f of fits) expect(Number.isFinite(f.simulated.mean)).toBe(true);
  }, 120_000);
});
