import { describe, expect, it } from 'vitest';
import { inlineExecutor } from '../classroom/executors.js';
import { parseScenario } from '../scenarios/parse.js';
import { runScenario } from '../sim/run.js';
import { behaviouralModel, modelNames, registerModel } from './index.js';
import { constantHazard } from './test-support/constant-hazard.js';

describe('the behavioural model contract', () => {
  it('takes a new model from one file and one registration line, and runs it exactly (it has no bound)', async () => {
    registerModel(constantHazard);
    expect(modelNames()).toEqual(['utility', 'planned-behaviour', 'constant-hazard']);
    const s = parseScenario({
      version: 2, name: 'constant', title: 'A constant hazard', seed: 3, replicates: 1,
      time: { start: '2025-01-01', steps: 12 },
      population: {
        agents: 20_000, statuses: [{ name: 'resident', removalWeight: 0 }],
        groups: [{ name: 'All', persons: 20_000, earningsMedian: 2000, wageRatio: 2, travelCost: 500, yearsMedian: 5, statuses: { resident: 1 } }],
      },
      model: { name: 'constant-hazard', monthlyProbability: 0.02 },
      programme: { enabled: false, abandonRate: 0 },
      enforcement: { removalsPerDay: 0 },
      emigration: { baselineAnnualRate: 0 },
    });
    expect(s.model).toEqual({ name: 'constant-hazard', monthlyProbability: 0.02 });
    // Workers load the built-in registry only: a model registered here runs on this thread.
    const out = await runScenario(s, { executor: inlineExecutor(), twin: false });
    const at = (name: string) => out.replicates[0].series[name][0][11];
    const decided = (at('cum_departures_unassisted') + at('preparing')) / 20_000;
    const expected = 1 - 0.98 ** 12;
    expect(Math.abs(decided - expected)).toBeLessThan(4 * Math.sqrt((expected * (1 - expected)) / 20_000));
  });

  it('refuses a model name nobody registered, naming the ones that exist', () => {
    expect(() => parseScenario({ version: 2, name: 'x', title: 'x', time: { start: '2025-01-01', steps: 3 }, model: { name: 'gravity' } }))
      .toThrow(/model\.name: got "gravity"; expected "utility" or "planned-behaviour"/);
    expect(() => behaviouralModel('gravity')).toThrow(/no behavioural model named "gravity"/);
    expect(() => registerModel(constantHazard)).toThrow(/registered already/);
  });
});
