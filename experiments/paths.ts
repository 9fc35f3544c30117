/**
 * Parameter paths into a scenario: dotted keys with optional list indices, e.g. `programme.stipend` or
 * `enforcement.removalsPerDay[1].value`. Values are set on the raw scenario object so that the scenario schema
 * checks them exactly as it checks a hand-written file.
 */
export type PathKey = string | number;

const SEGMENT = /^([A-Za-z_$][A-Za-z0-9_$]*)((?:\[\d+\])*)$/;

/** Keys that reach an object's prototype: a path through one could change every object of the program. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Split a path into keys, or undefined when it is not of the form `a.b[1].c` or names a prototype key. */
export function parsePath(path: string): PathKey[] | undefined {
  const keys: PathKey[] = [];
  for (const part of path.split('.')) {
    const m = SEGMENT.exec(part);
    if (!m || FORBIDDEN.has(m[1])) return undefined;
    keys.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) keys.push(Number(idx[1]));
  }
  return keys;
}

/** The value at `keys`, through own properties only (never a prototype's). */
export function getPath(root: unknown, keys: readonly PathKey[]): unknown {
  let v: unknown = root;
  for (const k of keys) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, k)) return undefined;
    v = (v as Record<PathKey, unknown>)[k];
  }
  return v;
}

/**
 * Set a value in place, creating missing objects on the way (a default the file left out); a list index must
 * already exist, since a schedule entry cannot be conjured from nothing.
 * Returns false when the path runs through a non-object or a missing list entry.
 */
export function setPath(root: Record<string, unknown>, keys: readonly PathKey[], value: unknown): boolean {
  if (keys.some((k) => typeof k === 'string' && FORBIDDEN.has(k))) return false;
  let v: Record<PathKey, unknown> = root;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i];
    let next = Object.hasOwn(v, k) ? v[k] : undefined;
    if (next === undefined && typeof k === 'string' && typeof keys[i + 1] === 'string' && !Array.isArray(v)) {
      next = {};
      v[k] = next;
    }
    if (next === null || typeof next !== 'object') return false;
    if (typeof keys[i + 1] === 'number' && !(Array.isArray(next) && (keys[i + 1] as number) < next.length)) return false;
    v = next as Record<PathKey, unknown>;
  }
  v[keys[keys.length - 1]] = value;
  return true;
}
