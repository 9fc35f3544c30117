import { spawn, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MARKER } from '../sim/output-folder.js';

const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli', 'main.js');
const preset = join(root, 'scenarios', 'cbp-home-2025.json');
const sim = (args: string[], cwd = root) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd });

/** Every entry under `dir` with its type and bytes (links by their target), so that any change shows. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[rel] = `link -> ${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[rel] = 'dir';
        walk(p);
      } else out[rel] = `file ${readFileSync(p).toString('base64')}`;
    }
  };
  walk(dir);
  return out;
}

let sandbox: string;
let shards: string[];
let calibration: string;

beforeAll(() => {
  sandbox = mkdtempSync(join(tmpdir(), 'departure-sim-safety-'));
  const experiment = join(sandbox, 'experiment.json');
  writeFileSync(experiment, JSON.stringify({
    version: 1, name: 'tiny', title: 'Tiny', base: preset, fixed: { 'time.steps': 3 }, agents: 1000, replicates: 1,
    design: { kind: 'grid', parameters: [{ name: 'stipend', path: 'programme.stipend', values: [0, 3000] }] },
  }));
  shards = [0, 1].map((i) => join(sandbox, `shard-${i}`));
  for (const [i, out] of shards.entries()) expect(sim(['sweep', experiment, '--shard', `${i}/2`, '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
  calibration = join(sandbox, 'calibration.json');
  writeFileSync(calibration, JSON.stringify({
    version: 1, name: 'tiny-fit', title: 'Tiny fit', base: preset, fixed: { 'time.steps': 6 }, agents: 1000, replicates: 1,
    parameters: [{ name: 'newsRate', path: 'information.newsRate', min: 0.001, max: 0.1 }],
    targets: [{ name: 'spring', series: 'departures_assisted', from: '2025-03-10', to: '2025-06-30', value: 1000 }],
    method: { maxEvaluations: 5 },
  }));
});

const COMMANDS = {
  run: (out: string) => ['run', preset, '--agents', '1000', '--replicates', '1', '--no-report', '--quiet', '--workers', '1', '--out', out],
  merge: (out: string) => ['merge', ...shards, '--quiet', '--out', out],
  calibrate: (out: string) => ['calibrate', calibration, '--quiet', '--workers', '1', '--out', out],
  compare: (out: string) => ['compare', preset, join(root, 'scenarios', 'stipend-5000.json'), '--agents', '1000', '--replicates', '1', '--quiet', '--workers', '1', '--out', out],
} as const;

type Hostile = 'non-empty folder' | 'file' | 'link to a folder' | 'link to a file' | 'ancestor of the current directory'
  | 'folder of another kind of output' | 'folder with a foreign marker';
/** What --force may not override: a file is never replaced by a folder, a link never followed, an ancestor never removed. */
const ALWAYS_REFUSED: Hostile[] = ['file', 'link to a folder', 'link to a file', 'ancestor of the current directory'];

const fileName = fc.stringMatching(/^[a-z][a-z0-9_-]{0,11}(\.[a-z]{1,4})?$/).filter((n) => n !== MARKER);
const userFiles = fc.uniqueArray(fc.tuple(fileName, fc.uint8Array({ maxLength: 64 })), { minLength: 1, maxLength: 4, selector: ([n]) => n });

/** Build the hostile target in a fresh case folder; returns the --out argument and the directory to run from. */
function plant(kind: Hostile, files: Array<[string, Uint8Array]>, caseDir: string, relativeOut: boolean): { out: string; cwd: string } {
  const user = join(caseDir, 'user');
  mkdirSync(join(user, 'work', 'deep'), { recursive: true });
  for (const [name, bytes] of files) writeFileSync(join(user, name), bytes);
  mkdirSync(join(user, 'sub'));
  writeFileSync(join(user, 'sub', 'data.csv'), 'a,b\n1,2\n');
  // Only the ancestor case runs from inside the user's folder; the others from beside it.
  const cwd = kind === 'ancestor of the current directory' ? join(user, 'work', 'deep') : caseDir;
  const at = (p: string) => ({ out: relativeOut ? relative(cwd, p) || '.' : p, cwd });
  switch (kind) {
    case 'non-empty folder': return at(user);
    case 'file': return at(join(user, files[0][0]));
    case 'link to a folder':
      symlinkSync(user, join(caseDir, 'link'));
      return at(join(caseDir, 'link'));
    case 'link to a file':
      symlinkSync(join(user, files[0][0]), join(caseDir, 'link'));
      return at(join(caseDir, 'link'));
    case 'ancestor of the current directory': return at(user);
    case 'folder of another kind of output':
      writeFileSync(join(user, MARKER), JSON.stringify({ tool: 'departure-sim', kind: 'classroom' }));
      return at(user);
    case 'folder with a foreign marker':
      writeFileSync(join(user, MARKER), '{"tool":"something-else","kind":"run"}');
      return at(user);
  }
}

