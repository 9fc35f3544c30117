import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASE, ROOT, folderContents, scratch, writeExperiment } from './test-support/fixture.js';

const cli = join(ROOT, 'dist', 'cli', 'main.js');
const sim = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, ...env } });

describe('departure-sim sweep, merge and calibrate', () => {
  const dir = scratch();
  const file = writeExperiment(dir, (e) => { e.seeds = [1]; });

  it('shards from Slurm and Kubernetes variables merge into what one sweep writes', () => {
    const whole = join(dir, 'whole');
    const r = sim(['sweep', file, '--out', whole, '--workers', '2', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const slurm = sim(['sweep', file, '--out', join(dir, 's1'), '--workers', '1'], { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2', SLURM_ARRAY_TASK_MIN: '1' });
    expect(slurm.status).toBe(0);
    expect(slurm.stdout).toMatch(/shard 0\/2: 2 points run, 0 already done; 2 points are in other shards/);
    const k8s = sim(['sweep', file, '--out', join(dir, 's2'), '--workers', '1', '--shard-count', '2', '--quiet'], { JOB_COMPLETION_INDEX: '1' });
    expect(k8s.status).toBe(0);
    expect(readdirSync(join(dir, 's2', 'points'))).toEqual(['p000001.json', 'p000003.json']);
    const m = sim(['merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'merged')]);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/Merged 2 folders: 4 points/);
    expect(folderContents(join(dir, 'merged'))).toEqual(folderContents(whole));
  });

  it('rejects a bad experiment before running: exit 2, the path named, no stack trace, nothing written', () => {
    const bad = writeExperiment(dir, (e) => { e.design.parameters[0].path = 'programme.stipends'; }, 'bad.json');
    const out = join(dir, 'bad-out');
    const r = sim(['sweep', bad, '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/design\.parameters\[0\]\.path: got "programme\.stipends"/);
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(out)).toBe(false);
    const shard = sim(['sweep', file, '--out', out, '--shard', '3/2']);
    expect(shard.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('calibrates and writes a fitted scenario that departure-sim validates, and a fit report', () => {
    const cal = join(dir, 'cal.json');
    writeFileSync(cal, JSON.stringify({
      version: 1, name: 'tiny-fit', title: 'Tiny fit', base: BASE, fixed: { 'time.steps': 6 }, agents: 3000, replicates: 1,
      parameters: [{ name: 'removalsPerDay', path: 'enforcement.removalsPerDay[1].value', min: 500, max: 1500 }],
      targets: [{ name: 'removals', series: 'removals', from: '2025-01-01', to: '2025-06-30', value: 150000 }],
      method: { maxEvaluations: 12 },
    }));
    const out = join(dir, 'fit');
    const r = sim(['calibrate', cal, '--out', out, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/removalsPerDay \(enforcement\.removalsPerDay\[1\]\.value\): 950 -> /);
    expect(readdirSync(out).sort()).toEqual(['.departure-sim.json', 'fit.json', 'fitted-scenario.json', 'trace.csv']);
    expect(sim(['validate', join(out, 'fitted-scenario.json')]).status).toBe(0);
  });
});
