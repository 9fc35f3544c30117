import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../scenarios/errors.js';
import { ROOT } from '../test-support/fixture.js';
import { leaveCaseOut } from './leave-out.js';

const file = join(ROOT, 'scenarios', 'experiments', 'calibrate-cases.json');
const raw = JSON.parse(readFileSync(file, 'utf8'));

describe('leaving one case out of a calibration', () => {
  it('drops the case, its targets and the parameters set in it alone; keeps the shared ones and the method', () => {
    const c = leaveCaseOut(file, raw, 'us');
    expect(c.name).toBe('calibrate-cases-without-us');
    expect(Object.keys(c.scenarios)).toEqual(['spain', 'japan', 'germany']);
    expect(c.parameters.map((p) => p.name)).toEqual(['statusQuo', 'noiseScale', 'reviewRate', 'newsRate']);
    expect(c.targets.map((t) => t.scenario)).not.toContain('us');
    expect(c.targets).toHaveLength(raw.targets.length - 3);
    expect(c.method).toEqual(leaveCaseOut(file, raw, 'japan').method);
  });

  it('keeps a parameter shared with another case, set in that case only', () => {
    const shared = structuredClone(raw);
    shared.parameters[4].scenarios = ['us', 'spain'];
    expect(leaveCaseOut(file, shared, 'us').parameters[4].scenarios).toEqual(['spain']);
    expect(leaveCaseOut(file, shared, 'germany').parameters[4].scenarios).toEqual(['us', 'spain']);
  });

  it('names the cases when the one given is not among them', () => {
    expect(() => leaveCaseOut(file, raw, 'france')).toThrow(InputError);
    expect(() => leaveCaseOut(file, raw, 'france')).toThrow(/--leave-out: got "france"; expected one of the calibration's case scenarios \(us, spain, japan, germany\)/);
  });
});
