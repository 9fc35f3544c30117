import type * as z from 'zod';
import { allowedKeys, closestKey } from './suggest.js';

/** One problem in a scenario: where it is, what was found there, and what was expected instead. */
export interface InputProblem {
  path: string;
  value: unknown;
  expected: string;
}

/** Bad user input: the CLI prints `problems` and exits non-zero, without a stack trace. */
export class InputError extends Error {
  constructor(readonly source: string, readonly problems: InputProblem[]) {
    super(`${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map(describeProblem).join('\n')}`);
    this.name = 'InputError';
  }
}

export function describeProblem(p: InputProblem): string {
  return `  ${p.path || '(top level)'}: got ${showValue(p.value)}; ${p.expected}`;
}

function showValue(v: unknown): string {
  if (v === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(v);
  if (text === undefined) return String(v);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** `a.b[2].c` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out ? `.${String(k)}` : String(k);
  }
  return out;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

type Issue = z.core.$ZodIssue;

/** Phrase a zod issue as "expected ...", the way a person fixing the file wants to read it. */
function expectation(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'an integer' : `a ${issue.expected}`}`;
    case 'too_small': {
      if (issue.message.startsWith('expected')) return issue.message;
      const incl = issue.inclusive ? '>=' : '>';
      if (issue.origin === 'array') return `expected at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return `expected at least ${issue.minimum} character${issue.minimum === 1 ? '' : 's'}`;
      return `expected a number ${incl} ${issue.minimum}`;
    }
    case 'too_big': {
      if (issue.message.startsWith('expected')) return issue.message;
      const incl = issue.inclusive ? '<=' : '<';
      if (issue.origin === 'array') return `expected at most ${issue.maximum} entries`;
      return `expected a number ${incl} ${issue.maximum}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'unrecognized_keys':
      return 'expected no such key (unknown keys are errors; check the spelling against the JSON Schema)';
    case 'not_multiple_of':
      return `expected a multiple of ${issue.divisor}`;
    case 'invalid_format':
      return issue.message.startsWith('expected') ? issue.message : `expected ${issue.format} format`;
    case 'invalid_union': {
      // A discriminated union names its options only in the message: "... Expected 'a' | 'b'".
      const options = /Expected (.+)$/.exec(issue.message)?.[1];
      if (options) return `expected ${options.split(' | ').map((o) => `"${o.replace(/^'|'$/g, '')}"`).join(' or ')}`;
      return 'expected one of the allowed forms';
    }
    default:
      return issue.message.startsWith('expected') ? issue.message : `expected ${issue.message.replace(/^Invalid input:?\s*/i, '') || 'a valid value'}`;
  }
}

/**
 * Flatten zod issues into problems. For a union (a lever given as a number or a schedule) the branch that
 * got furthest into the input is reported, since that is the form the author was attempting.
 */
export function problemsFromIssues(issues: readonly Issue[], input: unknown, base: readonly PropertyKey[] = [], schema?: z.ZodType): InputProblem[] {
  const out: InputProblem[] = [];
  for (const issue of issues) {
    const path = [...base, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const best = bestBranch(issue.errors, input, path);
      if (best) {
        out.push(...problemsFromIssues(best, input, path, schema));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const allowed = schema ? allowedKeys(schema, path) : [];
      for (const key of issue.keys) {
        const near = closestKey(key, allowed);
        const expected = near ? `expected no such key: did you mean "${near}"?`
          : allowed.length > 0 ? `expected no such key: the keys here are ${allowed.join(', ')}` : expectation(issue);
        out.push({ path: formatPath([...path, key]), value: valueAt(input, [...path, key]), expected });
      }
      continue;
    }
    out.push({ path: formatPath(path), value: valueAt(input, path), expected: expectation(issue) });
  }
  return out;
}

function bestBranch(branches: Issue[][], input: unknown, path: readonly PropertyKey[]): Issue[] | undefined {
  const v = valueAt(input, path);
  // A branch that only complains about the type of the whole value was not what the author meant,
  // unless every branch does so; then say what each branch expected.
  const deeper = branches.filter((b) => b.some((i) => i.path.length > 0 || i.code !== 'invalid_type'));
  if (deeper.length === 1) return deeper[0];
  if (deeper.length === 0) {
    const kinds = branches.flatMap((b) => b.map((i) => (i.code === 'invalid_type' ? i.expected : '?')));
    return [{ code: 'custom', path: [], message: `expected one of: ${[...new Set(kinds)].join(', ')}`, input: v } as Issue];
  }
  return deeper.sort((a, b) => Math.max(...b.map((i) => i.path.length)) - Math.max(...a.map((i) => i.path.length)))[0];
}
