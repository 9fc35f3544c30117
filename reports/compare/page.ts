import { pairingNote, type Comparison, type FigureComparison, type Side } from '../../sim/comparison.js';
import { comparisonCommandLine } from '../../sim/comparison-outputs.js';
import { RATIO_METHOD } from '../../sim/paired.js';
import type { Estimate } from '../../sim/stats.js';
import type { Chart } from '../charts/common.js';
import { formatCount, formatInterval, formatMoneyExact, moneyIn } from '../format.js';
import { escapeHtml as e } from '../html-escape.js';
import { chartFigures, reportPage } from '../html.js';
import { comparisonRows } from './table.js';

/**
 * The comparison report: one self-contained page, B against A with the difference as the headline (a reform set
 * against its baseline), then both runs side by side, and how every interval was found.
 */

const figure = (c: Comparison, key: string): FigureComparison => c.figures.find((f) => f.key === key)!;
const signedCount = (x: number) => `${x > 0 ? '+' : ''}${formatCount(x)}`;
const half = (x: Estimate) => (x.lo95 !== null && x.hi95 !== null ? (x.hi95 - x.lo95) / 2 : null);

function interval(x: Estimate, f: (v: number) => string): string {
  const text = formatInterval(x, f);
  return text ? ` (95% interval ${text})` : '';
}

/** Plain sentences of what B changes against A. */
export function comparisonSentences(c: Comparison): string[] {
  const code = c.a.identity.currency.code;
  const money = moneyIn(code);
  const signedMoney = (x: number) => `${x > 0 ? '+' : ''}${money(x)}`;
  const { steps, stepUnit, start, end } = c.a.identity.horizon;
  const add = figure(c, 'additionalDepartures').difference;
  const spend = figure(c, 'spend.programme').difference;
  const out: string[] = [];
  if (add.mean !== null && spend.mean !== null) {
    out.push(`Against A (${c.a.identity.title}), B (${c.b.identity.title}) changes additional departures by ${signedCount(add.mean)} persons${interval(add, signedCount)} `
      + `and programme spend by ${signedMoney(spend.mean)}${interval(spend, signedMoney)}, over ${steps} ${stepUnit}${steps === 1 ? '' : 's'} from ${start} to ${end}.`);
  }
  const r = c.incrementalCost;
  if (r.mean !== null) {
    out.push(`The ratio of the two changes, the incremental programme spend per incremental additional departure, is ${money(r.mean)}`
      + `${r.lo95 !== null && r.hi95 !== null ? ` (95% interval ${money(r.lo95)} to ${money(r.hi95)}, ${RATIO_METHOD.name})` : ` (${r.note})`}; `
      + `the cost of one removal is ${formatMoneyExact(c.a.identity.removalCost, code)} in A${c.b.identity.removalCost === c.a.identity.removalCost ? ' and B' : ` and ${formatMoneyExact(c.b.identity.removalCost, code)} in B`}.`);
  }
  if (add.lo95 !== null && add.hi95 !== null && add.lo95 <= 0 && add.hi95 >= 0) {
    out.push('The 95% interval of the change in additional departures includes zero: these runs cannot tell B\'s effect on departures apart from A\'s, '
      + 'so the incremental spend per departure is not well determined. More replicates or agents narrow the interval.');
  }
  const paired = half(add);
  const unpaired = half(figure(c, 'additionalDepartures').unpaired);
  if (paired !== null && unpaired !== null && unpaired > 0) {
    out.push(`Pairing the replicates (common random numbers in A and B) gives the change in additional departures an interval of ±${formatCount(paired)} persons, `
      + `against ±${formatCount(unpaired)} for two independent runs of the same size.`);
  }
  return out;
}

function tableSection(c: Comparison): string {
  const rows = comparisonRows(c).map((r) => `<tr${r.emphasis ? ' class="emphasis"' : ''}><td>${e(r.label)}</td><td class="num">${e(r.a)}</td>`
    + `<td class="num">${e(r.b)}</td><td class="num">${e(r.difference)}</td><td class="num">${e(r.interval)}</td><td class="note">${e(r.note)}</td></tr>`).join('\n');
  return `<section id="headline">
<h2>What B changes against A</h2>
<p class="lead">${comparisonSentences(c).map(e).join(' ')}</p>
<table class="headline">
<thead><tr><th>Figure</th><th class="num">A</th><th class="num">B</th><th class="num">B - A</th><th class="num">95% interval of B - A</th><th>Note</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p class="note">A and B: means over ${c.a.identity.replicates} replicates. B - A: the mean of the replicates' paired differences, with the 95% interval of that mean (Student t); the incremental spend per departure: the ratio of the mean differences of programme spend and of additional departures, with a ${e(RATIO_METHOD.name)} interval. Counts are persons represented, rounded to three significant figures; shares change in percentage points (pp); money is in ${e(c.a.identity.currency.code)} of ${c.a.identity.currency.year}. Every figure, with more digits and the figures not shown here, is in figures.csv.</p>
</section>`;
}

function chartSection(charts: Chart[]): string {
  return `<section id="charts">
<h2>Over time</h2>
<p class="note">Hover over a point for exact figures. Every series of every step, as B - A, is in difference.csv.</p>
${chartFigures(charts)}
</section>`;
}

function methodSection(c: Comparison): string {
  return `<section id="method">
<h2>How the intervals are found</h2>
<p>${e(pairingNote(c.a.identity, c.b.identity))} (common random numbers). Each figure's difference is therefore taken replicate by replicate, and its 95% interval is that of the mean of those paired differences. The noise both runs share cancels, so this interval is narrower than one built from the two runs' separate intervals (summary.json gives that one too, as unpairedDifference).</p>
<p>The incremental programme spend per incremental additional departure divides two such differences, so its interval is a ${e(RATIO_METHOD.name)}: ${e(RATIO_METHOD.description)}.</p>
<p>All intervals are simulation noise only: they say nothing of uncertainty in the model's parameters or structure.</p>
</section>`;
}

function reproduceSection(c: Comparison): string {
  const side = (label: string, s: Side) => [
    [`${label}`, `${s.identity.title} (scenario ${s.identity.name}, model ${s.identity.model}), from the ${s.from} ${s.source}`],
    [`${label}: scenario hash (SHA-256)`, s.identity.hash],
  ];
  const id = c.a.identity;
  const items = [
    ...side('A', c.a),
    ...side('B', c.b),
    ['Pairing', `seed ${id.seed}, ${id.replicates} replicates of ${formatCount(id.agents)} agents each`],
  ];
  return `<section id="reproduce">
<h2>Reproducibility</h2>
<dl>
${items.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('\n')}
</dl>
<p>The same comparison comes back from the same inputs and program version with:</p>
<pre><code>${e(comparisonCommandLine(c))}</code></pre>
</section>`;
}

export function comparisonHtml(c: Comparison, charts: Chart[], vendor: string[]): string {
  const title = `${c.b.identity.title} against ${c.a.identity.title}`;
  return reportPage({
    title: `${title}: departure-sim comparison`,
    charts,
    vendor,
    body: `<header>
<h1>${e(title)}</h1>
<p class="meta">B is ${e(c.b.identity.name)} (${e(c.b.source)}); A is ${e(c.a.identity.name)} (${e(c.a.source)}). Every difference is B - A.</p>
</header>
${tableSection(c)}
${chartSection(charts)}
${methodSection(c)}
${reproduceSection(c)}
<footer><p>Generated from the paired replicates of A and B; figures.csv, difference.csv and summary.json, in the folder that holds report/, have every figure shown here.</p></footer>`,
  });
}
