import {
  type Chart,
  type ConcatMember,
  type RunData,
  SCHEMA,
  config,
  dateRange,
  estimateTooltip,
  leverKey,
  leverLayers,
  lineLayers,
  lineLegend,
  moneyLabelExpr,
  seriesRows,
  WIDTH,
  withLeverKey,
  wrap,
} from './common.js';

const CATEGORIES: ReadonlyArray<[series: string, label: string, color: string]> = [
  ['spend_stipends', 'Stipends', '#4c78a8'],
  ['spend_travel', 'Travel', '#72b7b2'],
  ['spend_admin', 'Administration', '#e2b13c'],
  ['spend_advertising', 'Advertising', '#f58518'],
];
const REMOVAL_ARMS: ReadonlyArray<[arm: string, label: string]> = [
  ['programme', 'Removals, programme arm'],
  ['counterfactual', 'Removals, counterfactual (no programme)'],
];
const PANEL_HEIGHT = 220;
const REMOVAL_COLOR = '#9467bd';

/** One month per bar; lines sit mid-month so they line up with the bars above. */
function monthAxisX(domain: [string, string] | undefined) {
  return {
    field: 'date',
    type: 'temporal' as const,
    timeUnit: 'utcyearmonth' as const,
    bandPosition: 0.5,
    scale: { type: 'utc' as const, ...(domain ? { domain } : {}) },
    axis: { title: 'Month', format: '%b %Y', labelAngle: 0, tickCount: { interval: 'month' as const, step: 3 } },
  };
}

function nextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function spendChart({ rows, summary }: RunData): Chart {
  const code = summary.currency?.code ?? 'USD';
  const programme = CATEGORIES.flatMap(([series, category], order) =>
    seriesRows(rows, 'programme', series).map((r) => ({
      date: r.date,
      category,
      order,
      mean: r.mean,
      lo95: r.lo95,
      hi95: r.hi95,
    })),
  );
  const removals = REMOVAL_ARMS.flatMap(([arm, series]) =>
    seriesRows(rows, arm, 'spend_removals').map((r) => ({ date: r.date, series, mean: r.mean, lo95: r.lo95, hi95: r.hi95 })),
  );
  // The last bar covers its whole month, so the axis runs to the start of the month after it.
  const steps = dateRange(rows.map((r) => r.date));
  const domain = steps ? dateRange([steps[0], nextMonth(steps[1]), ...summary.levers.map((l) => l.date)]) : undefined;
  const levers = leverLayers(summary.levers, domain);
  const programmePanel: ConcatMember = {
    title: { text: 'Programme spending per month, programme arm', fontSize: 13 },
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values: programme },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: monthAxisX(domain),
          y: {
            field: 'mean',
            type: 'quantitative',
            aggregate: 'sum',
            stack: 'zero',
            axis: { title: `${code} per month`, labelExpr: moneyLabelExpr(code) },
          },
          color: {
            field: 'category',
            type: 'nominal',
            title: 'Programme spending',
            scale: { domain: CATEGORIES.map((c) => c[1]), range: CATEGORIES.map((c) => c[2]) },
          },
          order: { field: 'order', type: 'quantitative', aggregate: 'min' },
          tooltip: [
            { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month' },
            { field: 'category', type: 'nominal', title: 'Category' },
            { field: 'mean', type: 'quantitative', aggregate: 'sum', title: `${code} (mean)`, format: ',.0f' },
          ],
        },
      },
      ...levers,
    ],
  };
  const removalsPanel: ConcatMember = {
    title: { text: 'Removal spending per month, both arms', fontSize: 13 },
    width: WIDTH,
    height: PANEL_HEIGHT,
    data: { values: removals },
    layer: [
      ...lineLayers(
        {
          x: monthAxisX(domain),
          y: { field: 'mean', type: 'quantitative', scale: { zero: true }, axis: { title: `${code} per month`, labelExpr: moneyLabelExpr(code) } },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: 'Removal spending',
            scale: { domain: REMOVAL_ARMS.map((a) => a[1]), range: [[1, 0], [6, 3]] },
            legend: { ...lineLegend, symbolStrokeColor: REMOVAL_COLOR },
          },
          tooltip: [
            { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth', title: 'Month' },
            { field: 'series', type: 'nominal', title: 'Series' },
            ...estimateTooltip(code, ',.0f'),
          ],
        },
        { color: REMOVAL_COLOR },
      ),
      ...levers,
    ],
  };
  const title = 'Spending by category per month';
  const subtitle = wrap(
    `Top: what the programme spends each month in the programme arm (means over replicates, ${code}, nominal). ` +
      'Bottom: spending on removals, which are not part of the programme, in both arms; where the programme arm is ' +
      'lower, the programme replaced removals that would otherwise have been paid for.',
  );
  return {
    name: 'spend',
    title,
    spec: {
      $schema: SCHEMA,
      description: 'Monthly programme spending by category, and removal spending in both arms.',
      title: { text: title, subtitle },
      config,
      ...withLeverKey([programmePanel, removalsPanel], leverKey(summary.levers, domain)),
    },
  };
}
