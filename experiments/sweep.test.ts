import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPool } from '../sim/pool.js';
import { blockCount } from '../sim/population.js';
import { runScenario } from '../sim/run.js';
import { mergeSweeps } from './merge.js';
import { planExperiment } from './plan.js';
import { runSweep } from './sweep.js';
import { folderContents, scratch, writeExperiment } from './test-support/fixture.js';

describe('sweep', () => {
  const dir = scratch();
  const file = writeExperiment(dir);
  const plan = planExperiment(file);
  const single = join(dir, 'single');

  it('writes tidy results with the design columns, one row per point x replicate x series', async () => {
    const r = await runSweep(plan, { out: single, workers: 2 });
    expect(r).toEqual({ ran: 8, skipped: 0, complete: true, missing: 0 });
    const files = folderContents(single);
    const charts = ['dose-response', 'incremental-cost', 'heatmap-additional-departures', 'heatmap-cost-per-additional-departure'].flatMap((c) => [`${c}.png`, `${c}.svg`, `${c}.vl.json`]);
    expect(Object.keys(files).filter((f) => !f.startsWith('points/'))).toEqual(
      ['.departure-sim.json', 'design.csv', 'experiment.json', 'report.html', 'results.csv', 'slopes.csv', 'summary.csv', ...charts].sort(),
    );
    const lines = files['results.csv'].trimEnd().split('\n');
    expect(lines[0]).toBe('point,stipend,removalsPerDay,seed,replicate,series,value');
    expect(lines.length - 1).toBe(8 * 2 * 10);
    expect(lines[1]).toMatch(/^0,0,742,1,0,programme_departures,\d+/);
    expect(lines.at(-1)).toMatch(/^7,4000,1500,2,1,net_cost_per_additional_departure,/);
    expect(files['design.csv'].split('\n')[1]).toBe('0,0,742,1');
    // Common random numbers: points at one seed share agents and draws, so the programme-off arm of points that
    // differ only in the stipend is identical; at another seed it is not.
    const twin = (point: number) => lines.filter((l) => l.startsWith(`${point},`) && l.includes(',removals_counterfactual,')).map((l) => l.split(',').at(-1));
    expect(twin(2)).toEqual(twin(0));
    expect(twin(4)).not.toEqual(twin(0));
  });

  it('gives each point exactly what departure-sim run gives its scenario', async () => {
    const p = plan.points[5];
    const pool = createPool(1);
    const out = await runScenario(p.scenario, { executor: pool, twin: true });
    await pool.close();
    const rows = readFileSync(join(single, 'summary.csv'), 'utf8').split('\n').filter((l) => l.startsWith('5,'));
    const additional = rows.find((l) => l.includes(',additional_departures,'))!.split(',');
    expect(Number(additional[5])).toBe(out.headline.additionalDepartures.mean);
    expect(Number(additional[6])).toBe(out.headline.additionalDepartures.lo95);
  });

  it('is byte-identical with 1 and 2 workers: replicates run whole side by side, or one by one', async () => {
    // A point has one block of agents, so the 2-worker sweep above ran its points' replicates whole, side by side in
    // the workers (sim/run.ts); one worker runs every point's replicates one by one, in the calling thread.
    expect(plan.points.every((p) => blockCount(p.scenario.population.agents) === 1 && p.scenario.replicates > 1)).toBe(true);
    const one = join(dir, 'one');
    await runSweep(plan, { out: one, workers: 1 });
    expect(folderContents(one)).toEqual(folderContents(single));
  });

  it('sharded and merged equals a one-machine sweep, byte for byte', async () => {
    const shards = [0, 1, 2].map((i) => join(dir, `shard-${i}`));
    for (const [i, out] of shards.entries()) {
      const r = await runSweep(plan, { out, workers: 1, shard: { index: i, count: 3 } });
      expect(r.complete).toBe(false);
      expect(existsSync(join(out, 'results.csv'))).toBe(false);
    }
    await expect(mergeSweeps(shards.slice(0, 2), { out: join(dir, 'partial') })).rejects.toThrow(/missing 2 \(e\.g\. p000002, p000005\)/);
    expect(existsSync(join(dir, 'partial'))).toBe(false);
    const merged = join(dir, 'merged');
    await mergeSweeps(shards, { out: merged });
    expect(folderContents(merged)).toEqual(folderContents(single));
  });

  it('resumes after a kill and ends byte-identical to an uninterrupted sweep', async () => {
    const out = join(dir, 'killed');
    const controller = new AbortController();
    let finished = 0;
    await expect(runSweep(plan, {
      out, workers: 2, signal: controller.signal,
      onPoint: () => { if (++finished === 3) controller.abort(new DOMException('killed', 'AbortError')); },
    })).rejects.toThrow(/killed/);
    expect(existsSync(join(out, 'results.csv'))).toBe(false);
    await expect(runSweep(plan, { out, workers: 2 })).rejects.toThrow(/pass --resume/);
    const r = await runSweep(plan, { out, workers: 2, resume: true });
    expect(r.skipped).toBeGreaterThanOrEqual(3);
    expect(r.ran + r.skipped).toBe(8);
    expect(folderContents(out)).toEqual(folderContents(single));
  });

  it('refuses to resume a folder of another experiment', async () => {
    const other = planExperiment(writeExperiment(dir, (e) => { e.replicates = 3; }, 'other.json'));
    await expect(runSweep(other, { out: single, workers: 1, resume: true })).rejects.toThrow(/experiment.json differs/);
  });
});
