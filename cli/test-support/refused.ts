import type { SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';

/** A refused command: exit 2, the problem named, no stack trace, and nothing written at `out`. */
export function expectRefused(r: SpawnSyncReturns<string>, out: string, pattern: RegExp): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(existsSync(out)).toBe(false);
}
