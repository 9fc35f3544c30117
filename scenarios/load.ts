import { readComposed } from './compose.js';
import { parseScenario } from './parse.js';
import type { Scenario } from './schema.js';

/**
 * Read and validate a scenario file. `adjust` may change the raw object first (command-line overrides), so
 * that the schema checks those values too; `missing` is a hint added when the file does not exist.
 */
export function loadScenario(file: string, adjust: (raw: unknown) => unknown = (raw) => raw, missing = ''): Scenario {
  return parseScenario(adjust(readComposed(file, missing)), file);
}
