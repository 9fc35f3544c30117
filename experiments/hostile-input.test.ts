import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../sim/output-folder.js';
import { BASE, ROOT, scratch, writeExperiment } from './test-support/fixture.js';

const cli = join(ROOT, 'dist', 'cli', 'main.js');
const sim = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: ROOT });
const noStack = (stderr: string) => expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);

describe('experiment files that would harm the process', () => {
  it('refuses a path through __proto__, constructor or prototype, and Object.prototype stays clean', () => {
    const dir = scratch();
    for (const path of ['__proto__.polluted', 'constructor.prototype.polluted', 'programme.__proto__']) {
      const file = writeExperiment(dir, (e) => { e.fixed = { [path]: 1 }; }, 'proto.json');
      const r = sim(['sweep', file, '--out', join(dir, 'out')]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`fixed["${path}"]`);
      noStack(r.stderr);
    }
    const param = writeExperiment(dir, (e) => { e.design.parameters[0].path = '__proto__.stipend'; }, 'param.json');
    expect(sim(['sweep', param, '--out', join(dir, 'out')]).stderr).toMatch(/design\.parameters\[0\]\.path: got "__proto__\.stipend"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a design too large to hold, and a population too large for memory, before allocating', () => {
    const dir = scratch();
    const huge = writeExperiment(dir, (e) => {
      e.budget = 1e12; // two seeds: 2e9 points
      e.design.parameters = ['a', 'b', 'c'].map((name) => ({ name, path: 'programme.stipend', min: 0, max: 1000, levels: 1000 }));
    }, 'huge.json');
    const r = sim(['sweep', huge, '--out', join(dir, 'out')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/design: got "2,000,000,000 points"; expected at most 100,000 points/);
    const big = writeExperiment(dir, (e) => { e.fixed = { 'time.steps': 6, 'population.persons': 9e9 }; e.agents = 2e9; }, 'big.json');
    const m = sim(['sweep', big, '--out', join(dir, 'out')]);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/agents: got 2000000000; expected at most [\d,]+ agents/);
    noStack(m.stderr);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('merge checks every point file against its experiment', () => {
  const dir = scratch();
  const file = writeExperiment(dir, (e) => { e.seeds = [1]; });
  const other = writeExperiment(dir, (e) => { e.seeds = [1]; e.agents = 2000; }, 'other.json');
  const shards = [0, 1].map((i) => join(dir, `s${i}`));
  for (const [i, out] of shards.entries()) sim(['sweep', file, '--shard', `${i}/2`, '--out', out, '--quiet', '--workers', '1']);
  sim(['sweep', other, '--shard', '0/2', '--out', join(dir, 'foreign'), '--quiet', '--workers', '1']);

  it('refuses a point file written for another setting, naming the file (resume refuses it too)', () => {
    const bad = join(dir, 'bad-shard');
    cpSync(shards[0], bad, { recursive: true });
    cpSync(join(dir, 'foreign', 'points', 'p000000.json'), join(bad, 'points', 'p000000.json'));
    const r = sim(['merge', bad, shards[1], '--out', join(dir, 'merged')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad-shard\/points\/p000000\.json[\s\S]*expected point 0 of this experiment \(scenario hash [0-9a-f]{64}\)/);
    expect(existsSync(join(dir, 'merged'))).toBe(false);
  });

  it('names a truncated point file', () => {
    const cut = join(dir, 'cut-shard');
    cpSync(shards[0], cut, { recursive: true });
    const point = join(cut, 'points', 'p000000.json');
    writeFileSync(point, readFileSync(point, 'utf8').slice(0, 50));
    const r = sim(['merge', cut, shards[1], '--out', join(dir, 'merged')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cut-shard\/points\/p000000\.json[\s\S]*expected a complete point file/);
    noStack(r.stderr);
  });

  it('refuses to write into one of the shard folders it reads', () => {
    const r = sim(['merge', ...shards, '--out', shards[0]]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/expected a folder other than the shard folders being merged/);
  });
});

describe('what a failed command says and leaves', () => {
  it('writeFileAtomically leaves no temporary when the write fails', () => {
    const dir = scratch();
    mkdirSync(join(dir, 'taken'));
    // A file cannot replace a folder: the rename fails after the temporary was written.
    expect(() => writeFileAtomically(join(dir, 'taken'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });

  it('a sweep that fails says its finished points are kept, and leaves no temporary file', () => {
    const dir = scratch();
    const file = writeExperiment(dir, (e) => { e.seeds = [1]; });
    const out = join(dir, 'out');
    expect(sim(['sweep', file, '--shard', '0/2', '--out', out, '--quiet', '--workers', '1']).status).toBe(0);
    // A folder where a point file should be: the sweep runs the other points, then cannot read this one.
    mkdirSync(join(out, 'points', 'p000001.json'));
    const r = sim(['sweep', file, '--out', out, '--resume', '--quiet', '--workers', '1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Finished points are kept in .*out: continue with --resume\./);
    expect(r.stderr).not.toMatch(/No output was written/);
    expect(readdirSync(out).filter((n) => n.includes('.tmp-'))).toEqual([]);
    expect(readdirSync(join(out, 'points')).sort()).toEqual(['p000000.json', 'p000001.json', 'p000002.json', 'p000003.json']);
  });

  it('calibrate warns about every target the fit misses by more than its tolerance', () => {
    const dir = scratch();
    const cal = join(dir, 'cal.json');
    writeFileSync(cal, JSON.stringify({
      version: 1, name: 'miss', title: 'A fit that cannot reach a target', base: BASE, fixed: { 'time.steps': 6 }, agents: 2000, replicates: 1,
      parameters: [{ name: 'newsRate', path: 'information.newsRate', min: 0.001, max: 0.002, start: 0.0015 }],
      targets: [{ name: 'impossible', series: 'departures_assisted', from: '2025-03-10', to: '2025-06-30', value: 5e6, tolerance: 0.2 }],
      method: { maxEvaluations: 4 },
    }));
    const out = join(dir, 'fit');
    const r = sim(['calibrate', cal, '--out', out, '--workers', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/target impossible: 5,000,000, simulated [\d,]+ \(-\d+\.\d%, MISSED: beyond the tolerance of 20%\)/);
    expect(r.stderr).toMatch(/warning: the fit misses 1 of 1 targets by more than their tolerance \(impossible\)/);
    const fit = JSON.parse(readFileSync(join(out, 'fit.json'), 'utf8'));
    expect(fit.targets[0]).toMatchObject({ name: 'impossible', missed: true, tolerance: 0.2 });
  });
});
