import { readFileSync, statSync } from 'node:fs';
import { parse, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import { InputError, formatPath } from './errors.js';

/** Largest input file read: scenarios and experiments are a few kilobytes; this stops /dev/zero-like inputs. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;
/** Deepest nesting accepted: scenario files nest five levels; this stops inputs that would exhaust the stack. */
export const MAX_NESTING = 64;

const fail = (file: string, value: unknown, expected: string): never => {
  throw new InputError(file, [{ path: '', value, expected }]);
};

/**
 * Read a JSON input file the way a careful tool must: a regular file only (not a folder, FIFO or device), at most
 * MAX_INPUT_BYTES, valid UTF-8 (a leading byte-order mark is accepted), strict JSON with the line and column of a
 * syntax error, no key given twice in one object, and nesting no deeper than MAX_NESTING. `what` names the kind
 * of file in messages; `missing` adds a hint when the file does not exist.
 */
export function readJson(file: string, what: string, missing = ''): unknown {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    return fail(file, file, `expected a readable ${what} file (${code})${code === 'ENOENT' ? missing : ''}`);
  }
  if (!stat.isFile()) fail(file, file, `expected a ${what} file, but this is ${stat.isDirectory() ? 'a folder' : 'not a regular file (a pipe, socket or device)'}`);
  if (stat.size > MAX_INPUT_BYTES) fail(file, `${stat.size} bytes`, `expected a ${what} file of at most ${MAX_INPUT_BYTES / 2 ** 20} MB`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return fail(file, file, `expected a readable ${what} file (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail(file, `${bytes.length} bytes`, `expected UTF-8 text, but the file has bytes that are not UTF-8 (save it as UTF-8)`);
  }
  return parseJsonText(text, file);
}

/** Parse JSON text with the checks of `readJson` (a byte-order mark already removed by the decoder). */
export function parseJsonText(text: string, source: string): unknown {
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) fail(source, `${depth} levels of nesting`, `expected JSON nested at most ${MAX_NESTING} levels deep`);
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const { error, offset } = errors[0];
    const { line, column } = lineAndColumn(text, offset);
    fail(source, text.slice(offset, offset + 20) || '(end of file)', `expected valid JSON: ${describeSyntax(printParseErrorCode(error))} at line ${line}, column ${column}`);
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate) {
    const { line, column } = lineAndColumn(text, duplicate.offset);
    throw new InputError(source, [{
      path: duplicate.path, value: duplicate.key,
      expected: `expected each key once per object: "${duplicate.key}" is given again at line ${line}, column ${column} (JSON would silently keep the last)`,
    }]);
  }
  return JSON.parse(text);
}

function describeSyntax(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The deepest nesting of objects and arrays, counted without recursion so that any input is safe to measure. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return max;
}

/** The first key that repeats within one object, with its path and offset. */
function firstDuplicateKey(text: string): { key: string; path: string; offset: number } | undefined {
  const open: Array<Set<string>> = [];
  let found: { key: string; path: string; offset: number } | undefined;
  visit(text, {
    onObjectBegin: () => {
      open.push(new Set());
    },
    onObjectEnd: () => {
      open.pop();
    },
    onObjectProperty: (key, offset, _length, _line, _column, pathSupplier) => {
      const keys = open[open.length - 1];
      if (!found && keys.has(key)) found = { key, path: formatPath([...pathSupplier(), key]), offset };
      keys.add(key);
    },
  });
  return found;
}
