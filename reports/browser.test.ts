import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { comparisonReportFiles } from './compare/files.js';
import { fixtureComparison } from './test-support/comparison-data.js';
import { writeFixtureRun } from './test-support/fixture.js';
import { rebuildReport } from './write-report.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
// A developer without Chromium skips this file; CI must have it, so there a missing browser fails the run.
const mustRun = process.env.CI === 'true';
const CHARTS = ['programme-departures', 'cumulative-departures', 'additional-departures', 'spend', 'uptake-by-origin', 'awareness-trust'];

describe.skipIf(!haveChromium && !mustRun)('report page in Chromium, offline', () => {
  let dir: string;
  let browser: Browser | undefined;
  let page: Page;
  const problems: string[] = [];
  const blocked: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium not found at ${CHROMIUM}; install it with apt-get install chromium`);
    dir = await mkdtemp(join(tmpdir(), 'departure-sim-browser-'));
    await writeFixtureRun(join(dir, 'run'));
    const index = await rebuildReport(join(dir, 'run'));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(index).href);
    await page.waitForFunction(() => document.body.dataset.reportReady === 'true', undefined, { timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('asks for nothing outside the report folder and logs no errors or warnings', () => {
    expect(blocked).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('draws every chart as an SVG with marks', async () => {
    for (const name of CHARTS) {
      const marks = await page
        .locator(`#chart-${name} svg g.role-mark`)
        .evaluateAll((groups) => groups.reduce((n, g) => n + g.querySelectorAll('path, line, text').length, 0));
      expect(marks, name).toBeGreaterThan(20);
    }
  });

  async function hover(selector: string): Promise<string> {
    const target = page.locator(selector);
    await target.scrollIntoViewIfNeeded();
    const box = (await target.boundingBox())!;
    await page.mouse.move(0, 0);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    const tooltip = page.locator('#vg-tooltip-element');
    await tooltip.waitFor({ state: 'visible', timeout: 5_000 });
    return tooltip.innerText();
  }

  it('shows a tooltip with the figures on hovering a bar and a point', async () => {
    const bar = await hover('#chart-uptake-by-origin svg g.mark-rect path >> nth=0');
    expect(bar).toMatch(/Origin group/);
    expect(bar).toMatch(/Uptake rate \(mean\)\s*[\d.]+%/);
    const point = await hover('#chart-programme-departures svg g.mark-symbol path >> nth=20');
    expect(point).toMatch(/Month/);
    expect(point).toMatch(/95% interval, low\s*[\d,]+/);
  });

  it('draws the comparison report the same way, offline and without errors', async () => {
    const folder = join(dir, 'comparison');
    await mkdir(folder);
    for (const [name, data] of Object.entries(await comparisonReportFiles(fixtureComparison()))) await writeFile(join(folder, name), data);
    const other = await browser!.newPage({ viewport: { width: 1100, height: 900 } });
    const seen: string[] = [];
    other.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') seen.push(`${message.type()}: ${message.text()}`);
    });
    other.on('pageerror', (error) => seen.push(`uncaught: ${error.message}`));
    await other.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : (seen.push(route.request().url()), route.abort())));
    await other.goto(pathToFileURL(join(folder, 'index.html')).href);
    await other.waitForFunction(() => document.body.dataset.reportReady === 'true', undefined, { timeout: 20_000 });
    expect(seen).toEqual([]);
    for (const name of ['difference', 'side-by-side']) {
      expect(await other.locator(`#chart-${name} svg g.role-mark path`).count(), name).toBeGreaterThan(10);
    }
    await other.close();
  });

  it('saves a screenshot of the whole page', async () => {
    const file = join(dir, 'report.png');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: file, fullPage: true });
    expect((await stat(file)).size).toBeGreaterThan(100_000);
    // Set REPORT_SCREENSHOT_DIR to keep a copy for a person to look at.
    const keep = process.env.REPORT_SCREENSHOT_DIR;
    if (keep) {
      await mkdir(keep, { recursive: true });
      await copyFile(file, join(keep, 'report.png'));
    }
  });
});
