import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../scenarios/errors.js';
import { folderContents, scratch, writeAbcCalibration } from '../test-support/fixture.js';
import { runAbcCalibration } from './calibration-run.js';
import { planAbcCalibration } from './plan.js';

/**
 * The determinism contract of a calibration on disk: the same file gives the same bytes (posterior, diagnostics,
 * predictive check, report, and every evaluation record) whatever the number of workers, wherever it was killed
 * and resumed, and however it was split into shards. Each calibration here runs about 80 engine evaluations of
 * 1,000 agents.
 */
const dir = scratch();
const plan = planAbcCalibration(writeAbcCalibration(dir));
const whole = join(dir, 'whole');
// Evaluations of the whole calibration, posterior predictive ones included: set by the first test.
let evaluations = 0;

describe('ABC calibration on disk', () => {
  it('writes posterior, diagnostics, predictive check, summary and report, the same bytes with 1 or 2 workers', async () => {
    const r = await runAbcCalibration(plan, { out: whole, workers: 1 });
    expect(r.state.stopped).toBe('max-generations');
    expect(r.wroteOutputs).toBe(true);
    evaluations = r.ran;
    expect(evaluations).toBe(r.state.simulations + 6);
    await runAbcCalibration(plan, { out: join(dir, 'two'), workers: 2 });
    const files = folderContents(whole);
    expect(folderContents(join(dir, 'two'))).toEqual(files);
    for (const f of ['posterior.csv', 'posterior.json', 'particles.csv', 'diagnostics.csv', 'predictive.csv', 'summary.json', 'report.html',
      'marginals.vl.json', 'pairs.vl.json', 'diagnostics.vl.json', 'predictive.vl.json', 'calibration.json']) expect(files).toHaveProperty(f);
    const posterior = csvParse(files['posterior.csv']);
    expect(posterior.columns).toEqual(['generation', 'particle', 'candidate', 'statusQuo', 'removalsPerDay', 'weight', 'distance']);
    expect(posterior).toHaveLength(12);
    expect(posterior.reduce((s, p) => s + Number(p.weight), 0)).toBeCloseTo(1, 12);
    const diagnostics = csvParse(files['diagnostics.csv']);
    expect(diagnostics.map((g) => g.generation)).toEqual(['0', '1', '2']);
    // Tolerances fall from one generation to the next; generation 0 accepts every prior draw.
    expect(diagnostics[0].tolerance).toBe('');
    expect(Number(diagnostics[2].tolerance)).toBeLessThan(Number(diagnostics[1].tolerance));
    const summary = JSON.parse(files['summary.json']);
    expect(summary.predictive.map((t: { target: string; draws: number }) => [t.target, t.draws])).toEqual([['removals', 6], ['unassisted', 6]]);
  }, 120_000);

  it('a calibration killed in generation 0, in a later generation or in its predictive simulations resumes to the same bytes', async () => {
    for (const kill of [5, Math.round(evaluations / 2), evaluations - 2]) {
      const out = join(dir, `killed-${kill}`);
      let written = 0;
      const killed = runAbcCalibration(plan, { out, workers: 2, onRecord: () => { if (++written === kill) throw new Error('killed'); } });
      await expect(killed).rejects.toThrow('killed');
      expect(() => readFileSync(join(out, 'posterior.csv'))).toThrow();
      const r = await runAbcCalibration(plan, { out, workers: 1, resume: true });
      expect(r.reused).toBeGreaterThanOrEqual(kill);
      expect(r.reused + r.ran).toBe(evaluations);
      expect(folderContents(out)).toEqual(folderContents(whole));
    }
  }, 180_000);

  it('two shards sharing one folder give the same bytes, shard 0 writing the outputs', async () => {
    const out = join(dir, 'shards');
    const [a, b] = await Promise.all([0, 1].map((index) => runAbcCalibration(plan, { out, workers: 1, shard: { index, count: 2 }, pollMs: 10 })));
    expect([a.wroteOutputs, b.wroteOutputs]).toEqual([true, false]);
    expect(a.ran + b.ran).toBe(evaluations);
    expect(Math.abs(a.ran - b.ran)).toBeLessThan(evaluations / 4);
    expect(folderContents(out)).toEqual(folderContents(whole));
  }, 120_000);

  it('continues only its own calibration, and starts afresh in nobody\'s folder only with --force', async () => {
    const other = planAbcCalibration(writeAbcCalibration(dir, (c) => { c.method.seed = 8; }, 'other.json'));
    await expect(runAbcCalibration(other, { out: whole, workers: 1, resume: true })).rejects.toThrow(/expected the folder of this same calibration/);
    await expect(runAbcCalibration(plan, { out: whole, workers: 1 })).rejects.toThrow(/holds a calibration already \(pass --resume/);
    await expect(runAbcCalibration(plan, { out: whole, workers: 1, force: true, shard: { index: 0, count: 2 } })).rejects.toThrow(InputError);
    const mine = join(dir, 'mine');
    writeFileSync(join(dir, 'mine'), 'a file of the user');
    await expect(runAbcCalibration(plan, { out: mine, workers: 1 })).rejects.toThrow(/a file is never replaced/);
    expect(readFileSync(mine, 'utf8')).toBe('a file of the user');
  }, 60_000);
});
