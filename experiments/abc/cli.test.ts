import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../../cli/test-support/refused.js';
import { readComposed } from '../../scenarios/compose.js';
import { BASE, ROOT, folderContents, scratch, writeAbcCalibration } from '../test-support/fixture.js';

const cli = join(ROOT, 'dist', 'cli', 'main.js');
const sim = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', cwd: ROOT });

describe('departure-sim calibrate (ABC-SMC) and run --posterior', () => {
  const dir = scratch();
  const file = writeAbcCalibration(dir);
  const cal = join(dir, 'cal');

  it('calibrates: the same posterior.csv, and every other file, with 1 or 2 workers', () => {
    const r = sim(['calibrate', file, '--out', cal, '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Tiny ABC calibration: ABC-SMC stopped \(max-generations\) after 3 generations and \d+ evaluations; last tolerance [\d.]+/);
    expect(r.stdout).toMatch(/\n  statusQuo \(model\.statusQuo\): median -?[\d.]+, 90% credible interval -?[\d.]+ to -?[\d.]+\n/);
    expect(r.stdout).toMatch(/Posterior predictive check \(6 draws\)/);
    expect(readdirSync(cal)).toEqual(expect.arrayContaining(['posterior.csv', 'posterior.json', 'summary.json', 'diagnostics.csv', 'predictive.csv', 'report.html']));
    const two = join(dir, 'cal-2');
    expect(sim(['calibrate', file, '--out', two, '--workers', '2', '--quiet']).status).toBe(0);
    expect(readFileSync(join(two, 'posterior.csv'), 'utf8')).toBe(readFileSync(join(cal, 'posterior.csv'), 'utf8'));
    expect(folderContents(two)).toEqual(folderContents(cal));
  }, 120_000);

  it('runs a scenario over the posterior: every replicate draws its parameters, and the interval says what it holds', () => {
    const out = join(dir, 'run');
    const r = sim(['run', BASE, '--posterior', cal, '--agents', '2000', '--replicates', '6', '--out', out, '--no-report', '--workers', '1']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/  Additional departures +-?[\d,]+ persons \(95% interval, parameters and simulation noise: -?[\d,]+ to -?[\d,]+\)\n/);
    expect(r.stdout).toContain('Intervals: 95% intervals over 6 replicates, each at parameters drawn from a calibration\'s posterior');
    expect(r.stderr).toContain('6 replicates give intervals that mean little; use --replicates 40 or more');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.intervalKind).toBe('parameters-and-simulation-noise');
    expect(summary.posterior).toMatchObject({ calibration: 'tiny-abc', parameters: [{ name: 'statusQuo' }, { name: 'removalsPerDay' }], notApplied: [] });
    expect(summary.command).toBe('departure-sim run scenario.json --posterior posterior.json');
    // Each replicate's draw is a particle of the posterior, at its values.
    const particles = csvParse(readFileSync(join(cal, 'posterior.csv'), 'utf8'));
    const draws = csvParse(readFileSync(join(out, 'posterior-draws.csv'), 'utf8'));
    expect(draws.map((d) => d.replicate)).toEqual(['0', '1', '2', '3', '4', '5']);
    for (const d of draws) expect([d.statusQuo, d.removalsPerDay]).toEqual([particles[Number(d.particle)].statusQuo, particles[Number(d.particle)].removalsPerDay]);
    expect(new Set(draws.map((d) => d.particle)).size).toBeGreaterThan(1);
    // The folder re-runs to the same results with its own copy of the posterior, on any number of workers.
    const again = join(dir, 'again');
    const rerun = spawnSync(process.execPath, [cli, 'run', 'scenario.json', '--posterior', 'posterior.json', '--out', again, '--no-report', '--quiet', '--workers', '2'], { encoding: 'utf8', cwd: out });
    expect(rerun.status).toBe(0);
    expect(readFileSync(join(again, 'results.csv'), 'utf8')).toBe(readFileSync(join(out, 'results.csv'), 'utf8'));
    expect(readFileSync(join(again, 'posterior-draws.csv'), 'utf8')).toBe(readFileSync(join(out, 'posterior-draws.csv'), 'utf8'));
  }, 120_000);

  it('refuses a posterior it cannot use before running: exit 2 and the reason', () => {
    const out = join(dir, 'refused');
    expectRefused(sim(['run', BASE, '--posterior', join(dir, 'nowhere'), '--out', out]), out, /--posterior: got ".*nowhere"; expected the output folder of departure-sim calibrate/);
    expectRefused(sim(['run', BASE, '--posterior', cal, '--posterior-case', 'spain', '--out', out]), out, /--posterior-case: got "spain"; expected one of the calibration's case scenarios \(us\)/);
    expectRefused(sim(['run', BASE, '--posterior-case', 'us', '--out', out]), out, /expected --posterior with it/);
    expectRefused(sim(['run', BASE, '--posterior', file, '--out', out]), out, /calibration\.json:\n  format: got nothing \(the field is missing\); expected "departure-sim posterior": the posterior\.json that departure-sim calibrate writes for an ABC-SMC calibration\n$/);
    // A parameter whose path the scenario does not have: this scenario's removal capacity is one number, not a schedule.
    const flat = join(dir, 'flat.json');
    writeFileSync(flat, JSON.stringify({ ...readComposed(BASE), enforcement: { removalsPerDay: 900, removalCost: 17121 } }));
    const posterior = JSON.parse(readFileSync(join(cal, 'posterior.json'), 'utf8'));
    posterior.parameters[1].path = 'enforcement.removalsPerDay[1].value';
    writeFileSync(join(dir, 'posterior.json'), JSON.stringify(posterior));
    expectRefused(sim(['run', flat, '--posterior', join(dir, 'posterior.json'), '--out', out]), out,
      /parameters\[1\]\.path: got "enforcement\.removalsPerDay\[1\]\.value"; expected the path of a numeric value in the scenario \(parameter "removalsPerDay"/);
  }, 60_000);

  it('calibrates two case scenarios at once, each parameter in its cases, and applies a case\'s own parameters on request', () => {
    const joint = writeAbcCalibration(dir, (c) => {
      c.name = 'two-cases';
      // The utility model's pinned parameters do not exist in the planned-behaviour model.
      const fixed = Object.fromEntries(Object.entries(c.scenarios.us.fixed).filter(([path]) => !path.startsWith('model.')));
      c.scenarios.tpb = { ...c.scenarios.us, fixed, file: join(ROOT, 'scenarios', 'cbp-home-2025-planned-behaviour.json') };
      c.parameters[0].scenarios = ['us'];
      c.parameters.push({ name: 'thresholdMean', path: 'model.thresholdMean', scenarios: ['tpb'], prior: { kind: 'uniform', min: 0.6, max: 1.2 } });
      c.targets.push({ ...c.targets[1], name: 'unassisted_tpb', scenario: 'tpb' });
      Object.assign(c.method, { particles: 6, batchSize: 6, maxGenerations: 2, predictive: 2 });
    }, 'joint.json');
    const out = join(dir, 'joint');
    const r = sim(['calibrate', joint, '--out', out, '--workers', '2', '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(csvParse(readFileSync(join(out, 'predictive.csv'), 'utf8')).map((t) => [t.target, t.scenario])).toEqual([['removals', 'us'], ['unassisted', 'us'], ['unassisted_tpb', 'tpb']]);
    const run = (extra: string[]) => sim(['run', BASE, '--posterior', out, '--agents', '1000', '--replicates', '2', '--no-report', '--quiet', '--workers', '1', ...extra]);
    const shared = run(['--out', join(dir, 'shared')]);
    expect(shared.status).toBe(0);
    expect(shared.stderr).toContain('note: statusQuo (model.statusQuo) was calibrated for case us only and keeps the scenario\'s value; --posterior-case applies a case\'s own parameters');
    expect(readFileSync(join(dir, 'shared', 'posterior-draws.csv'), 'utf8').split('\n')[0]).toBe('replicate,particle,removalsPerDay');
    expect(run(['--out', join(dir, 'us'), '--posterior-case', 'us']).status).toBe(0);
    expect(readFileSync(join(dir, 'us', 'posterior-draws.csv'), 'utf8').split('\n')[0]).toBe('replicate,particle,statusQuo,removalsPerDay');
    // The planned-behaviour case's own parameter has no place in a random-utility scenario.
    expectRefused(run(['--out', join(dir, 'tpb'), '--posterior-case', 'tpb']), join(dir, 'tpb'), /posterior\.json:\n  parameters\[2\]\.path: got "model\.thresholdMean"; expected the path of a numeric value/);

    // Leave one case out: the same posterior as the file written without the case, its targets and own parameters.
    const without = join(dir, 'without-tpb');
    expect(sim(['calibrate', joint, '--leave-out', 'tpb', '--out', without, '--workers', '2', '--quiet']).status).toBe(0);
    const usOnly = writeAbcCalibration(dir, (c) => {
      c.name = 'two-cases-without-tpb';
      c.parameters[0].scenarios = ['us'];
      Object.assign(c.method, { particles: 6, batchSize: 6, maxGenerations: 2, predictive: 2 });
    }, 'us-only.json');
    const byHand = join(dir, 'us-only');
    expect(sim(['calibrate', usOnly, '--out', byHand, '--workers', '2', '--quiet']).status).toBe(0);
    expect(readFileSync(join(without, 'posterior.csv'), 'utf8')).toBe(readFileSync(join(byHand, 'posterior.csv'), 'utf8'));
    expect(readFileSync(join(without, 'posterior.csv'), 'utf8').split('\n')[0]).not.toContain('thresholdMean');
    expect(csvParse(readFileSync(join(without, 'predictive.csv'), 'utf8')).map((t) => t.target)).toEqual(['removals', 'unassisted']);
    const unknown = join(dir, 'without-spain');
    expectRefused(sim(['calibrate', joint, '--leave-out', 'spain', '--out', unknown]), unknown, /--leave-out: got "spain"; expected one of the calibration's case scenarios \(us, tpb\)/);
    expectRefused(sim(['calibrate', file, '--leave-out', 'us', '--out', unknown]), unknown, /--leave-out: got "us"; expected a calibration of two or more case scenarios/);
  }, 180_000);

  it.each([
    ['an unknown key', (c: any) => { c.method.particle = 20; }, /method\.particle: got 20; expected no such key/],
    ['too few particles', (c: any) => { c.method.particles = 1; }, /method\.particles: got 1; expected a number >= 2/],
    ['a prior whose bounds are reversed', (c: any) => { c.parameters[1].prior = { kind: 'uniform', min: 60, max: 10 }; }, /parameters\[1\]\.prior\.max: got 10; expected a number > min \(60\)/],
    ['a parameter path that leads nowhere', (c: any) => { c.parameters[0].path = 'model.statusQou'; }, /parameters\[0\]\.path: got "model\.statusQou"; expected the path of a numeric value/],
    ['a target of a scenario that is not listed', (c: any) => { c.targets[0].scenario = 'spain'; }, /targets\[0\]\.scenario: got "spain"; expected one of the scenarios \(us\)/],
    ['an observation the scenario does not have', (c: any) => { c.targets[0] = { name: 'x', kind: 'observation', scenario: 'us', observation: 'removals_2024' }; },
      /targets\[0\]\.observation: got "removals_2024"; expected the name of an observation of scenario us \(departures_spring_2025, departures_2025, removals_2025\)/],
    ['a window outside the simulated months', (c: any) => { c.targets[1].to = '2025-12-31'; }, /targets\[1\]\.to: got "2025-01-01 to 2025-12-31"; expected a window inside the simulated horizon/],
    ['a target without its uncertainty', (c: any) => { delete c.targets[0].sd; }, /targets\[0\]\.sd: got nothing \(the field is missing\); expected the observation's uncertainty/],
    ['a case scenario that does not exist', (c: any) => { c.scenarios.us.file = 'missing.json'; }, /missing\.json/],
  ])('refuses %s: exit 2, the field, the value and what was expected, nothing written', (_, change, pattern) => {
    const bad = writeAbcCalibration(dir, change, 'bad.json');
    const out = join(dir, 'bad-out');
    expectRefused(sim(['calibrate', bad, '--out', out]), out, pattern);
  }, 30_000);

  it('refuses --shard, --resume and --leave-out for a version 1 (Nelder-Mead) file, and a shard beyond the count', () => {
    const v1 = join(dir, 'v1.json');
    writeFileSync(v1, JSON.stringify({
      version: 1, name: 'v1', title: 'V1', base: BASE, agents: 1000, parameters: [{ name: 'sq', path: 'model.statusQuo', min: -3, max: 0 }],
      targets: [{ name: 'r', series: 'removals', from: '2025-01-01', to: '2025-06-30', value: 100 }],
    }));
    const out = join(dir, 'v1-out');
    expectRefused(sim(['calibrate', v1, '--out', out, '--shard', '0/2']), out, /--shard: got "0\/2"; expected no such option for a version 1 \(Nelder-Mead\) calibration/);
    expectRefused(sim(['calibrate', v1, '--out', out, '--leave-out', 'us']), out, /--leave-out: got "us"; expected no such option for a version 1 \(Nelder-Mead\) calibration/);
    expectRefused(sim(['calibrate', file, '--out', out, '--shard', '2/2']), out, /shard: got "2\/2"; expected a shard index from 0 to the shard count less one/);
  }, 30_000);
});
