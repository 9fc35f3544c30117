import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../scenarios/errors.js';
import { parseScenario } from '../scenarios/parse.js';
import type { ScenarioInput } from '../scenarios/schema.js';
import { AGENTS, classroomScenario, CONTROLS, DEFAULTS, MODELS, REPLICATES, settingsFromParams, settingsToParams, type Settings } from './settings.js';

const preset = JSON.parse(readFileSync(new URL('../scenarios/cbp-home-2025.json', import.meta.url), 'utf8')) as ScenarioInput;

const arbitrarySettings: fc.Arbitrary<Settings> = fc.record({
  ...Object.fromEntries(CONTROLS.map((c) => [c.key, fc.integer({ min: 0, max: Math.round((c.max - c.min) / c.step) }).map((k) => Number((c.min + k * c.step).toFixed(6)))])),
  model: fc.constantFrom(...MODELS),
}) as fc.Arbitrary<Settings>;

describe('classroom settings', () => {
  it('survive the trip through the URL', () => {
    fc.assert(fc.property(arbitrarySettings, (s) => {
      expect(settingsFromParams(`#${settingsToParams(s)}`)).toEqual(s);
    }));
  });

  it('leave the URL empty at the defaults', () => {
    expect(settingsToParams(DEFAULTS)).toBe('');
    expect(settingsFromParams('')).toEqual(DEFAULTS);
  });

  it('name every bad value in the URL, with what was expected', () => {
    try {
      settingsFromParams('#stipend=lots&reliability=1.5&model=gut-feeling&colour=red&removals=975');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const problems = (e as InputError).problems;
      expect(problems.map((p) => [p.path, p.value])).toEqual([
        ['stipend', 'lots'], ['removals', '975'], ['reliability', '1.5'], ['model', 'gut-feeling'], ['colour', 'red'],
      ]);
      expect(problems[0].expected).toBe('expected a number from 0 to 10000 in steps of 250');
      expect(problems[3].expected).toBe('expected "utility" or "planned-behaviour"');
    }
  });

  it('give a valid scenario for any settings, with the levers set as the controls say', () => {
    fc.assert(fc.property(arbitrarySettings, (s) => {
      const sc = parseScenario(classroomScenario(preset, s));
      expect(sc.population.agents).toBe(AGENTS);
      expect(sc.replicates).toBe(REPLICATES);
      expect(sc.seed).toBe(s.seed);
      expect(sc.model.name).toBe(s.model);
      expect(sc.enforcement.removalsPerDay).toBe(s.removals);
      expect(sc.programme.paymentReliability).toBe(s.reliability);
      expect(sc.programme.deprioritisation.factor).toBe(s.deprioritisation);
      expect(sc.programme.legalReturn.probability * sc.programme.legalReturn.credibility).toBe(s.credibility);
    }), { numRuns: 30 });
  });

  it('keep the preset timing of stipend and advertising and replace only the amounts', () => {
    const sc = parseScenario(classroomScenario(preset, { ...DEFAULTS, stipend: 2500, advertising: 7 }));
    expect(sc.programme.stipend).toEqual([
      { from: '2025-01-01', value: 0 }, { from: '2025-05-05', value: 2500 }, { from: '2025-12-01', value: 2500 },
      { from: '2026-01-01', value: 2500 }, { from: '2026-01-21', value: 2500 },
    ]);
    expect(sc.programme.advertisingPerMonth).toEqual([
      { from: '2025-01-01', value: 0 }, { from: '2025-03-01', value: 7e6 }, { from: '2026-01-01', value: 7e6 },
    ]);
    expect(sc.programme.start).toBe(preset.programme?.start);
    expect(sc.time).toEqual(preset.time);
    expect(sc.name).toBe('classroom');
    expect(sc).not.toHaveProperty('$schema');
  });
});
