import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readComposed } from '../scenarios/compose.js';
import { parseScenario } from '../scenarios/parse.js';
import type { ScenarioInput } from '../scenarios/schema.js';
import { createPool } from '../sim/pool.js';
import type { Headline, GroupRow } from '../sim/results.js';
import { buildSite } from './bundle.js';
import { figureValue } from '../sim/headline-figures.js';
import { FIGURES, type ReplicateFigures } from './figures.js';
import { runClassroom } from './run.js';
import { serveSite } from './serve.js';
import { classroomScenario, DEFAULTS } from './settings.js';

/**
 * The page in Debian's Chromium with the network blocked: figures on load, move a slider, run, and check the
 * charts, the paired change and the figures against the command line for the scenario the page downloads.
 * Every test opens its own page and needs nothing from another. Skipped without Chromium, except on CI.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const root = new URL('../', import.meta.url).pathname;
const cli = join(root, 'dist', 'cli', 'main.js');
const preset = readComposed(join(root, 'scenarios', 'cbp-home-2025.json')) as ScenarioInput;
const skip = !existsSync(CHROMIUM) && process.env.CI !== 'true';

type PageRun = { headline: Headline; byGroup: GroupRow[]; replicates: ReplicateFigures };
type ChartRow = { run: string; line: string; date: string; mean: number };
type Opened = { page: Page; problems: string[] };

describe.skipIf(skip)('classroom page in Chromium', () => {
  let browser: Browser;
  let url: string;
  let fileUrl: string;
  let stopServer: () => void;
  const dir = mkdtempSync(join(tmpdir(), 'classroom-browser-'));

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

  /** A fresh page in its own context; `problems` collects page errors, console errors and warnings, and requests for elsewhere. */
  async function open(address: string, viewport = { width: 1366, height: 768 }): Promise<Opened> {
    const problems: string[] = [];
    const context = await browser.newContext({ acceptDownloads: true, viewport });
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
    return { page, problems };
  }

  /** Wait until the page has finished run number n (its charts drawn), and return the status. */
  async function finished(page: Page, n: number): Promise<string> {
    await page.waitForFunction((k) => {
      const state = document.getElementById('status')!.dataset.state;
      return state === 'error' || (state === 'done' && document.body.dataset.charts === String(k));
    }, n, { timeout: 120_000 });
    const status = (await page.textContent('#status'))!;
    expect(status).toMatch(/^Done in/);
    return status;
  }

  async function run(page: Page, n: number): Promise<string> {
    await page.click('#run');
    return finished(page, n);
  }

  const figures = (page: Page) => page.$$eval('td[data-figure]', (cells) =>
    Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.figure!, JSON.parse((c as HTMLElement).dataset.value!)])));
  const pageRun = (page: Page, which: 'current' | 'previous' = 'current') => page.evaluate((w) => {
    const c = (window as unknown as { classroom: Record<string, PageRun> }).classroom[w];
    return { headline: c.headline, byGroup: c.byGroup, replicates: c.replicates };
  }, which);
  const uptakeRows = (page: Page) => page.evaluate(() =>
    (window as unknown as { classroom: { views: Record<string, { view: { data(n: string): ChartRow[] } }> } }).classroom.views.uptake.view.data('table')
      .map((r) => ({ run: r.run, line: r.line, date: r.date, mean: r.mean })));
  const final = (rows: ChartRow[], run: string, line: string) => rows.filter((r) => r.run === run && r.line === line).at(-1)!.mean;

  /** `departure-sim run` on a scenario file: its summary.json. */
  function cliRun(scenarioFile: string, out: string) {
    const r = spawnSync(process.execPath, [cli, 'run', scenarioFile, '--out', out, '--quiet', '--workers', '2'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
  }

  it('shows the preset\'s figures on load, and they are the CLI\'s for the downloaded scenario', async () => {
    // The lessons link to the glossary: a fragment naming a place on the page is not a setting.
    const { page, problems } = await open(`${url}#glossary`);
    // No click: the page runs its defaults when it opens.
    const status = await finished(page, 1);
    expect(status).toContain('Web Workers, shared memory');
    expect(status).toContain('100,000 agents, 6 replicates, seed 20250505. Settings: as announced.');
    await expect.poll(() => page.locator('td[data-figure]').count()).toBe(FIGURES.length);
    for (const f of FIGURES) expect(await page.locator(`td[data-figure="${f.key}"]`).isVisible(), f.key).toBe(true);
    expect(await page.locator('#chart-uptake svg').count()).toBe(1);
    expect(await page.locator('td[data-change]').count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const scenarioFile = join(dir, 'defaults-scenario.json');
    await download.saveAs(scenarioFile);
    const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
    expect(scenario).toEqual(JSON.parse(JSON.stringify(parseScenario(classroomScenario(preset, DEFAULTS)))));
    expect(scenario.programme.stipend.map((e: { value: number }) => e.value)).toEqual([0, 1000, 2600]);
    expect(scenario.enforcement.removalsPerDay.map((e: { value: number }) => e.value)).toEqual([661, 950]);

    const summary = cliRun(scenarioFile, join(dir, 'cli-defaults'));
    const served = await pageRun(page);
    expect(served.headline).toEqual(summary.headline);
    expect(served.byGroup).toEqual(summary.byGroup);
    const shown = await figures(page);
    for (const f of FIGURES) expect(shown[f.key], f.key).toBe(figureValue(summary.headline, f.key).mean);
    const rows = await uptakeRows(page);
    expect(final(rows, 'this run', 'Departures through the programme')).toBe(shown.programmeDepartures);
    expect(problems).toEqual([]);
  });

  it('shows the change from the previous run with its paired interval, and says when two runs cannot be paired', async () => {
    const { page, problems } = await open(url);
    await finished(page, 1);
    const before = await figures(page);

    await page.locator('input[name=stipendPercent]').fill('200');
    expect(new URL(page.url()).hash).toBe('#stipendPercent=200');
    expect(await page.textContent('#explain-stipendPercent')).toContain('$2,000 from 5 May 2025, $5,200 from 21 Jan 2026');
    expect(await page.textContent('#status')).toContain('Settings changed (stipend at 200% of the schedule): press Run.');
    // The glossary links scroll to their word and keep the settings in the address.
    await page.click('a[href="#g-counterfactual"]');
    expect(new URL(page.url()).hash).toBe('#stipendPercent=200');
    expect(await page.locator('#g-counterfactual').isVisible()).toBe(true);
    expect(await page.getAttribute('#status', 'data-state')).toBe('idle');
    await run(page, 2);
    const after = await figures(page);
    expect(after.programmeDepartures).not.toBe(before.programmeDepartures);

    // The uptake chart shows this run and, dashed, the previous one: each ends at its headline figure.
    const rows = await uptakeRows(page);
    expect(final(rows, 'this run', 'Departures through the programme')).toBe(after.programmeDepartures);
    expect(final(rows, 'previous run', 'Departures through the programme')).toBe(before.programmeDepartures);
    expect(final(rows, 'this run', 'Additional departures (on minus off)')).toBe(after.additionalDepartures);

    // The change row: per replicate, this run minus the previous one. Doubling the stipend is far outside the noise.
    const [cur, prev] = [await pageRun(page), await pageRun(page, 'previous')];
    for (const key of ['programmeDepartures', 'additionalDepartures', 'costPerAdditionalDeparture']) {
      const cell = page.locator(`td[data-change="${key}"]`);
      expect(await cell.isVisible(), key).toBe(true);
      const [mean, lo, hi] = JSON.parse((await cell.getAttribute('data-value'))!) as number[];
      // The change is the mean of the paired per-replicate differences: for counts, the difference of the levels;
      // for the cost ratio, whose level is the ratio of the means, within 2% of it.
      if (key === 'costPerAdditionalDeparture') expect(Math.abs(mean - (after[key] - before[key])), key).toBeLessThan(0.02 * Math.abs(after[key] - before[key]));
      else expect(mean, key).toBeCloseTo(after[key] - before[key], 6);
      const diffs = cur.replicates[key].map((x, i) => x! - prev.replicates[key][i]!);
      expect(mean, key).toBeCloseTo(diffs.reduce((a, b) => a + b, 0) / diffs.length, 6);
      expect(lo > 0 || hi < 0, key).toBe(true);
      expect(await cell.getAttribute('class'), key).toBe('clear');
    }
    expect(await page.textContent('td[data-change="additionalDepartures"]')).toMatch(/^\+[\d,]+\+[\d,]+ to \+[\d,]+$/);
    expect(await page.locator('#pairing').isVisible()).toBe(false);

    // Another seed simulates other people: no paired change, and the page says why.
    await page.locator('input[name=seed]').fill('1');
    await run(page, 3);
    expect(await page.locator('td[data-change]').count()).toBe(0);
    expect(await page.textContent('#pairing')).toMatch(/^Change not shown: the two runs differ in seed 20,250,505 then 1/);
    expect(problems).toEqual([]);
  });

  it('runs the static copy from disk, without shared memory, to the engine\'s numbers', async () => {
    const { page, problems } = await open(`${fileUrl}#stipendPercent=200&model=planned-behaviour`);
    expect(await page.locator('input[name=stipendPercent]').inputValue()).toBe('200');
    expect(await page.locator('select[name=model]').inputValue()).toBe('planned-behaviour');
    expect(await finished(page, 1)).toContain('one Web Worker');
    const pool = createPool(2);
    try {
      const expected = await runClassroom(classroomScenario(preset, { ...DEFAULTS, stipendPercent: 200, model: 'planned-behaviour' }), pool);
      const got = await pageRun(page);
      expect(got.headline).toEqual(expected.headline);
      expect(got.byGroup).toEqual(expected.byGroup);
      expect(got.replicates).toEqual(expected.replicates);
    } finally {
      await pool.close();
    }
    expect(problems).toEqual([]);
  });

  it('says which setting in a shared link is wrong, and runs nothing', async () => {
    const { page, problems } = await open(`${fileUrl}#stipendPercent=lots&model=gut-feeling`);
    const status = page.locator('#status');
    await expect.poll(() => status.getAttribute('data-state')).toBe('error');
    const text = await status.textContent();
    expect(text).toContain('nothing was run');
    expect(text).toContain('stipendPercent: got "lots"; expected a number from 0 to 500 in steps of 10');
    expect(text).toContain('model: got "gut-feeling"; expected "utility" or "planned-behaviour"');
    expect(await page.locator('#notice').isVisible()).toBe(true);
    expect(await page.locator('input[name=stipendPercent]').inputValue()).toBe('100');
    expect(await page.textContent('#problem-stipendPercent')).toContain('The address gave "lots"');
    await page.waitForTimeout(1000);
    expect(await page.evaluate(() => (window as unknown as { classroom: { current: unknown } }).classroom.current)).toBeUndefined();
    expect(await page.locator('td[data-figure]').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('refuses a bad seed in the field or the address with a message, and runs nothing stale', async () => {
    const { page, problems } = await open(url);
    await finished(page, 1);
    const seed = page.locator('input[name=seed]');
    await seed.fill('abc');
    const message = page.locator('#problem-seed');
    expect(await message.isVisible()).toBe(true);
    expect(await message.textContent()).toBe('Random seed: got "abc"; expected a whole number from 0 to 4294967295. Nothing runs until this is fixed.');
    expect(await seed.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#run').isDisabled()).toBe(true);
    expect(await page.getAttribute('#status', 'data-state')).toBe('error');
    expect(new URL(page.url()).hash).toBe('');
    // Enter submits the form: still nothing runs.
    await seed.press('Enter');
    await page.waitForTimeout(500);
    expect(await page.getAttribute('#status', 'data-state')).toBe('error');
    expect(await page.evaluate(() => document.body.dataset.charts)).toBe('1');

    await seed.fill('7');
    expect(await message.isVisible()).toBe(false);
    expect(await page.locator('#run').isDisabled()).toBe(false);
    expect(new URL(page.url()).hash).toBe('#seed=7');

    const linked = await open(`${url}#seed=-3`);
    await expect.poll(() => linked.page.getAttribute('#status', 'data-state')).toBe('error');
    expect(await linked.page.locator('input[name=seed]').inputValue()).toBe('-3');
    expect(await linked.page.textContent('#problem-seed')).toContain('got "-3"; expected a whole number from 0 to 4294967295');
    expect(await linked.page.locator('#run').isDisabled()).toBe(true);
    expect(await linked.page.evaluate(() => (window as unknown as { classroom: { current: unknown } }).classroom.current)).toBeUndefined();
    expect([...problems, ...linked.problems]).toEqual([]);
  });

  it.each([[390, 844], [1366, 768]])('fits a %i x %i screen without horizontal scrolling, figures and Run in view', async (width, height) => {
    const { page, problems } = await open(url, { width, height });
    await finished(page, 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    for (const name of ['uptake', 'cost', 'origin']) {
      const box = (await page.locator(`#chart-${name} svg`).boundingBox())!;
      expect(box.x + box.width, name).toBeLessThanOrEqual(width);
    }
    expect(await page.locator('td[data-figure="costPerAdditionalDeparture"]').isVisible()).toBe(true);
    // Run stays on screen while the settings scroll by (it sticks to the bottom of the window).
    await page.locator('input[name=reliability]').scrollIntoViewIfNeeded();
    const run = (await page.locator('#run').boundingBox())!;
    expect(run.y + run.height).toBeLessThanOrEqual(height);
    expect(run.y).toBeGreaterThanOrEqual(0);
    if (width >= 1366) {
      // On a school laptop the figures show without scrolling.
      await page.evaluate(() => window.scrollTo(0, 0));
      const first = (await page.locator('#figures-body tr').first().boundingBox())!;
      expect(first.y + first.height).toBeLessThanOrEqual(height);
    }
    expect(problems).toEqual([]);
  });
});
