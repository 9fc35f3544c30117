import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli', 'main.js');
const preset = join(root, 'scenarios', 'cbp-home-2025.json');
const experiment = join(root, 'scenarios', 'experiments', 'stipend-dose-response.json');
const sim = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
const dir = mkdtempSync(join(tmpdir(), 'departure-sim-exit-'));
const aFile = join(dir, 'notes.txt');
writeFileSync(aFile, 'mine');

// The README's table: 2 for every kind of bad input, whichever command and however it arrives.
describe('exit code 2 for bad input, with a message and no stack trace', () => {
  it.each([
    ['--agents 0', ['run', preset, '--agents', '0'], /expected a whole number >= 1/],
    ['a misspelt option', ['run', preset, '--agent', '1000'], /unknown option '--agent'[\s\S]*Did you mean --agents\?/],
    ['--agents 1,000,000', ['run', preset, '--agents', '1,000,000'], /expected a whole number >= 1/],
    ['--workers 0', ['run', preset, '--workers', '0'], /expected a whole number >= 1/],
    ['--seed -1', ['run', preset, '--seed', '-1'], /expected a whole number >= 0/],
    ['a missing argument', ['run'], /missing required argument 'scenario'/],
    ['an unknown command', ['rn', preset], /unknown command 'rn'[\s\S]*Did you mean run\?/],
    ['report on a folder that is not a run', ['report', dir], /expected the output folder of `departure-sim run`/],
    ['sweep --out on an existing file', ['sweep', experiment, '--out', aFile], /a file is never replaced by a folder/],
    ['merge without --out', ['merge', dir], /required option '--out <dir>' not specified/],
    ['a scenario that is a folder', ['validate', dir], /expected a scenario file, but this is a folder/],
    ['classroom --out without --static', ['classroom', '--out', dir], /expected --out and --force only with --static/],
    ['bench --json on a file it did not write', ['bench', '--quick', '--json', aFile], /expected a new file, or a benchmark file this command wrote/],
  ])('%s', (_, args, message) => {
    const r = sim(args as string[]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('0 for --help and --version', () => {
    expect(sim(['--help']).status).toBe(0);
    expect(sim(['run', '--help']).stdout).toMatch(/Exit codes: 0 success; 1 the command failed[\s\S]*2 bad input/);
    expect(sim(['--version']).status).toBe(0);
  });
});
