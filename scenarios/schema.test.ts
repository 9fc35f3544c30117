import fc from 'fast-check';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { readComposed } from './compose.js';
import { parseScenario } from './parse.js';

const dir = new URL('.', import.meta.url).pathname;
const presets = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('.schema.json'));
const base = readComposed(join(dir, 'cbp-home-2025.json')) as any;

function problemsOf(input: unknown) {
  try {
    parseScenario(input);
  } catch (e) {
    if (e instanceof InputError) return e.problems;
    throw e;
  }
  throw new Error('expected the scenario to be rejected');
}

const withChange = (path: (string | number)[], value: unknown) => {
  const s = structuredClone(base);
  let o = s;
  for (const k of path.slice(0, -1)) o = o[k];
  o[path[path.length - 1]] = value;
  return s;
};

describe('scenario schema', () => {
  it.each(presets)('accepts the preset %s', (file) => {
    const s = parseScenario(readComposed(join(dir, file)));
    expect(s.name).toBe(file.replace(/\.json$/, ''));
  });

  it('fills defaults in nested sections, money defaults in the scenario\'s currency', () => {
    const s = parseScenario({ ...base, programme: { start: '2025-03-10' }, enforcement: {}, valuation: {}, information: {}, currency: { code: 'EUR', year: 2009, perUSD2025: 0.5 } });
    expect(s.programme.deprioritisation.factor).toBe(1);
    expect(s.enforcement.removalCost).toBe(0);
    expect(s.model).toMatchObject({ name: 'utility', reviewRate: 0.35 });
    expect(s.programme.registrationCost).toBe(750);
    expect(s.valuation.routeScale).toBe(200);
    expect(s.information.adEffect).toBe(0.02);
  });

  it.each([
    [['programme', 'stipend', 1, 'value'], -5, 'programme.stipend[1].value', /expected a number >= 0/],
    [['programme', 'stipnd'], 1000, 'programme.stipnd', /no such key: did you mean "stipend"\?/],
    [['population', 'groups', 2, 'wageRation'], 2, 'population.groups[2].wageRation', /did you mean "wageRatio"\?/],
    [['enforcement', 'qqq'], 2, 'enforcement.qqq', /the keys here are removalsPerDay, removalCost/],
    [['time', 'steps'], '36', 'time.steps', /expected a number/],
    [['programme', 'stipend', 2, 'from'], '2025-04-01', 'programme.stipend[2].from', /after 2025-05-05/],
    [['time', 'start'], '2025-02-30', 'time.start', /calendar date/],
    [['model', 'name'], 'gravity', 'model.name', /"utility" or "planned-behaviour"/],
    [['enforcement', 'removalCost'], -1, 'enforcement.removalCost', /expected a number >= 0/],
    [['programme', 'paymentReliability'], 1.5, 'programme.paymentReliability', /<= 1/],
  ])('reports %j = %j at its path with the value and what was expected', (path, value, where, expected) => {
    const problems = problemsOf(withChange(path, value));
    const p = problems.find((x) => x.path === where);
    expect(p, JSON.stringify(problems)).toBeDefined();
    expect(p!.value).toEqual(value);
    expect(p!.expected).toMatch(expected);
  });

  it('requires the first date of a schedule to be on or before the start', () => {
    const problems = problemsOf(withChange(['programme', 'stipend', 0, 'from'], '2025-02-01'));
    expect(problems[0].path).toBe('programme.stipend[0].from');
    expect(problems[0].expected).toMatch(/on or before time.start/);
  });

  // Malformed scenarios: take the valid preset and break one field in a way the schema must catch.
  const leafPaths: Array<[(string | number)[], 'money' | 'share' | 'count' | 'date']> = [
    [['programme', 'stipend', 1, 'value'], 'money'], [['programme', 'adminCostPerDeparture'], 'money'],
    [['enforcement', 'removalCost'], 'money'], [['programme', 'paymentReliability'], 'share'],
    [['programme', 'travelAssistance'], 'share'], [['time', 'steps'], 'count'], [['population', 'agents'], 'count'],
    [['replicates'], 'count'], [['time', 'start'], 'date'], [['programme', 'start'], 'date'],
    [['enforcement', 'removalsPerDay', 1, 'from'], 'date'],
  ];
  const badValue = (kind: string) => {
    const wrongType = fc.oneof(fc.string(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1 }));
    switch (kind) {
      case 'money': return fc.oneof(wrongType, fc.double({ max: -1e-9, noNaN: true }));
      case 'share': return fc.oneof(wrongType, fc.double({ min: 1.0001, max: 1e9, noNaN: true }), fc.double({ max: -1e-9, noNaN: true }));
      case 'count': return fc.oneof(wrongType, fc.integer({ max: 0 }), fc.double({ min: 0.01, max: 0.99 }).map((x) => 3 + x));
      default: return fc.oneof(fc.integer(), fc.constant('2025-13-01'), fc.constant('01/02/2025'), fc.string({ maxLength: 8 }));
    }
  };
  const malformed = fc.oneof(
    fc.constantFrom(...leafPaths).chain(([path, kind]) => badValue(kind).map((v) => ({ input: withChange(path, v), path }))),
    fc.tuple(fc.constantFrom([], ['programme'], ['enforcement'], ['population'], ['time']), fc.string({ minLength: 1, maxLength: 12 }))
      .filter(([p, k]) => { let o = base; for (const x of p) o = o[x]; return !(k in o) && !['__proto__', 'constructor'].includes(k); })
      .map(([p, k]) => ({ input: withChange([...p, k], 1), path: [...p, k] })),
  );

  it('rejects 1,000 generated malformed scenarios, each with a readable problem at the broken field', () => {
    fc.assert(fc.property(malformed, ({ input, path }) => {
      const problems = problemsOf(input);
      expect(problems.length).toBeGreaterThan(0);
      for (const p of problems) {
        expect(p.expected).toMatch(/^expected /);
        expect(p.expected).not.toMatch(/\bat Object\.|\n\s+at /);
      }
      const where = path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
      const at = (p: string) => p === where || p.startsWith(`${where}[`) || p.startsWith(`${where}.`);
      expect(problems.some((p) => at(p.path)), JSON.stringify(problems)).toBe(true);
    }), { numRuns: 1000 });
  });

  it.each([
    ['a stipend of 1e308', ['programme', 'stipend'], 1e308, 'programme.stipend', /at most 100,000,000 per person: larger amounts lose precision/],
    ['advertising of 1e308', ['programme', 'advertisingPerMonth'], 1e308, 'programme.advertisingPerMonth', /at most 100,000,000,000 a month/],
    ['a departure rate of 1e308', ['programme', 'departureRate'], 1e308, 'programme.departureRate', /at most 10,000 per month/],
    ['a start in the year 9999', ['time', 'start'], '9999-12-01', 'time.start', /from 1900-01-01 to 2199-12-31/],
  ])('rejects %s, which the model cannot represent, and says why', (_, path, value, at, message) => {
    const problems = problemsOf(withChange(path as string[], value));
    expect(problems.find((p) => p.path === at)?.expected).toMatch(message as RegExp);
  });

  it('rejects a horizon that runs past the last representable date, and groups that are all empty', () => {
    const late = withChange(['time', 'start'], '2198-01-01');
    expect(problemsOf(late).find((p) => p.path === 'time.steps')?.expected).toMatch(/the horizon would end after 2199-12-31/);
    const empty = withChange(['population', 'groups'], base.population.groups.map((g: object) => ({ ...g, persons: 0 })));
    expect(problemsOf(empty).find((p) => p.path === 'population.groups')?.expected).toMatch(/at least one group with persons > 0/);
  });
});

