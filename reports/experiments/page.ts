import { escapeHtml, jsForScript, jsonForScript } from '../html-escape.js';
import type { ChartSpec } from './charts.js';

const PAGE_SCRIPT = `
(function () {
  var charts = JSON.parse(document.getElementById('experiment-charts').textContent);
  window.reportReady = Promise.all(charts.map(function (chart) {
    var el = document.getElementById('chart-' + chart.name);
    return vegaEmbed(el, chart.spec, { renderer: 'svg', actions: false }).catch(function (error) {
      el.textContent = 'This chart could not be drawn: ' + error.message;
    });
  })).then(function () { document.body.setAttribute('data-report-ready', 'true'); });
})();
`;

export interface ExperimentPage {
  title: string;
  description: string;
  facts: Array<[string, string]>;
  files: string[];
  charts: ChartSpec[];
  vendor: string[];
}

/** A self-contained HTML page: charts drawn in the browser by the inlined Vega libraries, no network needed. */
export function experimentHtml(p: ExperimentPage): string {
  // The chart carries its own title, as in the exported files; the caption says what is drawn and links them.
  const figures = p.charts.map((c) => {
    const n = escapeHtml(c.name);
    return `<figure id="figure-${n}">
<div class="chart" id="chart-${n}" role="img" aria-label="${escapeHtml(c.title)}"><noscript><img src="${n}.png" alt="${escapeHtml(c.title)}"></noscript></div>
<figcaption>${escapeHtml(c.caption)} Files: <a href="${n}.png">PNG</a>, <a href="${n}.svg">SVG</a>, <a href="${n}.vl.json">Vega-Lite specification</a>${c.exportSpec ? ' (the figure without the slider)' : ''}.</figcaption>
</figure>`;
  }).join('\n');
  const facts = p.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n');
  const files = p.files.map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`).join(', ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(p.title)}</title>
<style>
body { font-family: "DejaVu Sans", system-ui, sans-serif; color: #222; max-width: 1020px; margin: 0 auto; padding: 24px 20px 48px; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
figure { margin: 1.6rem 0; } figcaption, .note { color: #555; font-size: .9rem; }
.chart { overflow-x: auto; min-height: 120px; } .chart img { max-width: 100%; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; font-size: .92rem; } dt { color: #555; } dd { margin: 0; }
.vega-bindings { margin: .4rem 0; font-size: .9rem; }
</style>
</head>
<body>
<h1>${escapeHtml(p.title)}</h1>
<p>${escapeHtml(p.description)}</p>
<dl>
${facts}
</dl>
<p class="note">Data files beside this page: ${files}.</p>
${figures}
<script type="application/json" id="experiment-charts">${jsonForScript(p.charts.map((c) => ({ name: c.name, spec: c.spec })))}</script>
${p.vendor.map((code) => `<script>${jsForScript(code)}</script>`).join('\n')}
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
