import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from './load.js';

const dir = mkdtempSync(join(tmpdir(), 'departure-sim-migrate-'));
const write = (name: string, s: object) => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(s));
  return file;
};
const v1 = {
  version: 1, name: 'old', title: 'A version 1 file', time: { start: '2025-01-01', steps: 12 }, model: { name: 'utility' },
  population: { agents: 50_000, groups: { ElSalvador: { personsMillions: 1.2, protectedShare: 0.9 }, Cuba: { wageRatio: 6 } } },
  enforcement: { protectedFactor: 0.5 }, valuation: { hassleCost: 900 },
};

describe('version 1 scenarios', () => {
  it('run as version 2 with the US population written out and the defaults version 1 left implicit', () => {
    const s = loadScenario(write('v1.json', v1));
    expect(s.version).toBe(2);
    const salvador = s.population.groups.find((g) => g.name === 'El Salvador')!;
    expect(salvador.persons).toBe(1_200_000);
    expect(salvador.statuses).toEqual({ protected: 0.9, unauthorised: 1 - 0.9 });
    expect(s.population.groups.find((g) => g.name === 'Cuba')!.wageRatio).toBe(6);
    expect(s.population.statuses.map((st) => [st.name, st.removalWeight])).toEqual([['protected', 0.5], ['unauthorised', 1]]);
    expect(s.population.persons).toBe(14_000_000);
    expect(s.programme).toMatchObject({ start: '2025-03-10', paymentDelayDays: 30, paymentReliability: 0.9, registrationCost: 900 });
    expect(s.programme.deprioritisation).toEqual({ factor: 0.2, months: 3 });
    expect(s.enforcement).toMatchObject({ removalsPerDay: 742, removalCost: 17121 });
  });

  it('extend another scenario, and a null in the extending file removes the key it extends', () => {
    write('base.json', v1);
    const child = loadScenario(write('child.json', {
      version: 2, extends: 'base.json', name: 'child', title: 'Instalments instead of a delay',
      programme: { paymentDelayDays: null, instalments: [{ share: 0.4, afterDays: 0 }, { share: 0.6, afterDays: 60 }] },
    }));
    expect(child.programme.paymentDelayDays).toBeUndefined();
    expect(child.programme.instalments).toHaveLength(2);
    expect(child.population.agents).toBe(50_000);
    const loop = write('loop.json', { version: 2, extends: 'loop.json', name: 'x', title: 'x' });
    expect(() => loadScenario(loop)).toThrow(/expected a chain of extends without a loop/);
  });
});
