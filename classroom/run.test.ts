import { describe, expect, it } from 'vitest';
import { readComposed } from '../scenarios/compose.js';
import { InputError } from '../scenarios/errors.js';
import type { ScenarioInput } from '../scenarios/schema.js';
import { createPool } from '../sim/pool.js';
import { runScenario } from '../sim/run.js';
import { estimate } from '../sim/stats.js';
import { inlineExecutor } from './executors.js';
import { figureValue } from '../sim/headline-figures.js';
import { FIGURES } from './figures.js';

const RATIOS = new Set(['deadweightShare', 'costPerAdditionalDeparture', 'netCostPerAdditionalDeparture', 'naiveCostPerProgrammeDeparture']);
import { CHART_SERIES, runClassroom } from './run.js';
import { classroomScenario, DEFAULTS } from './settings.js';

const preset = readComposed(new URL('../scenarios/cbp-home-2025.json', import.meta.url).pathname) as ScenarioInput;

/** Classroom settings on a smaller population, horizon and replicate count, so the comparison takes a second. */
function small(model: 'utility' | 'planned-behaviour') {
  const input = classroomScenario(preset, { ...DEFAULTS, model, stipendPercent: 300, credibility: 0.5 });
  return { ...input, replicates: 3, population: { ...input.population, agents: 40_000 }, time: { ...input.time, steps: 14 } };
}

describe('runClassroom', () => {
  it.each(['utility', 'planned-behaviour'] as const)('gives the CLI engine\'s figures with the single-thread executor (%s)', async (model) => {
    const input = small(model);
    const page = await runClassroom(input, inlineExecutor());
    const pool = createPool(2);
    try {
      const cli = await runScenario(page.scenario, { executor: pool, twin: true });
      expect(page.headline).toEqual(cli.headline);
      expect(page.byGroup).toEqual(cli.byGroup);
      expect(page.rows).toEqual(cli.rows.filter((r) => r.group === 'all' && (CHART_SERIES as readonly string[]).includes(r.series)));
      expect(page.headline.additionalDepartures.mean).not.toBe(0);
      // Per replicate, the engine's own headline of that replicate: their mean is the headline figure, except for
      // ratios, whose headline is the ratio of the means (sim/stats.ts ratioOfMeans), within the replicates' range.
      for (const f of FIGURES) {
        const values = page.replicates[f.key];
        expect(values, f.key).toHaveLength(input.replicates!);
        const headlineMean = figureValue(cli.headline, f.key).mean!;
        if (RATIOS.has(f.key) && headlineMean === null) {
          // Undefined when some replicate has nothing to divide by: that replicate's own ratio is undefined too.
          expect(values.some((v) => v === null), f.key).toBe(true);
        } else if (RATIOS.has(f.key)) {
          expect(headlineMean, f.key).toBeGreaterThanOrEqual(Math.min(...values.map((v) => v!)));
          expect(headlineMean, f.key).toBeLessThanOrEqual(Math.max(...values.map((v) => v!)));
        } else {
          expect(estimate(values.map((v) => v ?? NaN)).mean, f.key).toBe(headlineMean);
        }
      }
      expect(new Set(page.replicates.additionalDepartures).size).toBeGreaterThan(1);
    } finally {
      await pool.close();
    }
  });

  it('rejects invalid settings with the schema\'s problems before running', async () => {
    const input = { ...small('utility'), seed: -1 };
    await expect(runClassroom(input, inlineExecutor())).rejects.toThrow(InputError);
    await expect(runClassroom(input, inlineExecutor())).rejects.toThrow(/seed: got -1; expected a number >= 0/);
  });
});