describe('no command replaces what it did not write', () => {
  for (const [command, args] of Object.entries(COMMANDS)) {
    it(`${command} refuses every hostile --out with exit 2 before any work, and no pre-existing byte changes`, () => {
      const kinds = fc.constantFrom<Hostile>('non-empty folder', 'file', 'link to a folder', 'link to a file',
        'ancestor of the current directory', 'folder of another kind of output', 'folder with a foreign marker');
      fc.assert(fc.property(kinds, userFiles, fc.boolean(), fc.boolean(), (kind, files, relativeOut, force) => {
        // With --force a non-empty folder may be replaced: that is what the user asked for, so it is not a case here.
        const forced = force && ALWAYS_REFUSED.includes(kind);
        const caseDir = mkdtempSync(join(sandbox, 'case-'));
        const { out, cwd } = plant(kind, files, caseDir, relativeOut);
        const before = snapshot(caseDir);
        const r = sim([...args(out), ...(forced ? ['--force'] : [])], cwd);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stderr).toMatch(/--out: got .*; expected/);
        expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
        if (!forced && !ALWAYS_REFUSED.includes(kind)) expect(r.stderr).toContain('--force');
        expect(snapshot(caseDir)).toEqual(before);
      }), { numRuns: 10 });
    }, 120_000);
  }

  it('refuses the current directory, the repository and the home folder even with --force', () => {
    const dir = mkdtempSync(join(sandbox, 'cwd-'));
    writeFileSync(join(dir, 'thesis.txt'), 'draft');
    const before = snapshot(dir);
    for (const out of ['.', '..']) {
      const r = sim([...COMMANDS.run(out), '--force'], dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/does not contain the current directory/);
    }
    expect(sim([...COMMANDS.run(root), '--force']).stderr).toMatch(/does not contain (the current directory|the departure-sim installation)/);
    expect(sim([...COMMANDS.run('/'), '--force']).status).toBe(2);
    expect(snapshot(dir)).toEqual(before);
  });

  it('writes into a new or empty folder, replaces its own output of the same kind, and a user folder only with --force', () => {
    const dir = mkdtempSync(join(sandbox, 'ok-'));
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(sim(COMMANDS.run(empty)).status).toBe(0);
    expect(readdirSync(empty)).toContain('results.csv');
    const first = readFileSync(join(empty, 'results.csv'), 'utf8');
    expect(sim(COMMANDS.run(empty)).status).toBe(0);
    expect(readFileSync(join(empty, 'results.csv'), 'utf8')).toBe(first);
    const user = join(dir, 'user');
    mkdirSync(user);
    writeFileSync(join(user, 'thesis.txt'), 'draft');
    expect(sim(COMMANDS.run(user)).status).toBe(2);
    expect(readFileSync(join(user, 'thesis.txt'), 'utf8')).toBe('draft');
    expect(sim([...COMMANDS.run(user), '--force']).status).toBe(0);
    expect(existsSync(join(user, 'thesis.txt'))).toBe(false);
    expect(readFileSync(join(user, 'results.csv'), 'utf8')).toBe(first);
    // A run folder is not a calibration's or a comparison's: the kinds never replace each other.
    const r = sim(COMMANDS.calibrate(empty));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/it holds departure-sim's run output, not a calibration/);
    expect(sim(COMMANDS.compare(empty)).stderr).toMatch(/it holds departure-sim's run output, not a comparison/);
  });

  it('refuses an empty --out and an unwritable one before the simulation starts', () => {
    const empty = sim(COMMANDS.run(''));
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/--out: got ""; expected a folder path/);
    const readOnly = sim([...COMMANDS.run('/proc/departure-sim-out'), '--agents', '2000000', '--replicates', '50']);
    expect(readOnly.status).toBe(2);
    expect(readOnly.stderr).toMatch(/expected a folder this user can create and write/);
  });
});

describe('an interrupted swap is recoverable', () => {
  it('puts back a folder a killed run had moved aside, and clears its own temporaries', () => {
    const dir = mkdtempSync(join(sandbox, 'swap-'));
    const out = join(dir, 'results');
    expect(sim(COMMANDS.run(out)).status).toBe(0);
    const before = readFileSync(join(out, 'results.csv'), 'utf8');
    // What a kill between the two renames leaves: the old folder aside, under a process id that no longer runs.
    const dead = 2 ** 22 + 12345;
    renameSync(out, join(dir, `.results.old-${dead}`));
    mkdirSync(join(dir, `.results.tmp-${dead}`));
    writeFileSync(join(dir, `.results.tmp-${dead}`, MARKER), JSON.stringify({ tool: 'departure-sim', kind: 'run' }));
    mkdirSync(join(dir, '.results.tmp-1'));
    const r = sim(COMMANDS.run(out));
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/restored .*results, which an interrupted command had moved aside/);
    expect(readFileSync(join(out, 'results.csv'), 'utf8')).toBe(before);
    // Its own leftovers are gone; a folder of a live process (pid 1) is not its to touch.
    expect(readdirSync(dir).sort()).toEqual(['.results.tmp-1', 'results']);
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`stops on ${signal} with exit ${code} and leaves nothing, however far the run got`, async () => {
      const dir = mkdtempSync(join(sandbox, 'signal-'));
      const out = join(dir, 'out');
      const child = spawn(process.execPath, [cli, 'run', preset, '--agents', '1000000', '--replicates', '20', '--out', out, '--no-report'], { cwd: root });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // The temporary folder exists from before the first step: wait for it rather than for a guessed time.
      while (!readdirSync(dir).some((n) => n.startsWith('.out.tmp-'))) await new Promise((r) => setTimeout(r, 20));
      child.kill(signal);
      expect(await new Promise((r) => child.on('exit', (c) => r(c)))).toBe(code);
      expect(stderr).toMatch(signal === 'SIGINT' ? /interrupted\. No output was written/ : /stopped by SIGTERM\. No output was written/);
      expect(readdirSync(dir)).toEqual([]);
    }, 60_000);
  }
});
