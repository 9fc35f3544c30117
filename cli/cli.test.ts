import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readComposed } from '../scenarios/compose.js';
import { expectRefused } from './test-support/refused.js';

const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli', 'main.js');
const preset = join(root, 'scenarios', 'cbp-home-2025.json');
const sim = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'departure-sim-cli-'));
}

/** The preset with what it extends merged in, changed, and written where its relative paths no longer matter. */
function writeScenario(dir: string, change: (s: any) => void): string {
  const s: any = readComposed(preset);
  change(s);
  const file = join(dir, 'scenario.json');
  writeFileSync(file, JSON.stringify(s));
  return file;
}

describe('departure-sim CLI', () => {
  // npx departure-sim links dist/cli/main.js once per project folder and caches the link; bin-links makes the file
  // executable only then, so a rebuild that leaves it 0644 breaks every later npx run (and the Slurm jobs).
  it('builds the command as an executable file', () => {
    const r = spawnSync(cli, ['--version'], { encoding: 'utf8' });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('runs a scenario and writes results, per-replicate rows, summary, scenario, meta and a data dictionary', () => {
    const dir = scratch();
    const out = join(dir, 'run');
    const r = sim(['run', preset, '--agents', '40000', '--replicates', '2', '--out', out]);
    expect(r.stderr).toBe('departure-sim: warning: 2 replicates give intervals that mean little; use --replicates 5 or more for figures to compare\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^CBP Home, 2025 schedule: 2025-01-01 to 2027-12-31, 36 month steps; 2 replicates of 40,000 agents for 14,000,000 persons; money in USD of 2025\n/);
    expect(r.stdout).toMatch(/  Additional departures +[\d,]+ persons \(95% interval, simulation noise only: -?[\d,]+ to [\d,]+\)\n/);
    expect(r.stdout).toContain('Intervals: 95% intervals of the mean over 2 replicates (Student t; for a ratio such as the cost per additional departure, the ratio of the means with a percentile bootstrap over replicates): simulation noise only');
    expect(r.stdout).toContain(`Report: ${join(out, 'report', 'index.html')}`);
    expect(readdirSync(out).sort()).toEqual(['.departure-sim.json', 'datapackage.json', 'headline-replicates.csv', 'meta.json', 'replicates.csv', 'report', 'results.csv', 'scenario.json', 'summary.json']);
    const page = readFileSync(join(out, 'report', 'index.html'), 'utf8');
    expect(page).toContain('CBP Home, 2025 schedule');
    // `report` rebuilds the same page from the saved outputs.
    const rebuilt = sim(['report', out]);
    expect(rebuilt.status).toBe(0);
    expect(readFileSync(join(out, 'report', 'index.html'), 'utf8')).toBe(page);
    const csv = readFileSync(join(out, 'results.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('period_start,period_end,step,arm,group,series,kind,unit,mean,lo95,hi95');
    expect(csv).toContain('2025-01-01,2025-01-31,0,programme,El Salvador,departures_assisted,flow,persons,0,0,0');
    // Every column of both CSV files is in the data dictionary.
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    for (const [file, resource] of [['results.csv', 0], ['replicates.csv', 1], ['headline-replicates.csv', 2]] as const) {
      const header = readFileSync(join(out, file), 'utf8').split('\n')[0].split(',');
      expect(pkg.resources[resource].schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
    }
    const replicates = readFileSync(join(out, 'replicates.csv'), 'utf8').trimEnd().split('\n');
    expect(replicates.length - 1).toBe(2 * (csv.length - 2));
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(summary.command).toBe('departure-sim run scenario.json');
    // The saved scenario re-runs to the same results.
    const again = join(dir, 'again');
    expect(sim(['run', join(out, 'scenario.json'), '--out', again, '--no-report', '--quiet', '--workers', '1']).status).toBe(0);
    expect(readFileSync(join(again, 'results.csv'), 'utf8')).toBe(readFileSync(join(out, 'results.csv'), 'utf8'));
  });

  it('validates presets and reports problems with path, value and expectation', () => {
    expect(sim(['validate', preset]).stdout).toMatch(/^ok: /);
    const dir = scratch();
    const file = writeScenario(dir, (s) => { s.programme.stipend[1].value = -1000; s.programme.stipnd = 5; });
    const r = sim(['validate', file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('programme.stipend[1].value: got -1000; expected a number >= 0');
    expect(r.stderr).toContain('programme.stipnd: got 5; expected no such key');
  });

  it.each([
    ['malformed JSON', (d: string) => { const f = join(d, 'bad.json'); writeFileSync(f, '{"version": 1,'); return f; }, /expected valid JSON/],
    ['an unknown key', (d: string) => writeScenario(d, (s) => { s.enforcement.removalCosts = 1; }), /enforcement\.removalCosts/],
    ['a wrong type', (d: string) => writeScenario(d, (s) => { s.time.steps = 'thirty-six'; }), /time\.steps: got "thirty-six"; expected a number/],
    ['dates out of order', (d: string) => writeScenario(d, (s) => { s.programme.stipend[2].from = '2025-04-01'; }), /programme\.stipend\[2\]\.from: got "2025-04-01"; expected a date after 2025-05-05/],
    ['a missing file', (d: string) => join(d, 'nope.json'), /expected a readable scenario file \(ENOENT\)/],
  ])('rejects %s without output', (_, make, pattern) => {
    const dir = scratch();
    const out = join(dir, 'out');
    expectRefused(sim(['run', make(dir), '--out', out, '--no-report']), out, pattern);
  });

  it('rejects an --agents count that cannot fit in memory', () => {
    const dir = scratch();
    const out = join(dir, 'out');
    const r = sim(['run', preset, '--agents', '5000000000', '--weight', '1', '--out', out]);
    expectRefused(r, out, /population\.agents: got 5000000000; expected at most [\d,]+ agents/);
  });
});
