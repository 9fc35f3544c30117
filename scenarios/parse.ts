import { InputError, problemsFromIssues } from './errors.js';
import { scenarioSchema, type Scenario } from './schema.js';

/** Validate a parsed scenario object; throws InputError naming every bad field. Browser-safe. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema().safeParse(input);
  if (!result.success) throw new InputError(source, problemsFromIssues(result.error.issues, input));
  return result.data;
}
