import { InputError, problemsFromIssues } from './errors.js';
import { scenarioSchema, type Scenario } from './schema.js';

/** Validate a parsed scenario object; throws InputError naming every bad field. Browser-safe. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  const schema = scenarioSchema();
  const result = schema.safeParse(input);
  if (!result.success) throw new InputError(source, problemsFromIssues(result.error.issues, input, [], schema));
  return result.data;
}
