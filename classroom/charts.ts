import type { TopLevelSpec } from 'vega-lite';
import { config, countLabelExpr, moneyLabelExpr, SCHEMA } from '../reports/charts/common.js';
import type { ClassroomRun } from './run.js';

/**
 * The page's three Vega-Lite charts. Each takes this run and, for the comparison overlay, the previous one,
 * drawn dashed (lines) or as ticks (bars). Data are inline values in a dataset named `table`, so a test can
 * read back exactly what a chart shows. Charts fill their container's width (down to a phone's); their titles
 * are HTML headings above them (CHART_TEXT), which wrap where a chart title would not.
 */

const THIS_RUN = 'this run';
const PREVIOUS_RUN = 'previous run';
const HEIGHT = 220;
const WIDTH = 'container' as const;
const AUTOSIZE = { type: 'fit-x', contains: 'padding' } as const;
// Legends below the chart, labels short enough for a phone.
const CONFIG = { ...config, padding: 4, legend: { ...config.legend, labelLimit: 320, columns: 1 } };

export const CHART_TEXT = {
  uptake: {
    title: 'Uptake against the counterfactual',
    note: 'Cumulative persons; solid: this run, dashed: the previous run. The counterfactual is the same population with the programme off. '
      + 'Additional departures are departures by every route with the programme minus without it; the gap between the two lines is, '
      + 'roughly, programme takers who would have left anyway.',
  },
  cost: {
    title: 'Programme spend per additional departure',
    note: 'Cumulative spend over cumulative additional departures, month by month, against the cost of one removal (red); '
      + 'solid: this run, dashed: the previous run. Early months divide by few additional departures, so the line starts high.',
  },
  origin: {
    title: 'Who leaves, by origin',
    note: 'Persons by the end of 2027. Bars: this run; black ticks: the previous run.',
  },
} as const;

const UPTAKE_LINES: ReadonlyArray<[series: string, arm: string, label: string]> = [
  ['cum_departures_assisted', 'programme', 'Departures through the programme'],
  ['cum_departures_total', 'difference', 'Additional departures (on minus off)'],
];

type Runs = Array<[label: string, run: ClassroomRun]>;

function runs(current: ClassroomRun, previous?: ClassroomRun): Runs {
  return previous ? [[THIS_RUN, current], [PREVIOUS_RUN, previous]] : [[THIS_RUN, current]];
}

/** The dash tells this run from the previous one; without a previous run there is nothing to tell apart. */
function runDash(previous?: ClassroomRun) {
  return previous ? {
    strokeDash: {
      field: 'run', type: 'nominal' as const, title: null,
      scale: { domain: [THIS_RUN, PREVIOUS_RUN], range: [[1, 0], [6, 4]] },
      // Told in the note above the chart: a second legend beside the first does not fit a phone.
      legend: null,
    },
  } : {};
}

/** The whole horizon on the time axis, also for series that start late (cost is undefined until the first gain). */
function monthAxis(r: ClassroomRun) {
  const dates = r.rows.map((x) => x.date).sort();
  return {
    field: 'date', type: 'temporal' as const, title: null,
    scale: { type: 'utc' as const, domain: [dates[0], dates[dates.length - 1]] },
    axis: { format: '%b %Y', labelAngle: 0, tickCount: 4, labelOverlap: true },
  };
}

