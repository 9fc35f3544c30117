import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { markFolder, MARKER } from '../sim/output-folder.js';
import { writeFixtureRun } from './test-support/fixture.js';
import { rebuildReport } from './write-report.js';

const control = vi.hoisted(() => ({ renderCalls: 0, failOnCall: 0 }));

// Lets a test break the build halfway, after some files of the new report have been written.
vi.mock('./render.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./render.js')>();
  return {
    ...actual,
    renderSvg: async (...args: Parameters<typeof actual.renderSvg>) => {
      control.renderCalls += 1;
      if (control.renderCalls === control.failOnCall) throw new Error('renderer failed');
      return actual.renderSvg(...args);
    },
  };
});

const CHARTS = ['programme-departures', 'cumulative-departures', 'additional-departures', 'spend', 'uptake-by-origin', 'awareness-trust'];
let runDir: string;

beforeEach(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'departure-sim-report-'));
  await writeFixtureRun(runDir);
  control.renderCalls = 0;
  control.failOnCall = 0;
});
afterEach(async () => {
  await rm(runDir, { recursive: true, force: true });
});

const leftovers = async () => (await readdir(runDir)).filter((name) => name.includes('.tmp-'));

describe('rebuildReport', () => {
  it('writes index.html and, for every chart, its spec, SVG and PNG, and leaves no temporary folder', async () => {
    const index = await rebuildReport(runDir);
    expect(index).toBe(join(runDir, 'report', 'index.html'));
    expect((await readFile(index, 'utf8')).startsWith('<!doctype html>')).toBe(true);
    const files = await readdir(join(runDir, 'report'));
    expect(files.sort()).toEqual(['.departure-sim.json', 'index.html', ...CHARTS.flatMap((c) => [`${c}.png`, `${c}.svg`, `${c}.vl.json`])].sort());
    for (const chart of CHARTS) {
      const spec = JSON.parse(await readFile(join(runDir, 'report', `${chart}.vl.json`), 'utf8'));
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
      expect((await readFile(join(runDir, 'report', `${chart}.svg`), 'utf8')).startsWith('<svg')).toBe(true);
      expect((await readFile(join(runDir, 'report', `${chart}.png`))).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(await leftovers()).toEqual([]);
  }, 30_000);

  it('replaces a previous report whole', async () => {
    await mkdir(join(runDir, 'report'));
    markFolder(join(runDir, 'report'), 'report');
    await writeFile(join(runDir, 'report', 'stale.txt'), 'from an earlier run');
    await rebuildReport(runDir);
    expect(existsSync(join(runDir, 'report', 'stale.txt'))).toBe(false);
    expect(existsSync(join(runDir, 'report', 'index.html'))).toBe(true);
    expect(await leftovers()).toEqual([]);
  }, 30_000);

  it('refuses to replace a report folder it did not write, unless forced, and a folder that is not a run', async () => {
    await mkdir(join(runDir, 'report'));
    await writeFile(join(runDir, 'report', 'notes.txt'), 'mine');
    await expect(rebuildReport(runDir)).rejects.toThrow(/report folder: got .*expected a new or empty folder, or one this tool wrote for a report.*--force/s);
    expect(await readdir(join(runDir, 'report'))).toEqual(['notes.txt']);
    await rebuildReport(runDir, true);
    expect(existsSync(join(runDir, 'report', 'notes.txt'))).toBe(false);
    await rm(join(runDir, MARKER));
    await expect(rebuildReport(runDir)).rejects.toThrow(/expected the output folder of `departure-sim run`/);
  }, 30_000);

  it('keeps the previous report untouched and cleans up when the build fails halfway', async () => {
    await mkdir(join(runDir, 'report'));
    markFolder(join(runDir, 'report'), 'report');
    await writeFile(join(runDir, 'report', 'index.html'), 'previous report');
    control.failOnCall = 3;
    await expect(rebuildReport(runDir)).rejects.toThrow('renderer failed');
    expect((await readdir(join(runDir, 'report'))).sort()).toEqual(['.departure-sim.json', 'index.html']);
    expect(await readFile(join(runDir, 'report', 'index.html'), 'utf8')).toBe('previous report');
    expect(await leftovers()).toEqual([]);
  }, 30_000);

  it('names the file when summary.json does not match the documented shape', async () => {
    const summary = JSON.parse(await readFile(join(runDir, 'summary.json'), 'utf8'));
    delete summary.headline.removalCost;
    await writeFile(join(runDir, 'summary.json'), JSON.stringify(summary));
    await expect(rebuildReport(runDir)).rejects.toThrow(/summary\.json[\s\S]*removalCost/);
    expect(existsSync(join(runDir, 'report'))).toBe(false);
  });
});
