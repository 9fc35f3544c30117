import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharts } from './charts/index.js';
import { formatCount, formatMoney } from './format.js';
import { buildIndexHtml, flattenParameters } from './html.js';
import { escapeHtml, jsForScript, jsonForScript } from './html-escape.js';
import { readScenarioSchema } from './parameters.js';
import { fixtureRunData } from './test-support/run-data.js';
import { buildFixtureRun, type FixtureOptions } from './test-support/fixture.js';
import { vendorScripts } from './vendor.js';

const HOSTILE = '</script><img src=x onerror=alert(1)>';
let vendor: string[];
beforeAll(async () => {
  vendor = await vendorScripts();
});

function page(options: FixtureOptions = {}): { html: string; run: ReturnType<typeof fixtureRunData> } {
  const run = fixtureRunData(options);
  const scenario = buildFixtureRun(options).scenario;
  return { html: buildIndexHtml({ ...run, charts: buildCharts(run), scenario, vendor }), run };
}

/** The page with the content of every <script> element removed: what the reader sees, plus markup. */
const withoutScripts = (html: string) => html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '<script></script>');
/** Bodies of the code scripts, not of the JSON data block. */
const codeScripts = (html: string) => [...html.matchAll(/<script>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
// The page is a megabyte: matches are reported as short excerpts, never the whole text.
const excerpts = (text: string, pattern: RegExp) => [...text.matchAll(new RegExp(pattern, 'gi'))].map((m) => text.slice(Math.max(0, m.index - 40), m.index + 60));
const missing = (text: string, needles: string[]) => needles.filter((n) => !text.includes(n));

describe('escaping', () => {
  it('escapes every character that can start markup or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('keeps JSON data inside its script element and parses back unchanged', () => {
    const value = { label: '</script><!-- <script>&\u2028' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/<|>|&/);
    expect(JSON.parse(json)).toEqual(value);
  });

  it('keeps inline code inside its script element without changing what it computes', () => {
    const code = String.raw`var a = "</script>", b = '<!--x', c = /<\/SCRIPT>/.test("</SCRIPT>"), d = ${'`'}</script${'`'};
result = [a, b, c, d];
//# sourceMappingURL=lib.min.js.map`;
    const safe = jsForScript(code);
    expect(safe).not.toMatch(/<\/script|<!--|sourceMappingURL/i);
    const run = (src: string) => runInNewContext(`var result; ${src}; result`);
    expect(run(safe)).toEqual(run(code));
  });
});

describe('index.html', () => {
  it('loads nothing from the network: no external src or href, no stylesheet links', () => {
    const { html } = page();
    const markup = withoutScripts(html);
    expect(excerpts(markup, /\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//)).toEqual([]);
    expect(excerpts(markup, /<link\b|@import|<iframe\b/)).toEqual([]);
    expect(excerpts(markup, /<script\b[^>]*\bsrc=/)).toEqual([]);
    // The three libraries really are inline, not referenced.
    const bodies = codeScripts(html);
    expect(bodies.filter((b) => b.length > 50_000)).toHaveLength(3);
    expect(bodies.some((b) => b.includes('vegaEmbed'))).toBe(true);
  });

  it('states the headline figures', () => {
    const { html, run } = page();
    const h = run.summary.headline;
    const figures = [
      formatCount(h.programmeDepartures!.mean!),
      formatCount(h.additionalDepartures!.mean!),
      formatMoney(h.costPerAdditionalDeparture!.mean!),
      formatMoney(h.naiveCostPerProgrammeDeparture!.mean!),
      formatMoney(h.spend.programme!.mean!),
      '$17,121',
      'Programme spend per additional departure',
      escapeHtml(run.summary.command),
      run.summary.scenario.hash,
    ];
    expect(missing(withoutScripts(html), figures)).toEqual([]);
  });

  it('survives a hostile scenario title and lever label', () => {
    const { html } = page({
      title: HOSTILE,
      levers: [{ date: '2025-05-05', lever: 'stipend', value: 1000, label: '</script><script>alert(2)</script>' }],
    });
    expect(excerpts(html, /<img src=x|<script>alert/)).toEqual([]);
    expect(missing(html, [escapeHtml(HOSTILE)])).toEqual([]);
    const opened = html.match(/<script\b/gi)!.length;
    expect(opened).toBe(5);
    expect(html.match(/<\/script>/gi)!.length).toBe(opened);
    const data = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1];
    const charts = JSON.parse(data) as Array<{ spec: unknown }>;
    expect(JSON.stringify(charts[0].spec)).toContain('</script><script>alert(2)</script>');
  });

  it('embeds each chart spec unchanged, with a drawing target for each', () => {
    const { html, run } = page();
    const data = /<script type="application\/json" id="report-charts">([\s\S]*?)<\/script>/.exec(html)![1];
    const charts = buildCharts(run);
    expect(JSON.parse(data)).toEqual(charts.map((c) => ({ name: c.name, spec: c.spec })));
    expect(missing(html, charts.map((c) => `id="chart-${c.name}"`))).toEqual([]);
  });

  it('reads cleanly without a counterfactual twin: says what is missing, prints no NaN or undefined', () => {
    for (const options of [{}, { counterfactual: false }, { replicates: 1 }]) {
      expect(excerpts(withoutScripts(page(options).html), /NaN|undefined|\[object/)).toEqual([]);
    }
    expect(missing(withoutScripts(page({ counterfactual: false }).html), ['This run has no counterfactual twin'])).toEqual([]);
  });
});

describe('the parameter table', () => {
  it("shows each setting's schema description and stated unit beside its key, and leaves the unit blank otherwise", () => {
    const run = fixtureRunData();
    // Part of a resolved scenario, as summary.json's resolvedScenario holds it.
    const scenario = {
      name: 'cbp-home-2025',
      enforcement: { removalsPerDay: [{ from: '2025-01-01', value: 661 }, { from: '2025-05-01', value: 950 }], removalCost: 17121 },
      information: { trustPrior: 300, lossAversion: 2 },
    };
    const html = buildIndexHtml({ ...run, charts: [], scenario, vendor: [], scenarioSchema: readScenarioSchema() });
    const table = /<table class="params">([\s\S]*?)<\/table>/.exec(html)![1];
    const row = (key: string) => new RegExp(`<tr><td>[^<]*(?:<br>)?<code>${key.replace(/[.[\]]/g, '\\$&')}</code></td>.*?</tr>`).exec(table)?.[0];
    expect(row('information.trustPrior')).toBe(
      '<tr><td>Pseudo-count, in persons per community, of the prior on payment reliability (assumption)<br><code>information.trustPrior</code></td><td>300</td><td>persons per community</td></tr>',
    );
    expect(row('enforcement.removalsPerDay[1]')).toMatch(/^<tr><td>Removal capacity, persons per day<br><code>.*<td>persons per day<\/td><\/tr>$/);
    expect(row('information.lossAversion')).toMatch(/<td><\/td><\/tr>$/);
    expect(row('name')).toBe('<tr><td><code>name</code></td><td>cbp-home-2025</td><td></td></tr>');
  });

  it('falls back to the keys alone without the schema', () => {
    const run = fixtureRunData();
    const html = buildIndexHtml({ ...run, charts: [], scenario: { information: { trustPrior: 300 } }, vendor: [] });
    expect(html).toContain('<tr><td><code>information.trustPrior</code></td><td>300</td><td></td></tr>');
  });
});

describe('flattenParameters', () => {
  it('lists nested settings by path, one row per flat record', () => {
    expect(
      flattenParameters({ a: 1, b: { c: 'x', d: [1, 2] }, e: [{ f: 1, g: 'y' }, { h: { i: null } }], j: {} }),
    ).toEqual([
      ['a', '1'],
      ['b.c', 'x'],
      ['b.d', '1, 2'],
      ['e[0]', 'f: 1; g: y'],
      ['e[1].h.i', 'null'],
      ['j', '(none)'],
    ]);
  });
});
