import type * as z from 'zod';

/**
 * "Did you mean": the keys a schema allows at a path of the input, and the one closest to a misspelt key. Works
 * on zod's definitions (objects, wrappers, unions, arrays, records), so every schema gets it for free.
 */
type Def = { type: string; shape?: Record<string, unknown>; innerType?: unknown; in?: unknown; element?: unknown; options?: unknown[]; valueType?: unknown };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } })?._zod?.def;

/** Every object shape the schema can take at `path` (through optional, default, pipes, unions, arrays, records). */
function shapesAt(schema: unknown, path: readonly PropertyKey[]): Array<Record<string, unknown>> {
  const def = defOf(schema);
  if (!def) return [];
  switch (def.type) {
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'catch': case 'readonly': case 'nonoptional':
      return shapesAt(def.innerType, path);
    case 'pipe':
      return shapesAt(def.in, path);
    case 'union':
      return (def.options ?? []).flatMap((o) => shapesAt(o, path));
    case 'array':
      return path.length > 0 && typeof path[0] === 'number' ? shapesAt(def.element, path.slice(1)) : [];
    case 'record':
      return path.length > 0 ? shapesAt(def.valueType, path.slice(1)) : [];
    case 'object':
      if (path.length === 0) return [def.shape ?? {}];
      return shapesAt((def.shape ?? {})[String(path[0])], path.slice(1));
    default:
      return [];
  }
}

export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(shapesAt(schema, path).flatMap((shape) => Object.keys(shape)))];
}

/** Edit distance with transpositions (optimal string alignment), case-insensitive. */
function distance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  const d = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[x.length][y.length];
}

/** The allowed key closest to `key`, if one is close enough to be what was meant. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of allowed) {
    const dist = distance(key, k);
    if (dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}
