import * as z from 'zod';
import { scenarioSchema } from './schema.js';

/** The JSON Schema of scenario files, for editors: generated from the zod schema so the two cannot drift. */
export function scenarioJsonSchema(): string {
  const schema = z.toJSONSchema(scenarioSchema(), { io: 'input', unrepresentable: 'any' });
  return JSON.stringify({ ...schema, title: 'departure-sim scenario', $id: 'scenario.schema.json' }, null, 2) + '\n';
}
