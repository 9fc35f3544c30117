import { readFileSync } from 'node:fs';
import { parseScenario } from '../../scenarios/parse.js';
import type { Scenario } from '../../scenarios/schema.js';

/** A preset, shrunk for tests: a few blocks of agents and a short horizon, with changes applied. */
export function testScenario(preset: string, change: (raw: any) => void = () => {}): Scenario {
  const raw = JSON.parse(readFileSync(new URL(`../../scenarios/${preset}.json`, import.meta.url), 'utf8'));
  raw.population.agents = 70_000;
  raw.time.steps = 18;
  raw.replicates = 2;
  change(raw);
  return parseScenario(raw);
}