export function uptakeChart(current: ClassroomRun, previous?: ClassroomRun): TopLevelSpec {
  const table = runs(current, previous).flatMap(([run, r]) => UPTAKE_LINES.flatMap(([series, arm, line]) =>
    r.rows.filter((x) => x.series === series && x.arm === arm).map((x) => ({ run, line, date: x.date, mean: x.value.mean }))));
  return {
    $schema: SCHEMA,
    config: CONFIG,
    autosize: AUTOSIZE,
    width: WIDTH, height: HEIGHT,
    datasets: { table },
    data: { name: 'table' },
    mark: { type: 'line', strokeWidth: 2 },
    encoding: {
      x: monthAxis(current),
      y: { field: 'mean', type: 'quantitative', title: 'Persons', axis: { labelExpr: countLabelExpr } },
      color: { field: 'line', type: 'nominal', title: null, sort: UPTAKE_LINES.map((l) => l[2]), scale: { range: ['#d9822b', '#1f5fa8'] } },
      ...runDash(previous),
      tooltip: [{ field: 'run' }, { field: 'line' }, { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth' }, { field: 'mean', format: ',.0f', title: 'persons' }],
    },
  };
}

export function costChart(current: ClassroomRun, previous?: ClassroomRun): TopLevelSpec {
  const table = runs(current, previous).flatMap(([run, r]) => r.rows
    .filter((x) => x.series === 'cost_per_additional_departure' && x.arm === 'difference' && x.value.mean !== null && x.value.mean > 0)
    .map((x) => ({ run, date: x.date, mean: x.value.mean })));
  const removal = current.headline.removalCost;
  // Early months divide by few additional departures; the scale stops well above a removal's cost.
  const top = Math.max(3 * removal, ...runs(current, previous).map(([, r]) => 1.3 * (r.headline.costPerAdditionalDeparture.mean ?? 0)));
  return {
    $schema: SCHEMA,
    config: CONFIG,
    autosize: AUTOSIZE,
    width: WIDTH, height: HEIGHT,
    datasets: { table },
    layer: [
      {
        data: { name: 'table' },
        mark: { type: 'line', strokeWidth: 2, color: '#1f5fa8', clip: true },
        encoding: {
          x: monthAxis(current),
          y: { field: 'mean', type: 'quantitative', title: 'Dollars', scale: { domain: [0, top] }, axis: { labelExpr: moneyLabelExpr() } },
          ...runDash(previous),
          tooltip: [{ field: 'run' }, { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth' }, { field: 'mean', format: '$,.0f', title: 'per additional departure' }],
        },
      },
      {
        data: { values: [{ removal, label: `cost of one removal ($${removal.toLocaleString('en-US')})` }] },
        layer: [
          { mark: { type: 'rule', color: '#b03030', strokeWidth: 1.5 }, encoding: { y: { field: 'removal', type: 'quantitative' } } },
          { mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, color: '#b03030', x: 'width' }, encoding: { y: { field: 'removal', type: 'quantitative' }, text: { field: 'label' } } },
        ],
      },
    ],
  };
}

const ORIGIN_MEASURES = ['Programme departures', 'Additional departures (all routes)'] as const;

export function originChart(current: ClassroomRun, previous?: ClassroomRun): TopLevelSpec {
  const table = runs(current, previous).flatMap(([run, r]) => r.byGroup.flatMap((o) => [
    { run, origin: o.group, measure: ORIGIN_MEASURES[0], value: o.programmeDepartures.mean },
    { run, origin: o.group, measure: ORIGIN_MEASURES[1], value: o.additionalDepartures.mean },
  ]));
  const encoding = {
    y: { field: 'origin', type: 'nominal' as const, title: null, sort: null },
    yOffset: { field: 'measure', type: 'nominal' as const, sort: [...ORIGIN_MEASURES] },
    x: { field: 'value', type: 'quantitative' as const, title: 'Persons', axis: { labelExpr: countLabelExpr } },
    color: { field: 'measure', type: 'nominal' as const, title: null, sort: [...ORIGIN_MEASURES], scale: { range: ['#d9822b', '#1f5fa8'] } },
    tooltip: [{ field: 'run' }, { field: 'origin' }, { field: 'measure' }, { field: 'value', format: ',.0f', title: 'persons' }],
  };
  return {
    $schema: SCHEMA,
    config: CONFIG,
    autosize: AUTOSIZE,
    width: WIDTH, height: 250,
    datasets: { table },
    data: { name: 'table' },
    layer: [
      { transform: [{ filter: `datum.run === '${THIS_RUN}'` }], mark: { type: 'bar' }, encoding },
      ...(previous ? [{
        transform: [{ filter: `datum.run === '${PREVIOUS_RUN}'` }],
        mark: { type: 'tick' as const, color: '#000000', thickness: 2 },
        encoding: { ...encoding, color: { value: '#000000' } },
      }] : []),
    ],
  };
}
