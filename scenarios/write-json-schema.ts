import { writeFileSync } from 'node:fs';
import { scenarioJsonSchema } from './json-schema.js';

/** `npm run schema`: regenerate scenarios/scenario.schema.json after changing the zod schema. */
writeFileSync(new URL('../../scenarios/scenario.schema.json', import.meta.url), scenarioJsonSchema());
