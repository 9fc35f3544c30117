import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { planExperiment } from './plan.js';
import { runSweep } from './sweep.js';
import { scratch, writeExperiment } from './test-support/fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
// As in reports/browser.test.ts: skipped without Chromium on a developer's machine, required in CI.
const mustRun = process.env.CI === 'true';

describe.skipIf(!haveChromium && !mustRun)('experiment report in Chromium, offline', () => {
  it('draws every chart without network or errors, and the slider redraws the dose-response', async () => {
    const dir = scratch();
    const out = join(dir, 'sweep');
    await runSweep(planExperiment(writeExperiment(dir, (e) => { e.seeds = [1]; })), { out, workers: 2 });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      await page.waitForSelector('body[data-report-ready="true"]');
      expect(problems).toEqual([]);
      // The dose-response, the incremental cost between neighbouring stipends, and the two heatmaps.
      expect(await page.locator('.chart svg').count()).toBe(4);
      const chart = page.locator('#chart-dose-response');
      const before = await chart.locator('svg').innerHTML();
      await chart.locator('input[type=range]').fill('1500');
      await expect.poll(() => chart.locator('svg').innerHTML()).not.toBe(before);
    } finally {
      await browser.close();
    }
  });
});
