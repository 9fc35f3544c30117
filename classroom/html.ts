import { escapeHtml as e, jsForScript } from '../reports/html-escape.js';

const STYLE = `
body { font-family: 'DejaVu Sans', system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 1.5rem; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.lede { color: #444; max-width: 60rem; }
main { display: grid; grid-template-columns: 330px 1fr; gap: 1.5rem; align-items: start; }
#controls label { display: grid; grid-template-columns: 1fr; margin-bottom: .7rem; }
#controls .name { font-size: .9rem; }
#controls input[type=range], #controls select, #controls input[type=number] { width: 100%; }
#controls output { font-weight: bold; font-size: .9rem; }
.buttons { display: flex; flex-wrap: wrap; gap: .5rem; margin: .5rem 0; }
button { font-size: 1rem; padding: .4rem .9rem; }
#status { white-space: pre-wrap; min-height: 1.5rem; }
#status[data-state=error] { color: #a00000; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .6rem; text-align: right; }
th:first-child { text-align: left; font-weight: normal; }
.chart { margin-bottom: 1rem; }
footer { color: #555; font-size: .85rem; margin-top: 2rem; }
code { background: #f3f3f3; padding: 0 .2rem; }
`;

/** The classroom page: everything inline, so it works from disk and with no network. */
export function pageHtml(script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>departure-sim classroom</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<h1>Who takes a paid departure offer, and what does it buy?</h1>
<p class="lede">Move the sliders and press <b>Run</b>. Each run simulates 100,000 agents standing for 14 million people over
36 months, twice: with the programme and without it (the counterfactual). The difference is what the programme bought.
Settings start from the announced 2025 CBP Home schedule. <a href="lessons.html">Lessons for teachers and students</a>.</p>
<main>
<section>
<form id="controls" aria-label="Settings"></form>
<div class="buttons">
<button id="run" type="button">Run</button>
<button id="download" type="button" disabled>Download scenario JSON</button>
</div>
<label><input id="compare" type="checkbox" checked> Compare with the previous run</label>
<p>The address of this page holds the settings: copy it to share them.</p>
</section>
<section>
<p id="status" data-state="idle" role="status">Press Run to simulate.</p>
<table id="figures"><thead><tr><th>Over 36 months, mean (95% interval)</th><th>This run</th><th>Previous run</th></tr></thead>
<tbody id="figures-body"></tbody></table>
<div class="chart" id="chart-uptake"></div>
<div class="chart" id="chart-cost"></div>
<div class="chart" id="chart-origin"></div>
</section>
</main>
<footer>The downloaded scenario reproduces these numbers exactly with the command line:
<code>npx departure-sim run classroom-scenario.json</code>. Model, assumptions and sources: models/README.md in the departure-sim repository.</footer>
<script>${jsForScript(script)}</script>
</body>
</html>
`;
}

function inline(text: string): string {
  return e(text).replace(/\*\*(.+?)\*\*/g, '<b>$1</b>').replace(/`(.+?)`/g, '<code>$1</code>');
}

/**
 * LESSONS.md as a page beside the classroom. The notes use only headings, paragraphs, lists, bold and code,
 * so this small conversion is all they need.
 */
export function lessonsHtml(markdown: string): string {
  const out: string[] = [];
  let list: 'ul' | 'ol' | null = null;
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${inline(para.join(' '))}</p>`);
    para = [];
    if (list) out.push(`</${list}>`);
    list = null;
  };
  for (const line of markdown.split('\n')) {
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    const item = /^\s*(-|\d+\.) (.*)$/.exec(line);
    if (heading) {
      flush();
      out.push(`<h${heading[1].length}>${inline(heading[2])}</h${heading[1].length}>`);
    } else if (item) {
      const kind = item[1] === '-' ? 'ul' : 'ol';
      if (para.length || list !== kind) flush();
      if (!list) out.push(`<${(list = kind)}>`);
      out.push(`<li>${inline(item[2])}</li>`);
    } else if (line.trim() === '') {
      flush();
    } else if (list) {
      out[out.length - 1] = out[out.length - 1].replace(/<\/li>$/, ` ${inline(line.trim())}</li>`);
    } else {
      para.push(line.trim());
    }
  }
  flush();
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>departure-sim classroom: lessons</title><style>${STYLE} body { max-width: 50rem; }</style></head>
<body>
<p><a href="index.html">Back to the classroom</a></p>
${out.join('\n')}
</body>
</html>
`;
}
