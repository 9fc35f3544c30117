import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from './errors.js';
import { MAX_INPUT_BYTES, readJson } from './read-json.js';

const dir = mkdtempSync(join(tmpdir(), 'departure-sim-read-'));
const file = (name: string, data: string | Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, data);
  return p;
};
const problem = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error('expected an InputError');
};
const preset = readFileSync(new URL('./cbp-home-2025.json', import.meta.url), 'utf8');

describe('readJson', () => {
  it('reads a scenario, with or without a byte-order mark', () => {
    expect(readJson(file('plain.json', preset), 'scenario')).toEqual(JSON.parse(preset));
    expect(readJson(file('bom.json', `\uFEFF${preset}`), 'scenario')).toEqual(JSON.parse(preset));
  });

  it('refuses what is not a regular file without opening it: a folder, a device, a FIFO', () => {
    expect(problem(() => readJson(dir, 'scenario'))).toMatch(/expected a scenario file, but this is a folder/);
    expect(problem(() => readJson('/dev/zero', 'scenario'))).toMatch(/not a regular file/);
    const fifo = join(dir, 'pipe');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Opening a FIFO for reading would wait forever for a writer: the check must come first.
    expect(problem(() => readJson(fifo, 'scenario'))).toMatch(/not a regular file \(a pipe, socket or device\)/);
  });

  it('refuses a file over the size limit', () => {
    expect(problem(() => readJson(file('big.json', Buffer.alloc(MAX_INPUT_BYTES + 1, 32)), 'scenario'))).toMatch(/at most 16 MB/);
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    expect(problem(() => readJson(file('latin1.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d])), 'scenario'))).toMatch(/expected UTF-8 text/);
  });

  it('gives the line and column of a syntax error', () => {
    expect(problem(() => readJson(file('syntax.json', '{\n  "version": 1,\n  "name": \n}'), 'scenario')))
      .toMatch(/expected valid JSON: value expected at line 4, column 1/);
    expect(problem(() => readJson(file('trailing.json', '{"a": 1,}'), 'scenario'))).toMatch(/at line 1, column 9/);
    expect(problem(() => readJson(file('empty.json', ''), 'scenario'))).toMatch(/expected valid JSON/);
  });

  it('names a key given twice in one object (JSON would keep the last in silence)', () => {
    const text = '{\n  "programme": {\n    "stipend": 1000,\n    "stipend": 5000\n  }\n}';
    expect(problem(() => readJson(file('dup.json', text), 'scenario')))
      .toMatch(/programme\.stipend: got "stipend"; expected each key once per object: "stipend" is given again at line 4, column 5/);
    // The same key in two different objects is fine.
    expect(readJson(file('ok.json', '{"a": {"x": 1}, "b": {"x": 2}}'), 'scenario')).toEqual({ a: { x: 1 }, b: { x: 2 } });
  });

  it('refuses nesting deep enough to exhaust the stack, with a message', () => {
    expect(problem(() => readJson(file('deep.json', '['.repeat(2000) + ']'.repeat(2000)), 'scenario'))).toMatch(/nested at most 64 levels/);
    expect(problem(() => readJson(file('deeper.json', '{"a":'.repeat(200000) + '1' + '}'.repeat(200000)), 'scenario'))).toMatch(/nested at most 64 levels/);
    // Brackets inside strings are text, not nesting.
    expect(readJson(file('strings.json', JSON.stringify({ s: '['.repeat(500) })), 'scenario')).toEqual({ s: '['.repeat(500) });
  });

  it('says where to find presets when a scenario file does not exist', () => {
    expect(problem(() => readJson(join(dir, 'nope.json'), 'scenario', '; presets: a.json'))).toMatch(/\(ENOENT\); presets: a\.json/);
  });
});
