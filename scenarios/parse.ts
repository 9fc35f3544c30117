import type * as z from 'zod';
import { InputError, problemsFromIssues } from './errors.js';
import { scenarioSchema, type Scenario } from './schema.js';

/**
 * Validate a parsed file against a schema; throws InputError naming every bad field. Browser-safe.
 * Jitless: zod's compiled fast path costs 10-20 ms to build on a process's first parse, more than the few parses a
 * command makes ever win back (bench/HISTORY.md).
 */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown, source: string): z.output<S> {
  const result = schema.safeParse(input, { jitless: true });
  if (!result.success) throw new InputError(source, problemsFromIssues(result.error.issues, input, [], schema));
  return result.data;
}

/** Validate a parsed scenario object. */
export function parseScenario(input: unknown, source = 'scenario'): Scenario {
  return parseWith(scenarioSchema(), input, source);
}
