import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { InputError } from '../scenarios/errors.js';
import { loadScenario } from '../scenarios/load.js';
import { planCalibration } from './calibrate.js';
import { planExperiment } from './plan.js';
import { ROOT, scratch, writeExperiment } from './test-support/fixture.js';

const dir = scratch();

/** The problems an experiment raises, as the CLI prints them. */
function problems(change: (e: any) => void): string {
  try {
    planExperiment(writeExperiment(dir, change, `bad-${Math.random().toString(36).slice(2)}.json`));
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error('expected the experiment to be rejected');
}

describe('experiment validation, before anything runs', () => {
  it('builds every point with its seed and replicates, seed-major', () => {
    const plan = planExperiment(writeExperiment(dir));
    expect(plan.points.map((p) => [p.index, p.seed, ...p.values])).toEqual([
      [0, 1, 0, 742], [1, 1, 0, 1500], [2, 1, 4000, 742], [3, 1, 4000, 1500],
      [4, 2, 0, 742], [5, 2, 0, 1500], [6, 2, 4000, 742], [7, 2, 4000, 1500],
    ]);
    expect(plan.points[6].scenario.programme.stipend).toBe(4000);
    expect(plan.points[6].scenario.seed).toBe(2);
    expect(plan.points[6].scenario.population.agents).toBe(3000);
    expect(plan.points[6].scenario.time.steps).toBe(6);
  });

  it('accepts the presets in scenarios/experiments', () => {
    const preset = (name: string) => join(ROOT, 'scenarios', 'experiments', `${name}.json`);
    expect(planExperiment(preset('stipend-dose-response')).points.map((p) => p.values[0])).toEqual([0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
    expect(planExperiment(preset('stipend-x-enforcement')).points.length).toBe(30);
    expect(planExperiment(preset('morris-all-parameters')).points.length).toBe(10 * 14);
    expect(planExperiment(preset('sobol-key-levers')).points.length).toBe(64 * (4 + 2));
    // A calibration starts from the base scenario's values, defaults included.
    const base = loadScenario(join(ROOT, 'scenarios', 'cbp-home-2025.json'));
    const start = [(base.model as unknown as { statusQuo: number }).statusQuo, base.information.newsRate, 950];
    expect(planCalibration(preset('calibrate-cbp-home-2025')).start).toEqual(start);
  });

  it('names an unknown parameter path', () => {
    const msg = problems((e) => { e.design.parameters[1].path = 'enforcement.removalsPerDya'; });
    expect(msg).toMatch(/design\.parameters\[1\]\.path: got "enforcement\.removalsPerDya"; expected the path of a numeric value .*parameter "removalsPerDay"/);
    expect(problems((e) => { e.design.parameters[0].path = 'programme'; })).toMatch(/design\.parameters\[0\]\.path: got "programme"/);
  });

  it('names the parameter whose range leaves the scenario schema', () => {
    const msg = problems((e) => { e.design.parameters[1] = { name: 'removalsPerDay', path: 'enforcement.removalsPerDay', min: -50, max: 1500, levels: 2 }; });
    expect(msg).toMatch(/design\.parameters\[1\] \(removalsPerDay = -50 at enforcement\.removalsPerDay\): got -50; expected a number >= 0/);
    const share = problems((e) => { e.design = { kind: 'latin-hypercube', samples: 5, parameters: [{ name: 'reliability', path: 'programme.paymentReliability', min: 0.5, max: 1.5 }] }; });
    expect(share).toMatch(/reliability = 1\.5 at programme\.paymentReliability\): got 1\.5; expected a number <= 1/);
    expect(problems((e) => { e.design.parameters[0].values = [0, -10]; })).toMatch(/point 2: design\.parameters\[0\] \(stipend = -10 at programme\.stipend\)/);
  });

  it('refuses a design larger than its budget', () => {
    expect(problems((e) => { e.budget = 10; })).toMatch(/budget: got 10; expected at least 16 runs: the design has 4 rows x 2 seed\(s\) x 2 replicates/);
  });

  it('reports schema problems of the experiment file itself with their paths', () => {
    expect(problems((e) => { e.desing = {}; })).toMatch(/desing: got \{\}; expected no such key/);
    expect(problems((e) => { e.design.kind = 'sobol'; })).toMatch(/design\.kind: got "sobol"; expected "grid" or "latin-hypercube" or "morris" or "saltelli"/);
    expect(problems((e) => { e.design.parameters[0].name = 'stipend'; e.design.parameters[1].name = 'stipend'; })).toMatch(/design\.parameters\[1\]\.name: got "stipend"; expected a name not used/);
    expect(problems((e) => { e.fixed = { 'time.stepz': 3 }; })).toMatch(/base scenario: time\.stepz: got 3; expected no such key/);
    expect(problems((e) => { e.base = 'no-such-scenario.json'; })).toMatch(/expected a readable base scenario file \(ENOENT\)/);
  });
});
