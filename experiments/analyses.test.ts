import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { planExperiment } from './plan.js';
import { runSweep } from './sweep.js';
import { scratch, writeExperiment } from './test-support/fixture.js';

const dir = scratch();

async function sweep(name: string, change: (e: any) => void): Promise<string> {
  const out = join(dir, name);
  await runSweep(planExperiment(writeExperiment(dir, (e) => { e.seeds = [1]; change(e); }, `${name}.json`)), { out, workers: 2 });
  return out;
}

/** The charts embedded in report.html, each compiled by Vega-Lite and drawn to SVG by Vega, as a browser would. */
async function drawCharts(out: string): Promise<Array<{ name: string; svg: string; spec: any }>> {
  const html = readFileSync(join(out, 'report.html'), 'utf8');
  expect(html).not.toMatch(/<script[^>]+src=/);
  expect(html).toContain('vegaEmbed');
  const json = /<script type="application\/json" id="experiment-charts">(.*?)<\/script>/s.exec(html)![1];
  const charts = JSON.parse(json) as Array<{ name: string; spec: any }>;
  return Promise.all(charts.map(async (c) => {
    const view = new vega.View(vega.parse(compile(c.spec).spec), { renderer: 'none' });
    return { ...c, svg: await view.toSVG() };
  }));
}

const csv = (out: string, name: string) => readFileSync(join(out, name), 'utf8').trimEnd().split('\n').map((l) => l.split(','));

