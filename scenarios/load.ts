import { readFileSync } from 'node:fs';
import { InputError } from './errors.js';
import { parseScenario } from './parse.js';
import type { Scenario } from './schema.js';

/**
 * Read a JSON file, or throw an InputError that says why it could not be read; malformed JSON is reported
 * with its position. `what` names the kind of file in the message, e.g. `scenario` or `experiment`.
 */
export function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, [{ path: '', value: file, expected: `expected a readable ${what} file (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})` }]);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, [{ path: '', value: text.slice(0, 40), expected: `expected valid JSON (${(e as Error).message})` }]);
  }
}

/**
 * Read and validate a scenario file. `adjust` may change the raw object first (command-line overrides), so
 * that the schema checks those values too.
 */
export function loadScenario(file: string, adjust: (raw: unknown) => unknown = (raw) => raw): Scenario {
  return parseScenario(adjust(readJson(file, 'scenario')), file);
}
