import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { packageCommit, packageIdentity, packageRoot } from './package-info.js';

describe('package identity', () => {
  it('records the checkout it runs from: its commit as git names it, marked when it has uncommitted changes', async () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: packageRoot(), encoding: 'utf8' }).trim();
    expect(await packageCommit()).toMatch(new RegExp(`^${head}(-dirty)?$`));
    expect(await packageIdentity()).toEqual({ name: 'departure-sim', version: expect.stringMatching(/^\d+\.\d+\.\d+/), commit: await packageCommit() });
  });

  it('asks git once however many outputs record it', () => {
    expect(packageCommit()).toBe(packageCommit());
  });
});