describe('analyses and report', () => {
  it('a grid gives a dose-response with 95% bands, heatmaps, and a slider bound to a swept parameter', async () => {
    const out = await sweep('grid', () => {});
    const charts = await drawCharts(out);
    expect(charts.map((c) => c.name)).toEqual(['dose-response', 'incremental-cost', 'heatmap-additional-departures', 'heatmap-cost-per-additional-departure']);
    const dose = charts[0];
    expect(dose.spec.params[0]).toMatchObject({ name: 'pick', bind: { input: 'range', min: 742, max: 1500, step: 758 } });
    expect(dose.svg).toContain('<path');
    const summary = csv(out, 'summary.csv');
    expect(summary[0]).toEqual(['point', 'stipend', 'removalsPerDay', 'seed', 'series', 'mean', 'lo95', 'hi95']);
    const row = summary.find((r) => r[0] === '2' && r[4] === 'programme_departures')!;
    expect(Number(row[6])).toBeLessThanOrEqual(Number(row[5]));
    expect(Number(row[7])).toBeGreaterThanOrEqual(Number(row[5]));
    // Slopes between neighbouring stipends at each removal capacity: the change in the means, paired by replicate.
    const slopes = csv(out, 'slopes.csv');
    expect(slopes[0]).toEqual(['from_point', 'to_point', 'stipend', 'removalsPerDay', 'stipend_to', 'seed', 'series', 'unit', 'mean', 'lo95', 'hi95', 'interval', 'note']);
    expect(slopes.slice(1).map((r) => r.slice(0, 8).join(','))).toEqual(['0,2,0,742,4000,1', '1,3,0,1500,4000,1'].flatMap((at) => [
      `${at},incremental_additional_departures,persons`, `${at},incremental_programme_spend,USD`, `${at},incremental_cost_per_additional_departure,USD`,
    ]));
    const mean = (point: string, series: string) => Number(summary.find((r) => r[0] === point && r[4] === series)![5]);
    const additional = slopes.find((r) => r[0] === '1' && r[6] === 'incremental_additional_departures')!;
    expect(Number(additional[8])).toBeCloseTo(mean('3', 'additional_departures') - mean('1', 'additional_departures'), 6);
    // Six months of 3,000 agents add no departure between the two stipends: the ratio is left empty, and says why.
    expect(additional[8]).toBe('0');
    const cost = slopes.find((r) => r[0] === '1' && r[6] === 'incremental_cost_per_additional_departure')!;
    expect(cost.slice(8)).toEqual(['', '', '', 'percentile bootstrap over paired replicates', 'the denominator is zero: no difference to divide by']);
  });

  it('a Morris design writes mu* and sigma per parameter and series', async () => {
    const out = await sweep('morris', (e) => {
      e.design = { kind: 'morris', trajectories: 3, parameters: [
        { name: 'stipend', path: 'programme.stipend', min: 0, max: 8000 },
        { name: 'removalsPerDay', path: 'enforcement.removalsPerDay', min: 400, max: 2000 },
      ] };
    });
    const rows = csv(out, 'morris.csv');
    expect(rows[0]).toEqual(['parameter', 'series', 'mu_star', 'mu', 'sigma']);
    const removals = Object.fromEntries(rows.filter((r) => r[1] === 'removals').map((r) => [r[0], Number(r[2])]));
    // Removal capacity drives removals far more than the stipend does.
    expect(removals.removalsPerDay).toBeGreaterThan(5 * removals.stipend);
    expect((await drawCharts(out)).map((c) => c.name)).toEqual(['morris']);
  });

  it('a Saltelli design writes S1 and ST with bootstrap intervals', async () => {
    const out = await sweep('saltelli', (e) => {
      e.design = { kind: 'saltelli', samples: 6, parameters: [
        { name: 'stipend', path: 'programme.stipend', min: 0, max: 8000 },
        { name: 'removalsPerDay', path: 'enforcement.removalsPerDay', min: 400, max: 2000 },
      ] };
    });
    const rows = csv(out, 'sobol.csv');
    expect(rows[0]).toEqual(['parameter', 'series', 'S1', 'S1_lo95', 'S1_hi95', 'ST', 'ST_lo95', 'ST_hi95']);
    expect(rows.length).toBe(1 + 2 * 4);
    expect(rows.some((r) => r[2] === 'NaN')).toBe(false);
    const removals = rows.filter((r) => r[1] === 'removals');
    expect(Number(removals.find((r) => r[0] === 'removalsPerDay')![5])).toBeGreaterThan(Number(removals.find((r) => r[0] === 'stipend')![5]));
    for (const r of rows.slice(1).filter((x) => x[2] !== '')) {
      expect(Number(r[3])).toBeLessThanOrEqual(Number(r[4]));
      expect(Number(r[6])).toBeLessThanOrEqual(Number(r[7]));
    }
    expect((await drawCharts(out)).map((c) => c.name)).toEqual(['sobol']);
  });

  it('a Latin hypercube gives scatter plots, and a one-parameter grid marks its slider level', async () => {
    const lhs = await sweep('lhs', (e) => {
      e.design = { kind: 'latin-hypercube', samples: 4, parameters: [{ name: 'stipend', path: 'programme.stipend', min: 0, max: 8000 }] };
    });
    expect((await drawCharts(lhs)).map((c) => c.name)).toEqual(['scatter']);
    const one = await sweep('one', (e) => { e.design.parameters = [e.design.parameters[0]]; });
    const [dose, incremental] = await drawCharts(one);
    expect(incremental.name).toBe('incremental-cost');
    expect(incremental.spec.layer.map((l: any) => l.mark.type)).toEqual(['rule', 'rule', 'point', 'rule', 'text']);
    expect(dose.spec.params[0].bind).toMatchObject({ input: 'range', min: 0, max: 4000 });
    // One panel per series; the slider's rule and label in each, and the cost of one removal in the cost panel.
    expect(dose.spec.vconcat[0].layer.map((l: any) => l.mark.type)).toEqual(['area', 'line', 'rule', 'text']);
    expect(dose.spec.vconcat[2].layer.map((l: any) => l.mark.type)).toEqual(['area', 'line', 'rule', 'text', 'rule', 'text']);
    expect(JSON.stringify(dose.spec.vconcat[2])).toContain('Cost of one removal: $17,121');
    // Each chart also stands beside the page as a Vega-Lite spec, an SVG and a PNG.
    for (const ext of ['vl.json', 'svg', 'png']) expect(existsSync(join(one, `dose-response.${ext}`)), ext).toBe(true);
    expect(readFileSync(join(one, 'dose-response.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});
