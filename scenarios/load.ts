import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';
import { parseScenario } from './parse.js';
import type { Scenario } from './schema.js';

/**
 * Read and validate a scenario file; malformed JSON is reported with its position. `adjust` may change the
 * raw object first (command-line overrides), so that the schema checks those values too.
 */
export function loadScenario(file: string, adjust: (raw: unknown) => unknown = (raw) => raw): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, [{ path: '', value: file, expected: `expected a readable scenario file (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, [{ path: '', value: text.slice(0, 40), expected: `expected valid JSON (${(e as Error).message})` }]);
  }
  return parseScenario(adjust(json), file);
}
