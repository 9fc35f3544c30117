import { dirname, resolve } from 'node:path';
import { InputError } from './errors.js';
import { readJson } from './read-json.js';
import { migrateVersion1 } from './migrate.js';

/**
 * A scenario file with everything it builds on, as one raw object for the schema: a version 1 file migrated to
 * version 2, `extends` (a scenario this one changes, relative to this file) and `population.extends` (a
 * population file) merged in. Objects merge key by key, the file's own value winning; arrays and plain values
 * are replaced whole; null removes the key it builds on (e.g. `"paymentDelayDays": null` to give instalments).
 */
export function composeScenario(file: string, raw: unknown, chain: string[] = []): Record<string, unknown> {
  const here = resolve(file);
  if (chain.includes(here)) throw new InputError(file, [{ path: 'extends', value: chain.concat(here).join(' -> '), expected: 'expected a chain of extends without a loop' }]);
  if (!isObject(raw)) throw new InputError(file, [{ path: '', value: raw, expected: 'expected a scenario: a JSON object' }]);
  let s: Record<string, unknown> = raw.version === 1 ? migrateVersion1(raw) : { ...raw };
  if (typeof s.extends === 'string') {
    const base = resolve(dirname(file), s.extends);
    const { extends: _, ...own } = s;
    s = merge(composeScenario(base, readJson(base, 'scenario (extends)'), [...chain, here]), own);
  } else if (s.extends !== undefined) {
    throw new InputError(file, [{ path: 'extends', value: s.extends, expected: 'expected the path of a scenario file, relative to this one' }]);
  }
  const population = s.population;
  if (isObject(population) && population.extends !== undefined) {
    if (typeof population.extends !== 'string') {
      throw new InputError(file, [{ path: 'population.extends', value: population.extends, expected: 'expected the path of a population file, relative to this one' }]);
    }
    const base = resolve(dirname(file), population.extends);
    const { extends: _, ...own } = population;
    s.population = merge(readPopulation(base), own);
  }
  return s;
}

function readPopulation(file: string): Record<string, unknown> {
  const p = readJson(file, 'population');
  if (!isObject(p)) throw new InputError(file, [{ path: '', value: p, expected: 'expected a population: a JSON object with groups and statuses' }]);
  return p;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** `over` merged onto `base`: objects key by key, null removing a key, anything else replaced. */
export function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = isObject(v) && isObject(base[k]) ? merge(base[k] as Record<string, unknown>, v) : v;
  }
  return out;
}

/** A scenario file read and composed, before validation. */
export function readComposed(file: string, missing = ''): Record<string, unknown> {
  return composeScenario(file, readJson(file, 'scenario', missing));
}
