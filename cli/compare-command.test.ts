import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { beforeAll, describe, expect, it } from 'vitest';
import { readComposed } from '../scenarios/compose.js';
import { expectRefused } from './test-support/refused.js';

const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli', 'main.js');
const sim = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: root });
const dir = mkdtempSync(join(tmpdir(), 'departure-sim-compare-'));

/** The stipend-5000 preset with another flat stipend, a year long, written where its relative paths do not matter. */
function stipendScenario(amount: number, change: (s: any) => void = () => {}): string {
  const s: any = readComposed(join(root, 'scenarios', 'stipend-5000.json'));
  s.name = `stipend-${amount}`;
  s.title = `Stipend of $${amount}`;
  s.time.steps = 12;
  s.programme.stipend = [{ from: '2025-01-01', value: 0 }, { from: '2025-05-05', value: amount }];
  change(s);
  const file = join(dir, `${s.name}-${s.time.steps}.json`);
  writeFileSync(file, JSON.stringify(s));
  return file;
}

const SIZE = ['--agents', '5000', '--replicates', '3'];

/** Every file under a folder, by relative path, with its bytes (base64, so that PNGs compare exactly). */
function contents(folder: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) Object.assign(out, contents(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = readFileSync(path).toString('base64');
  }
  return out;
}

/** The command refused, into an output folder of its own. */
function expectRefusedArgs(args: string[], pattern: RegExp) {
  const out = join(dir, `refused-${Math.random().toString(36).slice(2)}`);
  expectRefused(sim([...args, '--out', out]), out, pattern);
}

let a: string;
let b: string;
let one: string;

beforeAll(() => {
  a = stipendScenario(2000);
  b = stipendScenario(5000);
  one = join(dir, 'one');
});

describe('departure-sim compare', () => {
  it('runs two scenarios on common random numbers and prints and writes B - A with paired intervals', () => {
    const r = sim(['compare', a, b, ...SIZE, '--workers', '1', '--out', one]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/warning: 3 replicates give intervals that mean little/);
    expect(r.stdout).toContain('B: Stipend of $5000');
    expect(r.stdout).toMatch(/\n {2}Programme departures +[\d,]+ persons +[\d,]+ persons +\+[\d,]+ persons +[-+][\d,]+ to \+[\d,]+\n/);
    expect(r.stdout).toMatch(/\n {2}Incremental spend per incremental additional departure +\$[\d,]+/);
    expect(r.stdout).toContain(`Report: ${join(one, 'report', 'index.html')}`);
    expect(readdirSync(one).sort()).toEqual(['.departure-sim.json', 'datapackage.json', 'difference.csv', 'figures.csv', 'report', 'summary.json']);
    expect(readdirSync(join(one, 'report')).sort()).toEqual(
      ['difference', 'side-by-side'].flatMap((c) => [`${c}.png`, `${c}.svg`, `${c}.vl.json`]).concat('index.html').sort(),
    );

    // figures.csv: tidy, with units; the difference is B - A; every column is in the data dictionary.
    const figures = csvParse(readFileSync(join(one, 'figures.csv'), 'utf8'));
    const row = (figure: string, run: string) => figures.find((f) => f.figure === figure && f.run === run)!;
    expect(new Set(figures.map((f) => f.unit))).toEqual(new Set(['persons', 'share', 'USD']));
    const programme = ['A', 'B', 'difference'].map((run) => Number(row('programmeDepartures', run).mean));
    expect(programme[2]).toBeCloseTo(programme[1] - programme[0], 6);
    expect(row('incrementalCostPerAdditionalDeparture', 'difference')).toMatchObject({ unit: 'USD', interval: 'percentile bootstrap over paired replicates' });
    const pkg = JSON.parse(readFileSync(join(one, 'datapackage.json'), 'utf8'));
    for (const [file, resource] of [['figures.csv', 0], ['difference.csv', 1]] as const) {
      const header = readFileSync(join(one, file), 'utf8').split('\n')[0].split(',');
      expect(pkg.resources[resource].schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
    }
    // difference.csv: every series at every step, as B - A.
    const last = csvParse(readFileSync(join(one, 'difference.csv'), 'utf8'))
      .find((d) => d.step === '11' && d.arm === 'difference' && d.group === 'all' && d.series === 'cum_departures_total')!;
    expect(Number(last.mean)).toBeCloseTo(Number(row('additionalDepartures', 'difference').mean), 3);
    const page = readFileSync(join(one, 'report', 'index.html'), 'utf8');
    expect(page).toContain('Incremental spend per incremental additional departure');
    expect(page).not.toMatch(/<script[^>]+src=/);
  });

  it('writes the same bytes with 1 and 2 workers, and the same figures from the two finished run folders', () => {
    const two = join(dir, 'two');
    expect(sim(['compare', a, b, ...SIZE, '--workers', '2', '--quiet', '--out', two]).status).toBe(0);
    expect(contents(two)).toEqual(contents(one));

    const [runA, runB] = [join(dir, 'run-a'), join(dir, 'run-b')];
    for (const [file, out] of [[a, runA], [b, runB]]) expect(sim(['run', file, ...SIZE, '--no-report', '--quiet', '--out', out]).status).toBe(0);
    const folders = join(dir, 'folders');
    expect(sim(['compare', runA, runB, '--quiet', '--out', folders]).status).toBe(0);
    for (const file of ['figures.csv', 'difference.csv']) expect(readFileSync(join(folders, file), 'utf8'), file).toBe(readFileSync(join(one, file), 'utf8'));
    const summary = JSON.parse(readFileSync(join(folders, 'summary.json'), 'utf8'));
    expect(summary.a).toMatchObject({ source: runA, from: 'run folder', seed: 20250505, agents: 5000, replicates: 3 });
    expect(summary.pairing.samePopulation).toBe(true);
    expect(summary.headline).toEqual(JSON.parse(readFileSync(join(one, 'summary.json'), 'utf8')).headline);
  });

  it('refuses, with exit 2 and before any work, inputs it cannot pair', () => {
    expectRefusedArgs(['compare', join(dir, 'no-such.json'), b], /no-such\.json.*presets:/s);
    expectRefusedArgs(['compare', a, one], /B: got .*; expected a scenario file, as A .* is/);
    // Different horizons: step t of A and of B would not be the same month.
    expectRefusedArgs(['compare', a, stipendScenario(5000, (s) => { s.time.steps = 6; }), ...SIZE], /time: got "6 steps of 1 month from 2025-01-01"; expected 12 steps/);
    const [runA, runB] = [join(dir, 'run-a'), join(dir, 'run-b')];
    expectRefusedArgs(['compare', runA, runB, '--seed', '7'], /--seed: got 7; expected no --seed, --agents or --replicates with run folders/);
    const other = join(dir, 'run-seed-7');
    expect(sim(['run', b, ...SIZE, '--seed', '7', '--no-report', '--quiet', '--out', other]).status).toBe(0);
    expectRefusedArgs(['compare', runA, other], /seed: got 7; expected 20250505, as in .*run-a: .*re-run one of them with --seed 20250505/);
    const noTwin = join(dir, 'run-no-twin');
    expect(sim(['run', b, ...SIZE, '--no-counterfactual', '--no-report', '--quiet', '--out', noTwin]).status).toBe(0);
    expectRefusedArgs(['compare', runA, noTwin], /counterfactual: got false; expected a run with its counterfactual twin/);
    expectRefusedArgs(['compare', runA, one], /run folder: got .*; expected the output folder of `departure-sim run`/);
  });
});
