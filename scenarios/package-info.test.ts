import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageCommit, packageRoot } from './package-info.js';

describe('package commit', () => {
  it('is the commit `npm run build` recorded: a commit of this repository, marked when the build had uncommitted changes', () => {
    const recorded = packageCommit();
    expect(recorded).toMatch(/^[0-9a-f]{40}(-dirty)?$/);
    expect(() => execFileSync('git', ['cat-file', '-e', `${recorded.replace(/-dirty$/, '')}^{commit}`], { cwd: packageRoot() })).not.toThrow();
  });

  it('is "unknown" without a build record, or with one that names none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'build-info-'));
    expect(packageCommit(join(dir, 'missing.json'))).toBe('unknown');
    writeFileSync(join(dir, 'broken.json'), '{"commit": ');
    expect(packageCommit(join(dir, 'broken.json'))).toBe('unknown');
    writeFileSync(join(dir, 'empty.json'), '{"commit": ""}');
    expect(packageCommit(join(dir, 'empty.json'))).toBe('unknown');
    writeFileSync(join(dir, 'build.json'), '{"commit": "0123456789abcdef0123456789abcdef01234567-dirty"}');
    expect(packageCommit(join(dir, 'build.json'))).toBe('0123456789abcdef0123456789abcdef01234567-dirty');
  });
});
