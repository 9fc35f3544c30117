import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeParameter, formatUnit, pathSegments, readScenarioSchema, unitOf } from './parameters.js';

const schema = readScenarioSchema();

/** Every description in the schema, by where it sits. */
function descriptions(node: unknown, at = ''): Array<[string, string]> {
  if (node === null || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const own: Array<[string, string]> = typeof n.description === 'string' ? [[at, n.description]] : [];
  return [...own, ...Object.entries(n).flatMap(([k, v]) => descriptions(v, `${at}/${k}`))];
}

describe('scenario parameter descriptions', () => {
  it('reads scenarios/scenario.schema.json as data', () => {
    expect(schema).toEqual(JSON.parse(readFileSync(new URL('../scenarios/scenario.schema.json', import.meta.url), 'utf8')));
  });

  it('finds the description and unit of a path as flattenParameters and experiments write it', () => {
    expect(describeParameter(schema, 'information.trustPrior')).toEqual({
      description: 'Pseudo-count, in persons per community, of the prior on payment reliability (assumption)',
      unit: 'persons per community',
    });
    expect(describeParameter(schema, 'programme.stipend')).toEqual({
      description: 'Paid after confirmed arrival per person (the household head with households), scenario currency; fixed at registration', unit: 'currency',
    });
    expect(formatUnit('currency per month', { code: 'EUR', year: 2009 })).toBe('EUR of 2009 per month');
    // A schedule's entries and their values take the schedule's description; their dates do not.
    expect(describeParameter(schema, 'enforcement.removalsPerDay[1]').unit).toBe('persons per day');
    expect(describeParameter(schema, 'enforcement.removalsPerDay[1].value').unit).toBe('persons per day');
    expect(describeParameter(schema, 'enforcement.removalsPerDay[1].from')).toEqual({ description: null, unit: null });
    // The model is one of several shapes; each shape's settings are found.
    expect(describeParameter(schema, 'model.statusQuo').description).toMatch(/^Intercept of the leave-vs-stay logit/);
    expect(describeParameter(schema, 'model.thresholdMean').description).toMatch(/threshold/);
    expect(describeParameter(schema, 'programme.advertisingPerMonth[2]').unit).toBe('currency per month');
    expect(describeParameter(schema, 'valuation.familyTieMonths').unit).toBe('months of earnings');
    expect(describeParameter(schema, 'enforcement.thirdCountryMonths').unit).toBe('months of earnings');
    expect(describeParameter(schema, 'emigration.baselineAnnualRate').unit).toBe('per year');
    expect(describeParameter(schema, 'programme.paymentDelayDays').unit).toBe('days');
    // Settings the schema does not describe, and paths it does not have, stay blank.
    expect(describeParameter(schema, 'population.groups[0].wageRatio').description).toMatch(/^Earnings in the country over earnings at home/);
    expect(describeParameter(schema, 'no.such.path')).toEqual({ description: null, unit: null });
    expect(describeParameter(undefined, 'programme.stipend')).toEqual({ description: null, unit: null });
  });

  it('shows a unit only where the description states it, and leaves it blank rather than guess', () => {
    expect(unitOf('Intercept of the leave-vs-stay logit: inertia beyond the dollar terms (calibrated, see models/README.md)')).toBeNull();
    expect(unitOf('Monthly awareness rate per unit of currency of advertising per person per month (assumption)')).toBeNull();
    expect(unitOf('Monthly awareness rate per unit share of aware peers (assumption)')).toBeNull();
    expect(unitOf('Mean age (assumption close to Pew/MPI profiles)')).toBeNull();
    expect(unitOf('Probability a due stipend is paid (ProPublica, Dec 2025: reports of failures)')).toBeNull();
    // Every unit given for the shipped schema is stated in so many words by its description.
    const stated: Record<string, RegExp> = {
      'US$': /^dollars?\b|, dollars\b/i,
      'US$ per month': /dollars per month/i,
      'per month': /^monthly\b|per month/i,
      'per year': /annual/i,
    };
    const all = descriptions(schema);
    expect(all.length).toBeGreaterThan(50);
    const withUnit = all.filter(([, d]) => unitOf(d) !== null);
    expect(withUnit.length).toBeGreaterThan(15);
    for (const [at, d] of withUnit) {
      const unit = unitOf(d)!;
      expect(d, `${at}: ${unit}`).toMatch(stated[unit] ?? new RegExp(unit.replace(/\$/g, '\\$'), 'i'));
    }
  });

  it('splits paths into keys and indices', () => {
    expect(pathSegments('enforcement.removalsPerDay[1].value')).toEqual(['enforcement', 'removalsPerDay', 1, 'value']);
    expect(pathSegments('a')).toEqual(['a']);
  });
});
