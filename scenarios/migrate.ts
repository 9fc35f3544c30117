import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-info.js';

/** The population file that stands for version 1's built-in origin groups. */
export const US_POPULATION = 'populations/us-unauthorised-2023.json';

/** Version 1's names of the origin groups, where version 2's differ. */
const V1_GROUP_NAMES: Record<string, string> = { ElSalvador: 'El Salvador' };

type Raw = Record<string, any>;

/**
 * A version 1 scenario as version 2: the same settings, run by today's model (which, for one, values a stipend
 * paid after a delay at its discounted value; models/HISTORY.md). Version 1 had the US population built in (eight
 * origin groups, a protected flag) and US defaults for some levers; version 2 takes the population from data and
 * has neutral defaults, so the migration writes out what version 1 left implicit.
 */
export function migrateVersion1(v1: Raw): Raw {
  const us = JSON.parse(readFileSync(join(packageRoot(), 'scenarios', US_POPULATION), 'utf8')) as Raw;
  const { groups: overrides = {}, ...population } = (v1.population ?? {}) as Raw;
  const { protectedFactor = 0.15, ...enforcement } = (v1.enforcement ?? {}) as Raw;
  const { hassleCost = 1500, ...valuation } = (v1.valuation ?? {}) as Raw;
  const byName = Object.fromEntries(Object.entries(overrides as Raw).map(([k, v]) => [V1_GROUP_NAMES[k] ?? k, v as Raw]));
  const groups = (us.groups as Raw[]).map((g) => {
    const { personsMillions, protectedShare, ...rest } = byName[g.name] ?? {};
    return {
      ...g,
      ...rest,
      ...(personsMillions !== undefined ? { persons: Math.round(personsMillions * 1e6) } : {}),
      ...(protectedShare !== undefined ? { statuses: { protected: protectedShare, unauthorised: 1 - protectedShare } } : {}),
    };
  });
  const statuses = (us.statuses as Raw[]).map((s) => (s.name === 'protected' ? { ...s, removalWeight: protectedFactor } : s));
  const programme = (v1.programme ?? {}) as Raw;
  return {
    ...v1,
    version: 2,
    population: { ...us, persons: 14_000_000, ...population, groups, statuses },
    valuation,
    programme: {
      start: '2025-03-10', paymentDelayDays: 30, paymentReliability: 0.9, registrationCost: hassleCost,
      ...programme,
      deprioritisation: { factor: 0.2, months: 3, ...(programme.deprioritisation ?? {}) },
    },
    enforcement: { removalsPerDay: 742, removalCost: 17121, ...enforcement },
  };
}
