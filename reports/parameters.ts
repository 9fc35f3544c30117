import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../scenarios/package-info.js';

/**
 * What a scenario setting is, for readers: its description from scenarios/scenario.schema.json (generated from
 * the zod schema) and the unit that description states. The JSON file is read as data, so the reports do not
 * depend on the schema code.
 */
export interface ParameterInfo {
  description: string | null;
  /** Only a unit the description itself states; null rather than a guess. */
  unit: string | null;
}

/** scenarios/scenario.schema.json of this installation, or undefined when it cannot be read. */
export function readScenarioSchema(root?: string): unknown {
  try {
    return JSON.parse(readFileSync(join(root ?? packageRoot(), 'scenarios', 'scenario.schema.json'), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Money in a unit: the scenario's currency, which reports put in its place (formatUnit). */
export const CURRENCY = 'currency';

// In order, first match wins. A null unit stops the search: the description states a compound unit in words
// ("per advertising dollar per person per month") that a short form would misstate.
const UNIT_RULES: ReadonlyArray<[RegExp, string | null | ((m: RegExpExecArray) => string)]> = [
  [/\bper unit of currency\b|\bper unit share\b/i, null],
  [/\bscenario currency per month\b/i, `${CURRENCY} per month`],
  [/\bscenario currency\b/i, CURRENCY],
  [/\bpersons per day\b/i, 'persons per day'],
  [/\bpersons per community\b/i, 'persons per community'],
  [/\b(months|years) of (US )?earnings\b/i, (m) => m[0].toLowerCase().replace(/\bus\b/, 'US')],
  [/^monthly\b|\bper month\b/i, 'per month'],
  [/\bannual\b/i, 'per year'],
  [/^days\b/i, 'days'],
  [/^months\b/i, 'months'],
  [/^years\b/i, 'years'],
  [/^persons\b/i, 'persons'],
];


/** A unit for display: money in the scenario's currency code and price year. */
export function formatUnit(unit: string | null, currency: { code: string; year: number }): string | null {
  return unit?.replace(CURRENCY, `${currency.code} of ${currency.year}`) ?? null;
}

/** The unit a schema description states, e.g. "Removal capacity, persons per day (…)" gives "persons per day". */
export function unitOf(description: string | null): string | null {
  if (!description) return null;
  for (const [pattern, unit] of UNIT_RULES) {
    const m = pattern.exec(description);
    if (m) return typeof unit === 'function' ? unit(m) : unit;
  }
  return null;
}

type Node = Record<string, unknown>;
const isNode = (v: unknown): v is Node => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A node and the alternatives it offers (anyOf, oneOf, allOf), flattened. */
function alternatives(node: Node): Node[] {
  const out = [node];
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    const list = node[key];
    if (Array.isArray(list)) out.push(...list.filter(isNode).flatMap(alternatives));
  }
  return out;
}

function child(node: Node, segment: string | number): Node | undefined {
  for (const alt of alternatives(node)) {
    if (typeof segment === 'number') {
      if (isNode(alt.items)) return alt.items;
    } else {
      const properties = alt.properties;
      if (isNode(properties) && isNode(properties[segment])) return properties[segment] as Node;
      if (isNode(alt.additionalProperties)) return alt.additionalProperties;
    }
  }
  return undefined;
}

const describedBy = (node: Node): string | null => {
  for (const alt of alternatives(node)) if (typeof alt.description === 'string') return alt.description;
  return null;
};

/** "programme.stipend[1].value" as ["programme", "stipend", 1, "value"]. */
export function pathSegments(path: string): Array<string | number> {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]));
}

/**
 * The description and unit of a setting by its dotted path, as flattenParameters and experiment files write it.
 * A schedule's entries (`removalsPerDay[1]`, `removalsPerDay[1].value`) take the schedule's description; its
 * `from` dates do not. Unknown paths, and a schema that could not be read, give nulls.
 */
export function describeParameter(schema: unknown, path: string): ParameterInfo {
  let node: Node | undefined = isNode(schema) ? schema : undefined;
  let description: string | null = null;
  for (const segment of pathSegments(path)) {
    node = node && child(node, segment);
    if (!node) return { description: null, unit: null };
    const own = describedBy(node);
    if (own) description = own;
    else if (!(typeof segment === 'number' || segment === 'value')) description = null;
  }
  return { description, unit: unitOf(description) };
}
