import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Headline, OriginRow } from '../sim/results.js';
import { buildSite } from './bundle.js';
import { FIGURES, figureValue } from './figures.js';
import { serveSite } from './serve.js';

/**
 * The page in Debian's Chromium with the network blocked: move a slider, run, and check the charts and figures
 * against the command line for the scenario the page downloads. Skipped without Chromium, except on CI.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli', 'main.js');
const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true';

type PageRun = { headline: Headline; byOrigin: OriginRow[] };
type ChartRow = { run: string; line: string; date: string; mean: number };

describe.skipIf(skip)('classroom page in Chromium', () => {
  let browser: Browser;
  let url: string;
  let fileUrl: string;
  let stopServer: () => void;
  const dir = mkdtempSync(join(tmpdir(), 'classroom-browser-'));
  const problems: string[] = [];
  let served: PageRun;

  beforeAll(async () => {
    const site = await buildSite();
    for (const [name, text] of site) writeFileSync(join(dir, name), text);
    fileUrl = pathToFileURL(join(dir, 'index.html')).href;
    const s = await serveSite(site);
    url = s.url;
    stopServer = () => s.server.close();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    stopServer?.();
  });

  async function open(address: string): Promise<Page> {
    const context = await browser.newContext({ acceptDownloads: true });
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(url) || /^(file|blob|data):/.test(u)) return route.continue();
      problems.push(u);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    await page.goto(address);
    return page;
  }

  async function run(page: Page, chartsDrawn: number): Promise<string> {
    await page.click('#run');
    await page.waitForFunction((n) => {
      const state = document.getElementById('status')!.dataset.state;
      return state === 'error' || (state === 'done' && document.body.dataset.charts === String(n));
    }, chartsDrawn, { timeout: 60_000 });
    const status = (await page.textContent('#status'))!;
    expect(status).toMatch(/^Done in/);
    return status;
  }

  const figures = (page: Page) => page.$$eval('[data-figure]', (cells) =>
    Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.figure!, JSON.parse((c as HTMLElement).dataset.value!)])));
  const pageRun = (page: Page) => page.evaluate(() => {
    const c = (window as unknown as { classroom: { current: PageRun } }).classroom.current;
    return { headline: c.headline, byOrigin: c.byOrigin };
  });
  const uptakeRows = (page: Page) => page.evaluate(() =>
    (window as unknown as { classroom: { views: Record<string, { view: { data(n: string): ChartRow[] } }> } }).classroom.views.uptake.view.data('table')
      .map((r) => ({ run: r.run, line: r.line, date: r.date, mean: r.mean })));
  const final = (rows: ChartRow[], run: string, line: string) => rows.filter((r) => r.run === run && r.line === line).at(-1)!.mean;

  it('updates the charts when a slider moves, and gives the CLI\'s numbers for the downloaded scenario', async () => {
    const page = await open(url);
    const first = await run(page, 1);
    expect(first).toContain('Web Workers, shared memory');
    const before = await figures(page);

    await page.locator('input[name=stipend]').fill('2500');
    expect(new URL(page.url()).hash).toBe('#stipend=2500');
    await run(page, 2);
    const after = await figures(page);
    expect(after.programmeDepartures).not.toBe(before.programmeDepartures);
    expect(after['spend.programme']).not.toBe(before['spend.programme']);

    // The uptake chart shows this run and, dashed, the previous one: each ends at its headline figure.
    const rows = await uptakeRows(page);
    expect(final(rows, 'this run', 'Departures through the programme')).toBe(after.programmeDepartures);
    expect(final(rows, 'previous run', 'Departures through the programme')).toBe(before.programmeDepartures);
    expect(final(rows, 'this run', 'Additional departures: programme on minus off, all routes')).toBe(after.additionalDepartures);
    expect(await page.locator('#chart-uptake svg').count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const scenarioFile = join(dir, 'classroom-scenario.json');
    await download.saveAs(scenarioFile);
    const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
    expect(scenario.programme.stipend.map((e: { value: number }) => e.value)).toEqual([0, 2500, 2500, 2500, 2500]);

    const out = join(dir, 'cli-run');
    const r = spawnSync(process.execPath, [cli, 'run', scenarioFile, '--out', out, '--quiet', '--workers', '2'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    served = await pageRun(page);
    expect(served.headline).toEqual(summary.headline);
    expect(served.byOrigin).toEqual(summary.byOrigin);
    for (const f of FIGURES) expect(after[f.key], f.key).toBe(figureValue(summary.headline, f.key).mean);
    expect(problems).toEqual([]);
  });

  it('runs the static copy from disk, without shared memory, to the same numbers', async () => {
    expect(served, 'needs the served run of the previous test').toBeDefined();
    const page = await open(`${fileUrl}#stipend=2500`);
    expect(await page.locator('input[name=stipend]').inputValue()).toBe('2500');
    expect(await run(page, 1)).toContain('one Web Worker');
    expect(await pageRun(page)).toEqual(served);
    expect(problems).toEqual([]);
  });

  it('says which setting in a shared link is wrong, and keeps the defaults', async () => {
    const page = await open(`${fileUrl}#stipend=lots&model=gut-feeling`);
    const status = page.locator('#status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    const text = await status.textContent();
    expect(text).toContain('stipend: got "lots"; expected a number from 0 to 10000 in steps of 250');
    expect(text).toContain('model: got "gut-feeling"; expected "utility" or "planned-behaviour"');
    expect(await page.locator('input[name=stipend]').inputValue()).toBe('1000');
  });
});
