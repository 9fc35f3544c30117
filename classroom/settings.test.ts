import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readComposed } from '../scenarios/compose.js';
import { InputError } from '../scenarios/errors.js';
import { parseScenario } from '../scenarios/parse.js';
import type { Scenario, ScenarioInput } from '../scenarios/schema.js';
import { AGENTS, classroomScenario, CONTROLS, DEFAULTS, MODELS, parseParams, readControl, REPLICATES, settingsFromParams, settingsToParams, type Settings } from './settings.js';

const preset = readComposed(new URL('../scenarios/cbp-home-2025.json', import.meta.url).pathname) as ScenarioInput;

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
      settingsFromParams('#stipendPercent=lots&reliability=1.5&model=gut-feeling&colour=red&removalsPercent=975&seed=-1');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      const problems = (e as InputError).problems;
      expect(problems.map((p) => [p.path, p.value])).toEqual([
        ['stipendPercent', 'lots'], ['removalsPercent', '975'], ['reliability', '1.5'], ['seed', '-1'], ['model', 'gut-feeling'], ['colour', 'red'],
      ]);
      expect(problems[0].expected).toBe('expected a number from 0 to 500 in steps of 10');
      expect(problems[3].expected).toBe('expected a whole number from 0 to 4294967295');
      expect(problems[4].expected).toBe('expected "utility" or "planned-behaviour"');
      expect(problems[5].expected).toMatch(/^expected no such setting \(settings: stipendPercent, /);
    }
  });

  it('keep the good values of an address with bad ones, and list the bad ones', () => {
    const { settings, problems } = parseParams('#stipendPercent=200&seed=abc&model=utility');
    expect(settings).toEqual({ ...DEFAULTS, stipendPercent: 200 });
    expect(problems).toEqual([{ path: 'seed', value: 'abc', expected: 'expected a whole number from 0 to 4294967295' }]);
    const seed = CONTROLS.find((c) => c.key === 'seed')!;
    for (const text of ['', ' ', '1.5', '-1', '4294967296', '1e3x']) expect(readControl(seed, text), text).toHaveProperty('problem');
    expect(readControl(seed, '42')).toEqual({ value: 42 });
  });

  it('at the defaults, give the preset itself: only agents, replicates, name, title and description differ', () => {
    const page = parseScenario(classroomScenario(preset, DEFAULTS));
    const own = parseScenario(preset);
    const strip = ({ $schema: _, ...s }: Scenario & { $schema?: string }) => ({ ...s, name: '', title: '', description: '', replicates: 0, population: { ...s.population, agents: 0 } });
    expect(strip(page)).toEqual(strip(own));
    expect(page.population.agents).toBe(AGENTS);
    expect(page.replicates).toBe(REPLICATES);
    expect(page.title).toBe('Classroom: cbp-home-2025 as announced');
    expect(page.description).toContain('with the classroom\'s settings: as announced. 100,000 agents and 6 replicates');
  });

  it('give a valid scenario for any settings, with the levers set as the controls say', () => {
    const presetRemovals = preset.enforcement!.removalsPerDay as Array<{ from: string; value: number }>;
    fc.assert(fc.property(arbitrarySettings, (s) => {
      const sc = parseScenario(classroomScenario(preset, s));
      expect(sc.population.agents).toBe(AGENTS);
      expect(sc.replicates).toBe(REPLICATES);
      expect(sc.seed).toBe(s.seed);
      expect(sc.model.name).toBe(s.model);
      expect(sc.enforcement.removalsPerDay).toEqual(presetRemovals.map((e) => ({ from: e.from, value: (e.value * s.removalsPercent) / 100 })));
      expect(sc.programme.paymentReliability).toBe(s.reliability);
      expect(sc.programme.deprioritisation.factor).toBe(s.deprioritisation);
      expect(sc.programme.legalReturn.probability * sc.programme.legalReturn.credibility).toBe(s.credibility);
    }), { numRuns: 30 });
  });

  it('scale the preset schedules and keep their timing', () => {
    const sc = parseScenario(classroomScenario(preset, { ...DEFAULTS, stipendPercent: 250, advertisingPercent: 30, removalsPercent: 110 }));
    expect(sc.programme.stipend).toEqual([
      { from: '2025-01-01', value: 0 }, { from: '2025-05-05', value: 2500 }, { from: '2026-01-21', value: 6500 },
    ]);
    expect(sc.programme.offers.map((o) => o.stipend)).toEqual([7500]);
    expect(sc.programme.advertisingPerMonth).toEqual([
      { from: '2025-01-01', value: 0 }, { from: '2025-03-01', value: 6e6 }, { from: '2026-01-01', value: 3e6 },
    ]);
    expect(sc.enforcement.removalsPerDay).toEqual([{ from: '2025-01-01', value: 727.1 }, { from: '2025-05-01', value: 1045 }]);
    expect(sc.programme.start).toBe(preset.programme?.start);
    expect(sc.time).toEqual(preset.time);
    expect(sc.name).toBe('classroom');
    expect(sc.title).toBe('Classroom: cbp-home-2025 stipend at 250% of the schedule, removal capacity at 110% of the schedule, advertising at 30% of the schedule');
    expect(sc).not.toHaveProperty('$schema');
  });

  it('say under each control exactly what it puts into the scenario', () => {
    const explain = (key: string, v: number) => CONTROLS.find((c) => c.key === key)!.explain(v, preset);
    expect(explain('stipendPercent', 100)).toBe('Paid after arrival, the amount fixed at registration: $1,000 from 5 May 2025, $2,600 from 21 Jan 2026; '
      + 'none before. Travel is paid in any case.');
    expect(explain('stipendPercent', 200)).toContain('$2,000 from 5 May 2025, $5,200 from 21 Jan 2026');
    expect(explain('stipendPercent', 0)).toContain('registration: none.');
    expect(explain('removalsPercent', 100)).toContain('661 a day from 1 Jan 2025, 950 a day from 1 May 2025.');
    expect(explain('advertisingPercent', 100)).toContain('$20M from 1 Mar 2025, $10M from 1 Jan 2026; none before.');
    expect(explain('credibility', 0)).toBe('No promise of a later legal return (as announced).');
    expect(explain('deprioritisation', 1)).toContain('no deprioritisation');
  });
});
