import type { Chart } from './charts/common.js';
import type { ResultRow } from './csv.js';
import { type Formatter, formatCount, formatEstimate, formatInterval, formatShare } from './format.js';
import { currencyWords, headlineRows, headlineSentences, modeRows, runCurrency } from './headline.js';
import { escapeHtml as e, jsForScript, jsonForScript } from './html-escape.js';
import { describeParameter, formatUnit } from './parameters.js';
import type { Estimate, Summary } from './summary.js';

export interface PageInput {
  summary: Summary;
  rows: ResultRow[];
  charts: Chart[];
  /** The resolved scenario: summary.resolvedScenario, or scenario.json. */
  scenario: unknown;
  /** vega, vega-lite and vega-embed browser bundles, in load order. */
  vendor: string[];
  /** scenarios/scenario.schema.json, for the parameters' descriptions and units; without it, only their keys. */
  scenarioSchema?: unknown;
}

const isPrimitive = (v: unknown) => v === null || typeof v !== 'object';

/**
 * Nested scenario settings as dotted paths, one row per value, in document order. A list of flat records (origin
 * groups, a lever's schedule) keeps one row per record, so long lists stay readable.
 */
export function flattenParameters(value: unknown, path = ''): Array<[string, string]> {
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) return [[path, value.map(String).join(', ')]];
    return value.flatMap((v, i) => {
      const at = `${path}[${i}]`;
      if (v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isPrimitive)) {
        return [[at, Object.entries(v).map(([k, x]) => `${k}: ${String(x)}`).join('; ')] as [string, string]];
      }
      return flattenParameters(v, at);
    });
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return [[path, '(none)']];
    return entries.flatMap(([k, v]) => flattenParameters(v, path ? `${path}.${k}` : k));
  }
  return [[path, value === null ? 'null' : String(value)]];
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", system-ui, sans-serif; color: #222; max-width: 1020px; margin: 0 auto; padding: 24px 20px 48px; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .6rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
.meta, .note, figcaption, footer { color: #555; font-size: .9rem; }
.lead { font-size: 1.05rem; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid #e5e5e5; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td .interval { color: #555; font-size: .85em; }
tr.emphasis td { background: #f6f8fb; }
tr.emphasis td:not(.note) { font-weight: bold; }
figure { margin: 1.6rem 0; }
.chart { overflow-x: auto; min-height: 120px; }
.chart img { max-width: 100%; }
pre { background: #f5f5f5; padding: .6rem .8rem; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .92rem; }
dt { color: #555; } dd { margin: 0; word-break: break-all; }
details summary { cursor: pointer; }
.params code { font-family: "DejaVu Sans Mono", monospace; font-size: .82rem; color: #555; word-break: break-all; }
.params th:nth-child(1) { width: 52%; } .params th:nth-child(3) { width: 18%; }
.params td:nth-child(2) { word-break: break-word; }
.params td:nth-child(3) { white-space: nowrap; color: #555; }
`;

// Draws every chart with vega-embed; the views and a promise are exposed so a test can wait for and inspect them.
const PAGE_SCRIPT = `
(function () {
  var charts = JSON.parse(document.getElementById('report-charts').textContent);
  var views = {};
  window.reportViews = views;
  window.reportReady = Promise.all(charts.map(function (chart) {
    var el = document.getElementById('chart-' + chart.name);
    return vegaEmbed(el, chart.spec, { renderer: 'svg', actions: false }).then(function (result) {
      views[chart.name] = result.view;
    }, function (error) {
      el.textContent = 'This chart could not be drawn: ' + error.message;
      console.error(error);
    });
  })).then(function () { document.body.setAttribute('data-report-ready', 'true'); });
})();
`;

function headlineSection(summary: Summary, rows: ResultRow[]): string {
  const converted = runCurrency(summary).converted;
  const figures = headlineRows(summary)
    .map(
      (r) =>
        `<tr${r.emphasis ? ' class="emphasis"' : ''}><td>${e(r.label)}</td><td class="num">${e(r.value)}</td>` +
        `<td class="num">${e(r.interval)}</td>${converted ? `<td class="num">${e(r.usd2025)}</td>` : ''}<td class="note">${e(r.note)}</td></tr>`,
    )
    .join('\n');
  const modes = modeRows(rows)
    .map(
      (r) =>
        `<tr><td>${e(r.mode)}</td><td class="num">${e(r.programme)}</td><td class="num">${e(r.counterfactual)}</td>` +
        `<td class="num">${e(r.difference)}</td><td class="num">${e(r.differenceInterval)}</td></tr>`,
    )
    .join('\n');
  return `<section id="headline">
<h2>What the programme bought and what it cost</h2>
<p class="lead">${headlineSentences(summary).map(e).join(' ')}</p>
<table class="headline">
<thead><tr><th>Figure</th><th class="num">Mean</th><th class="num">95% interval</th>${converted ? '<th class="num">Mean in 2025 US dollars</th>' : ''}<th>What it is</th></tr></thead>
<tbody>
${figures}
</tbody>
</table>
<h3>Departures by mode over the whole run</h3>
<table class="modes">
<thead><tr><th>Mode</th><th class="num">Programme arm</th><th class="num">Counterfactual</th><th class="num">Difference</th><th class="num">95% interval of the difference</th></tr></thead>
<tbody>
${modes}
</tbody>
</table>
<p class="note">Means over ${e(String(summary.replicates))} replicate${summary.replicates === 1 ? '' : 's'}; intervals are 95% intervals of the mean (Student t) and are blank when there is a single replicate. Counts are persons represented (simulated persons times weight), rounded to three significant figures; money is in ${e(currencyWords(summary))}.</p>
</section>`;
}

/** Each group's uptake, what the programme added and the share of its takers who would have left anyway. */
function groupSection(summary: Summary): string {
  const interval = (x: Estimate | null | undefined, f: Formatter) => (x ? formatInterval(x, f) : '');
  const cell = (x: Estimate | null | undefined, f: Formatter) => `<td class="num">${e(formatEstimate(x, f))}${interval(x, f) ? `<br><span class="interval">${e(interval(x, f))}</span>` : ''}</td>`;
  const rows = summary.byGroup.map((g) => `<tr><td>${e(g.group)}</td><td class="num">${e(formatCount(g.persons))}</td>`
    + `${cell(g.programmeDepartures, formatCount)}${cell(g.uptakeRate, formatShare)}${cell(g.additionalDepartures, formatCount)}${cell(g.deadweightShare, formatShare)}</tr>`).join('\n');
  return `<section id="groups">
<h2>By group</h2>
<table class="groups">
<thead><tr><th>Group</th><th class="num">Persons at the start</th><th class="num">Programme departures</th><th class="num">Share of the group</th><th class="num">Additional departures</th><th class="num">Programme takers who left anyway in the twin</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">Means over replicates with their 95% intervals beneath (simulation noise only).</p>
</section>`;
}

/** The scenario's observed figures beside the run's window sums. */
function observationsSection(summary: Summary): string {
  const list = summary.observations ?? [];
  if (list.length === 0) return '';
  const rows = list.map((o) => `<tr><td>${e(o.name)}</td><td>${e(`${o.series}${o.group ? ` (${o.group})` : ''}, ${o.arm}, ${o.from} to ${o.to}`)}</td>`
    + `<td class="num">${e(formatCount(o.observed))} ± ${e(formatCount(o.sd))}</td><td class="num">${e(formatEstimate(o.simulated, formatCount))}${formatInterval(o.simulated, formatCount) ? `<br><span class="interval">${e(formatInterval(o.simulated, formatCount))}</span>` : ''}</td>`
    + `<td class="num">${o.standardisedError === null ? '' : e(o.standardisedError.toFixed(1))}</td><td class="note">${e(o.source)}</td></tr>`).join('\n');
  return `<section id="observations">
<h2>Observed figures and the run</h2>
<table class="observations">
<thead><tr><th>Figure</th><th>Window</th><th class="num">Observed ± sd</th><th class="num">Simulated (95% interval)</th><th class="num">Gap in standard errors</th><th>Source</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">The gap is (simulated - observed) / sqrt(sd² + variance of the simulated mean): within about 2 either way, the run and the observation agree within their stated uncertainty.</p>
</section>`;
}

/** Each chart as a figure that the page script draws into (its PNG where scripts are off), with links to its files. */
export function chartFigures(charts: readonly Chart[]): string {
  return charts
    .map(
      (c) => `<figure id="figure-${e(c.name)}">
<div class="chart" id="chart-${e(c.name)}" role="img" aria-label="${e(c.title)}"><noscript><img src="${e(c.name)}.png" alt="${e(c.title)}"></noscript></div>
<figcaption>${e(c.title)}. Files: <a href="${e(c.name)}.png">PNG</a>, <a href="${e(c.name)}.svg">SVG</a>, <a href="${e(c.name)}.vl.json">Vega-Lite specification</a>.</figcaption>
</figure>`,
    )
    .join('\n');
}

function chartSection(charts: Chart[]): string {
  return `<section id="charts">
<h2>Charts</h2>
<p class="note">Hover over a point, bar or dashed line for exact figures. Dashed vertical lines mark scheduled changes of the scenario's levers.</p>
${chartFigures(charts)}
</section>`;
}

function parametersSection(scenario: unknown, schema: unknown): string {
  const currency = (scenario as { currency?: { code: string; year: number } }).currency ?? { code: 'USD', year: 2025 };
  const rows = flattenParameters(scenario)
    .map(([k, v]) => {
      const { description, unit: stated } = describeParameter(schema, k);
      const unit = formatUnit(stated, currency);
      const name = description ? `${e(description)}<br><code>${e(k)}</code>` : `<code>${e(k)}</code>`;
      return `<tr><td>${name}</td><td>${e(v)}</td><td>${e(unit ?? '')}</td></tr>`;
    })
    .join('\n');
  return `<section id="parameters">
<h2>Scenario parameters</h2>
<details open>
<summary>The resolved scenario, every default filled in (also in scenario.json beside results.csv)</summary>
<p class="note">Descriptions and units are those of the scenario schema (scenarios/scenario.schema.json); a unit is shown only where the description states one. Notes such as "assumption" or a source are the schema's own.</p>
<table class="params">
<thead><tr><th>Parameter</th><th>Value</th><th>Unit</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</details>
</section>`;
}

function reproduceSection(summary: Summary): string {
  const items: Array<[string, string]> = [
    ['Scenario', summary.scenario.name],
    ['Scenario hash (SHA-256)', summary.scenario.hash],
    ['Seed', String(summary.seed)],
    ['Replicates', String(summary.replicates)],
    ['Agents', `${formatCount(summary.agents)} agents, each weighted ${summary.weight}, for ${formatCount(summary.persons)} persons`],
    ['Horizon', `${summary.horizon.start} to ${summary.horizon.end}, ${summary.horizon.steps} steps of ${summary.horizon.stepLength} ${summary.horizon.stepUnit}`],
    ['Counterfactual twin', summary.counterfactual ? 'yes' : 'no'],
    ['Program', `${summary.package.name} ${summary.package.version}`],
  ];
  if (summary.scenario.model) items.splice(1, 0, ['Model', summary.scenario.model]);
  return `<section id="reproduce">
<h2>Reproducibility</h2>
<dl>
${items.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('\n')}
</dl>
<p>The same figures come back from the same scenario, seed and program version with:</p>
<pre><code>${e(summary.command)}</code></pre>
</section>`;
}

/**
 * A report page (a run's or a comparison's): self-contained, with the vendor scripts inlined and no network
 * requests; the page script draws `charts` into their figures. `body` is HTML whose inserted text is escaped.
 */
export function reportPage({ title, body, charts, vendor }: { title: string; body: string; charts: readonly Chart[]; vendor: readonly string[] }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}
${vendor.map((code) => `<script>${jsForScript(code)}</script>`).join('\n')}
<script type="application/json" id="report-charts">${jsonForScript(charts.map((c) => ({ name: c.name, spec: c.spec })))}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/** The whole report page of a run: every inserted text escaped. */
export function buildIndexHtml({ summary, rows, charts, scenario, vendor, scenarioSchema }: PageInput): string {
  const title = summary.scenario.title || summary.scenario.name;
  return reportPage({
    title: `${title}: departure-sim report`,
    charts,
    vendor,
    body: `<header>
<h1>${e(title)}</h1>
${summary.scenario.description ? `<p>${e(summary.scenario.description)}</p>` : ''}
<p class="meta">Simulated with ${e(summary.package.name)} ${e(summary.package.version)}, scenario ${e(summary.scenario.name)}. The counterfactual twin is the same population, with the same random draws, without the programme.</p>
</header>
${headlineSection(summary, rows)}
${observationsSection(summary)}
${chartSection(charts)}
${groupSection(summary)}
${parametersSection(scenario, scenarioSchema)}
${reproduceSection(summary)}
<footer><p>Generated from results.csv and summary.json in the run folder; those files hold every figure shown here.</p></footer>`,
  });
}
