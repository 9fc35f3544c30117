import { Marked } from 'marked';
import { escapeHtml as e, jsForScript } from '../reports/html-escape.js';
import { CHART_TEXT } from './charts.js';
import { FIGURES } from './figures.js';
import { AGENTS, REPLICATES } from './settings.js';

// One column under 800 px (phones, small tablets); two from there, sized for a 1366 x 768 laptop.
const STYLE = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { font-family: 'DejaVu Sans', system-ui, sans-serif; margin: 0 auto; max-width: 1180px; padding: .75rem 1rem 2rem; color: #222; line-height: 1.4; }
h1 { font-size: 1.35rem; margin: .25rem 0 .4rem; }
h2 { font-size: 1.1rem; margin: .8rem 0 .4rem; }
h3 { font-size: 1rem; margin: .6rem 0 .2rem; }
p { margin: .4rem 0; }
a { color: #1f5fa8; }
.lede { color: #333; max-width: 62rem; }
nav.jump { font-size: .9rem; margin: .3rem 0; }
nav.jump a { margin-right: .8rem; }
#notice { border: 2px solid #a00000; color: #a00000; padding: .4rem .6rem; white-space: pre-wrap; }
@media (max-width: 640px) { .lede { font-size: .93rem; } }
.note { color: #555; font-size: .85rem; }
main { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1rem; }
@media (min-width: 800px) { main { grid-template-columns: 320px minmax(0, 1fr); gap: 1.5rem; align-items: start; } }
#controls .control { display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: .5rem; margin-bottom: .55rem; }
#controls .name { font-size: .9rem; }
#controls output { font-weight: bold; font-size: .9rem; text-align: right; }
#controls input, #controls select { grid-column: 1 / -1; width: 100%; margin: .15rem 0; font-size: 1rem; }
#controls input[type=text] { padding: .2rem .3rem; }
#controls .explain { grid-column: 1 / -1; color: #555; font-size: .8rem; margin: 0; }
#controls .problem { grid-column: 1 / -1; color: #a00000; font-size: .85rem; margin: .1rem 0 0; }
#controls [aria-invalid=true] { outline: 2px solid #a00000; }
.buttons { display: flex; flex-wrap: wrap; gap: .5rem; margin: .4rem 0; }
.buttons.sticky { position: sticky; bottom: 0; background: #fff; border-top: 1px solid #ddd; padding: .45rem 0; margin-bottom: 0; }
button { font-size: 1rem; padding: .45rem .9rem; }
#run { font-weight: bold; }
#status { white-space: pre-wrap; min-height: 1.5rem; margin-top: 0; }
#status[data-state=error] { color: #a00000; }
#status[data-state=running] { color: #555; }
.table-wrap { max-width: 100%; overflow-x: auto; }
#figures { border-collapse: collapse; margin: .25rem 0 .25rem; font-size: .9rem; width: 100%; }
#figures th, #figures td { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: right; vertical-align: top; }
#figures thead th { font-weight: bold; font-size: .85rem; }
#figures thead th:first-child { text-align: left; }
#figures tbody th { text-align: left; font-weight: normal; }
#figures .ci { display: block; color: #555; font-size: .78rem; white-space: nowrap; }
#figures td.clear .mean { font-weight: bold; }
[title] { text-decoration: underline dotted #999; text-underline-offset: 3px; }
#figures thead th[title], #figures td[title] { text-decoration: none; }
@media (max-width: 640px) {
  #figures thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  #figures tr { display: block; border-bottom: 1px solid #ccc; padding: .35rem 0; }
  #figures tbody th, #figures td { display: block; border: 0; text-align: left; padding: .05rem 0; }
  #figures tbody th { font-weight: bold; }
  #figures td:empty { display: none; }
  #figures td::before { content: attr(data-label) ": "; color: #555; }
  #figures .ci { display: inline; margin-left: .3rem; white-space: normal; }
  #figures .ci::before { content: "("; }
  #figures .ci::after { content: ")"; }
}
.chart { margin: 0 0 1rem; }
.chart > div { width: 100%; min-height: 120px; }
.vega-embed { width: 100%; }
dl.glossary { display: grid; grid-template-columns: minmax(0, 1fr); gap: .15rem 1rem; font-size: .9rem; }
@media (min-width: 800px) { dl.glossary { grid-template-columns: 14rem minmax(0, 1fr); } }
dl.glossary dt { font-weight: bold; margin-top: .3rem; }
dl.glossary dd { margin: 0 0 .3rem; }
@media (min-width: 800px) { dl.glossary dt, dl.glossary dd { margin-top: .3rem; } }
footer { color: #555; font-size: .85rem; margin-top: 2rem; }
code { background: #f3f3f3; padding: 0 .2rem; overflow-wrap: anywhere; }
`;

/** Words of the page a newcomer may not know; each has an anchor `g-<id>` that the page's labels link to. */
export const GLOSSARY: ReadonlyArray<{ id: string; term: string; text: string }> = [
  { id: 'counterfactual', term: 'Counterfactual', text: 'What would have happened without the programme, according to the model: the same simulated people, with the same chance events, but with the programme closed (no stipend, no travel help, nobody hears of it). Every run simulates both.' },
  { id: 'additional', term: 'Additional departures', text: 'Departures by every route (through the programme, on one\'s own, or by removal) with the programme, minus the same without it. This is what the programme changed; people who would have left anyway do not count.' },
  { id: 'deadweight', term: 'Takers who would have left anyway', text: 'Programme departers who, in the counterfactual, left on their own or were removed before the end of 2027. The programme paid them, but did not cause their departure (economists call this deadweight).' },
  { id: 'stipend', term: 'Stipend', text: 'Money the programme pays a person after their arrival in the country of origin is confirmed, in addition to the travel cost. The amount is the one in force when the person registered.' },
  { id: 'removal', term: 'Removal', text: 'A departure enforced by the immigration authorities (deportation). Removal capacity is how many removals a day they carry out; in the model that number is shared out over everyone still in the country.' },
  { id: 'removal-weight', term: 'Removal weight (deprioritisation)', text: 'How likely a person is to be removed, relative to someone unregistered. The programme announced that registered people would be a lower priority for removal; the model sets their weight to 20% (one fifth as likely) for 3 months after registering, and the slider changes it.' },
  { id: 'legal-return', term: 'Promised legal return', text: 'A promise that programme departers may later come back legally. Without a waiver, re-entry bars of 3 or 10 years apply to people who stayed unlawfully; the announced programme made no such promise, so it is off by default.' },
  { id: 'random-utility', term: 'Random utility model', text: 'The default behavioural model: each month a person compares, in dollars, leaving (travel, family left behind, danger at home, less what the programme offers) with staying (the higher US wage until removal or retirement, less the expected cost of removal), plus personal noise; the larger the gain from leaving, the likelier it is.' },
  { id: 'planned-behaviour', term: 'Planned behaviour model', text: 'The alternative behavioural model (Theory of Planned Behaviour, Ajzen 1991): attitude to leaving, what others in one\'s community have done, and having the means to travel add up to an intention; a person acts once it passes a personal threshold.' },
  { id: 'agent', term: 'Agent', text: `One simulated person standing for several real ones: the page simulates ${AGENTS.toLocaleString('en-US')} agents for 14 million people, 140 each.` },
  { id: 'replicate', term: 'Replicate', text: `One complete simulation with its own people and chance events. The page runs ${REPLICATES} and reports their mean.` },
  { id: 'interval', term: '95% interval', text: 'The range in which the mean over very many replicates would lie, with 95% confidence, given the spread between the replicates run. It measures the simulation\'s own chance variation, not whether the model is right.' },
  { id: 'paired', term: 'Change from the previous run', text: 'This run minus the previous one, replicate by replicate. With the same seed both runs simulate the same people and chance events, so the difference shows the effect of the settings you changed with much less noise than comparing the two intervals. A change in bold has an interval that excludes zero: it is larger than the noise.' },
  { id: 'seed', term: 'Seed', text: 'The number that fixes the simulated people and every chance event. The same settings and seed always give the same figures, here and with the command line.' },
  { id: 'pp', term: 'pp', text: 'Percentage points: the difference between two percentages (from 95.8% to 92.3% is −3.50 pp).' },
];

function glossaryHtml(): string {
  const figures = FIGURES.map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.note)}</dd>`).join('\n');
  return `<section id="glossary" aria-labelledby="glossary-h">
<h2 id="glossary-h">Words on this page</h2>
<dl class="glossary">
${GLOSSARY.map((g) => `<dt id="g-${g.id}">${e(g.term)}</dt><dd>${e(g.text)}</dd>`).join('\n')}
</dl>
<h3>The figures in the table</h3>
<dl class="glossary">
${figures}
</dl>
</section>`;
}

function chartHtml(name: keyof typeof CHART_TEXT): string {
  const t = CHART_TEXT[name];
  return `<section class="chart" aria-labelledby="chart-${name}-h"><h3 id="chart-${name}-h">${e(t.title)}</h3><p class="note">${e(t.note)}</p><div id="chart-${name}"></div></section>`;
}

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
<header>
<h1>Who takes a paid departure offer, and what does it buy?</h1>
<p class="lede">Each run simulates ${AGENTS.toLocaleString('en-US')} <a href="#g-agent">agents</a> standing for 14 million people over 36 months
(January 2025 to December 2027), twice: with the programme and without it (the <a href="#g-counterfactual">counterfactual</a>).
The difference is what the programme changed. Change a setting and press <b>Run</b>; the table then shows the
<a href="#g-paired">change from the previous run</a>. <a href="lessons.html">Lessons for teachers and students</a>.</p>
<p class="lede" id="defaults"><b>Default settings:</b> the <code>cbp-home-2025</code> preset exactly, that is the announced 2025 CBP Home
programme with its stipend, removal and advertising schedules. The page runs ${AGENTS.toLocaleString('en-US')} agents and ${REPLICATES}
replicates instead of the preset's 1,000,000 and 5, so that a run takes seconds; its figures therefore differ from
<code>npm start</code> by chance variation within the intervals shown.</p>
<nav class="jump" aria-label="On this page"><a href="#settings">Settings</a><a href="#results">Results</a><a href="#glossary">Words on this page</a><a href="lessons.html">Lessons</a></nav>
<p id="notice" role="alert" hidden></p>
</header>
<main>
<section id="settings" aria-labelledby="settings-h">
<h2 id="settings-h">Settings</h2>
<form id="controls" aria-label="Settings"></form>
<div class="buttons sticky">
<button id="run" type="button">Run</button>
<button id="reset" type="button">Back to the preset</button>
</div>
<div class="buttons">
<button id="download" type="button" disabled title="The scenario of the run shown: the command line reproduces its figures">Download scenario JSON</button>
</div>
<label><input id="compare" type="checkbox" checked> Draw the previous run in the charts</label>
<p class="note">The address of this page holds the settings: copy it to share them.</p>
</section>
<section id="results" aria-labelledby="results-h">
<h2 id="results-h">Results</h2>
<p id="status" data-state="idle" role="status">Starting the first run…</p>
<div class="table-wrap">
<table id="figures"><thead><tr><th>End of 2027: mean (95% interval)</th><th>This run</th><th>Previous run</th><th title="This run minus the previous one, replicate by replicate">Change from previous run</th></tr></thead>
<tbody id="figures-body"></tbody></table>
</div>
<p id="pairing" class="note" hidden></p>
<p class="note" id="interval-note">Intervals: 95%, over ${REPLICATES} <a href="#g-replicate">replicates</a>. An end marked * was cut at what the figure can
take (0% to 100% for shares, $0 for spending and for spending per departure; the net figure can be negative and is not cut).
A change in <b>bold</b> is larger than the simulation's noise: its <a href="#g-paired">paired interval</a> excludes zero.</p>
${chartHtml('uptake')}
${chartHtml('cost')}
${chartHtml('origin')}
</section>
</main>
${glossaryHtml()}
<footer>The downloaded scenario reproduces these numbers exactly with the command line:
<code>npx departure-sim run classroom-scenario.json</code>. Model, assumptions and sources: <code>models/README.md</code> in the departure-sim repository.
The figures are model output under stated assumptions, not forecasts.</footer>
<script>${jsForScript(script)}</script>
</body>
</html>
`;
}

/** LESSONS.md as a page beside the classroom, rendered by marked (GitHub-flavoured: tables, links, lists). */
export function lessonsHtml(markdown: string): string {
  const body = new Marked({ gfm: true, async: false }).parse(markdown) as string;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>departure-sim classroom: lessons</title>
<style>${STYLE} body { max-width: 50rem; } table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .85rem; display: block; overflow-x: auto; }
th, td { border-bottom: 1px solid #ddd; padding: .25rem .5rem; text-align: left; vertical-align: top; } li { margin: .2rem 0; }</style></head>
<body>
<p><a href="index.html">Back to the classroom</a></p>
${body}
</body>
</html>
`;
}
