import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../sim/pool.js';
import { runScenario } from '../sim/run.js';
import { calibrate, planCalibration, targetFits } from './calibrate.js';
import { BASE, scratch } from './test-support/fixture.js';

const dir = scratch();
const pool = createPool(2);
afterAll(() => pool.close());

// 5,000 agents for 500,000 persons over ten months: small enough for seconds, large enough that the targets
// move with the parameters (a removal capacity of 30 a day removes about 90 agents).
function calibrationFile(name: string, start: [number, number], targets: number[]): string {
  const windows = [['departures_assisted', '2025-03-10', '2025-10-31'], ['removals', '2025-01-01', '2025-10-31']];
  const c = {
    version: 1, name: 'recovery', title: 'Parameter recovery', base: BASE,
    fixed: { 'time.steps': 10, 'population.persons': 500000, 'programme.stipend': 2000 }, agents: 5000, replicates: 2, seed: 7,
    parameters: [
      { name: 'statusQuo', path: 'model.statusQuo', min: -4, max: 1, start: start[0] },
      { name: 'removalsPerDay', path: 'enforcement.removalsPerDay', min: 10, max: 60, start: start[1] },
    ],
    targets: windows.map(([series, from, to], i) => ({ name: `t${i}`, series, from, to, value: targets[i] })),
    method: { maxEvaluations: 160, tolerance: 1e-6 },
  };
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(c));
  return file;
}

describe('calibration', () => {
  it.each([
    { statusQuo: -1.5, removalsPerDay: 30 },
    { statusQuo: 0, removalsPerDay: 50 },
  ])('recovers known parameters ($statusQuo, $removalsPerDay) within 5% of their ranges', async (truth) => {
    // Simulate with the known parameters and take the figures as targets.
    const known = planCalibration(calibrationFile('known', [truth.statusQuo, truth.removalsPerDay], [1, 1]));
    const out = await runScenario(known.base, { executor: pool, twin: false });
    const targets = targetFits(known.calibration, out).map((f) => f.simulated.mean!);
    expect(targets.every((t) => t > 0)).toBe(true);
    // Calibrate from elsewhere; the same seed makes the true parameters an exact fit.
    const plan = planCalibration(calibrationFile('fit', [-3, 15], targets));
    const r = await calibrate(plan, pool);
    expect(Math.abs(r.values[0] - truth.statusQuo)).toBeLessThan(0.05 * 5);
    expect(Math.abs(r.values[1] - truth.removalsPerDay)).toBeLessThan(0.05 * 50);
    expect(r.objective).toBeLessThan(1e-3);
    expect(r.fitted.model).toMatchObject({ statusQuo: r.values[0] });
    expect(r.trace.length).toBe(r.evaluations);
  });

  it('rejects a target window outside the horizon and a start outside the range', () => {
    const file = calibrationFile('bad', [-1, 30], [100, 100]);
    const raw = JSON.parse(JSON.stringify(planCalibration(file).calibration));
    raw.targets[0].to = '2026-06-30';
    writeFileSync(file, JSON.stringify(raw));
    expect(() => planCalibration(file)).toThrow(/targets\[0\]: got "2025-03-10 to 2026-06-30"; expected a window inside the simulated horizon/);
    raw.targets[0].to = '2025-10-31';
    raw.parameters[1].start = 80;
    writeFileSync(file, JSON.stringify(raw));
    expect(() => planCalibration(file)).toThrow(/parameters\[1\]\.start: got 80; expected a start within \[10, 60\]/);
  });
});
