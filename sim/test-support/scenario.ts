import { loadScenario } from '../../scenarios/load.js';
import type { Scenario } from '../../scenarios/schema.js';

/** A preset, shrunk for tests: a few blocks of agents and a short horizon, with changes applied. */
export function testScenario(preset: string, change: (raw: any) => void = () => {}): Scenario {
  return loadScenario(new URL(`../../scenarios/${preset}.json`, import.meta.url).pathname, (raw: any) => {
    raw.population.agents = 70_000;
    raw.time.steps = 18;
    raw.replicates = 2;
    change(raw);
    return raw;
  });
}

/** A small population of two invented groups and three statuses, for scenarios written in tests. */
export const TEST_POPULATION = {
  agents: 20_000,
  statuses: [
    { name: 'resident', removalWeight: 0, returnProbability: 0.8 },
    { name: 'pending', removalWeight: 0.3 },
    { name: 'rejected', removalWeight: 1, reentryBars: true },
  ],
  groups: [
    {
      name: 'Northland', persons: 60_000, earningsMedian: 2000, wageRatio: 3, travelCost: 500, yearsMedian: 6,
      statuses: { resident: 0.5, pending: 0.3, rejected: 0.2 },
      household: { adults: [0.5, 0.5], children: [0.4, 0.3, 0.3] },
    },
    { name: 'South Isles', persons: 40_000, earningsMedian: 1500, wageRatio: 5, travelCost: 900, yearsMedian: 3, statuses: { pending: 0.6, rejected: 0.4 } },
  ],
};
