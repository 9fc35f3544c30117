import type { Comparison, RowComparison } from '../../sim/comparison.js';
import type { Estimate } from '../../sim/stats.js';
import {
  bandLayer, type Chart, type ConcatMember, config, countLabelExpr, dateAxisX, dateRange, estimateTooltip, lineLayers, lineLegend,
  moneyLabelExpr, monthTooltip, SCHEMA, WIDTH, wrap,
} from '../charts/common.js';

/**
 * The charts of a comparison: B - A over time (the headline: what B changes against A), and A and B side by side.
 * Two series carry the question: additional departures (programme arm minus twin, cumulative) and programme
 * spend paid to date.
 */

const PANEL_HEIGHT = 200;
const DIFFERENCE_COLOR = '#d95f02';
const RUN_COLORS = ['#1f77b4', '#7570b3'];

interface Measure {
  arm: string;
  series: string;
  title: string;
  axis: string;
  labelExpr: string;
  format: string;
}

function measures(code: string): Measure[] {
  return [
    { arm: 'difference', series: 'cum_departures_total', title: 'Additional departures, cumulative', axis: 'Persons, cumulative', labelExpr: countLabelExpr, format: ',.0f' },
    { arm: 'programme', series: 'cum_spend_programme', title: 'Programme spend paid to date', axis: `${code}, cumulative`, labelExpr: moneyLabelExpr(code), format: ',.0f' },
  ];
}

const rowsOf = (c: Comparison, m: Measure): RowComparison[] =>
  c.rows.filter((r) => r.group === 'all' && r.arm === m.arm && r.series === m.series).sort((x, y) => x.step - y.step);

const datum = (date: string, e: Estimate, run?: string) => ({ date, ...(run ? { run } : {}), mean: e.mean, lo95: e.lo95, hi95: e.hi95 });

/** The label of each side in legends: "A: <title>". */
export function runLabels(c: Comparison): [string, string] {
  return [`A: ${c.a.identity.title}`, `B: ${c.b.identity.title}`];
}

function domainOf(c: Comparison): [string, string] | undefined {
  return dateRange(c.rows.map((r) => r.date));
}

/** B - A over time, with the 95% interval of the paired differences, against a line at zero (no change). */
export function differenceChart(c: Comparison): Chart {
  const domain = domainOf(c);
  const x = dateAxisX(domain);
  const panels: ConcatMember[] = measures(c.a.identity.currency.code).map((m) => ({
    title: { text: `${m.title}: B - A`, fontSize: 13 },
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values: rowsOf(c, m).map((r) => datum(r.date, r.difference)) },
    layer: [
      bandLayer(x, DIFFERENCE_COLOR),
      { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: '#222222', strokeWidth: 1 }, encoding: { y: { field: 'zero', type: 'quantitative' } } },
      ...lineLayers(
        { x, y: { field: 'mean', type: 'quantitative', axis: { title: m.axis, labelExpr: m.labelExpr } }, tooltip: [monthTooltip, ...estimateTooltip(`B - A`, m.format)] },
        { color: DIFFERENCE_COLOR },
      ),
    ],
  }));
  const title = 'What B changes against A, over time';
  return {
    name: 'difference',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'B minus A over time: cumulative additional departures and programme spend paid to date, with paired 95% intervals.',
      title: {
        text: title,
        subtitle: wrap(`B (${c.b.identity.title}) minus A (${c.a.identity.title}), replicate by replicate on common random numbers. `
          + 'Shaded: 95% interval of the mean of the paired differences (simulation noise only). Black line: no change.'),
      },
      config,
      vconcat: panels,
    },
  };
}

/** A and B over time, each with its own 95% interval over replicates. */
export function sideBySideChart(c: Comparison): Chart {
  const domain = domainOf(c);
  const x = dateAxisX(domain);
  const labels = runLabels(c);
  const color = { field: 'run', type: 'nominal' as const, title: null, scale: { domain: labels, range: RUN_COLORS }, legend: lineLegend };
  const panels: ConcatMember[] = measures(c.a.identity.currency.code).map((m) => {
    const rows = rowsOf(c, m);
    return {
      title: { text: m.title, fontSize: 13 },
      width: WIDTH,
      height: PANEL_HEIGHT,
      data: { values: [...rows.map((r) => datum(r.date, r.a, labels[0])), ...rows.map((r) => datum(r.date, r.b, labels[1]))] },
      layer: [
        ...labels.map((label, i) => bandLayer(x, RUN_COLORS[i], { filter: `datum.run === ${JSON.stringify(label)}` })),
        ...lineLayers({
          x,
          y: { field: 'mean', type: 'quantitative', axis: { title: m.axis, labelExpr: m.labelExpr } },
          color,
          tooltip: [monthTooltip, { field: 'run', type: 'nominal', title: 'Run' }, ...estimateTooltip(m.title, m.format)],
        }),
      ],
    };
  });
  const title = 'A and B side by side';
  return {
    name: 'side-by-side',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'A and B over time: cumulative additional departures and programme spend paid to date, each with its 95% interval.',
      title: { text: title, subtitle: wrap('Each run with its own 95% interval over replicates (simulation noise only). Additional departures are each run\'s programme arm minus its own counterfactual twin.') },
      config,
      vconcat: panels,
      resolve: { legend: { color: 'shared' } },
    },
  };
}

export function comparisonCharts(c: Comparison): Chart[] {
  return [differenceChart(c), sideBySideChart(c)];
}
