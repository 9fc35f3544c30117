/**
 * Vega-Lite specifications of an experiment's charts, with their data inlined so that each spec stands alone.
 * Inputs are plain records, so this module does not depend on how the sweep was run. They share the run report's
 * fonts and sizes (charts/common.ts), start every count and cost axis at zero, and name each parameter with the
 * unit its scenario schema description states.
 */
import { costAxis } from '../charts/additional-departures.js';
import { countLabelExpr, config, moneyLabelExpr, SCHEMA } from '../charts/common.js';

export interface ChartSpec {
  name: string;
  title: string;
  caption: string;
  /** What the page draws, with its slider where it has one. */
  spec: Record<string, unknown>;
  /** The figure written as <name>.vl.json, .svg and .png: the same chart without interaction; `spec` when absent. */
  exportSpec?: Record<string, unknown>;
}

/** One point x series of summary.csv, the parameter values keyed by name. */
export interface SummaryDatum {
  point: number;
  seed: number;
  series: string;
  mean: number | null;
  lo95: number | null;
  hi95: number | null;
  /** The scenario's cost of one removal at this point, when known. */
  removalCost?: number | null;
  [parameter: string]: number | string | null | undefined;
}

/** A swept parameter as readers see it: its name in the experiment, its scenario path, and what the schema says. */
export interface ParameterLabel {
  name: string;
  path: string;
  description: string | null;
  unit: string | null;
}

interface SeriesInfo {
  label: string;
  unit: string;
  labelExpr: string;
  format: string;
  money: boolean;
}

/** The currency and price year money is in: the swept scenario's. */
export interface Money {
  code: string;
  year: number;
}
const USD_2025: Money = { code: 'USD', year: 2025 };

const COST = 'cost_per_additional_departure';
const COUNTS: Record<string, string> = {
  programme_departures: 'Programme departures',
  additional_departures: 'Additional departures',
  removals: 'Removals',
};
const seriesLabel = (series: string) => (series === COST ? 'Programme spend per additional departure' : COUNTS[series] ?? series);

function seriesInfo(series: string, money: Money): SeriesInfo {
  const label = seriesLabel(series);
  if (series === COST) {
    return { label, unit: `${money.code} of ${money.year} per additional departure`, labelExpr: moneyLabelExpr(money.code), format: ',.0f', money: true };
  }
  return COUNTS[series]
    ? { label, unit: 'Persons, whole run', labelExpr: countLabelExpr, format: ',.0f', money: false }
    : { label, unit: series, labelExpr: "format(datum.value, ',.3~g')", format: ',.3~g', money: false };
}

const DOSE_SERIES = ['programme_departures', 'additional_departures', COST];
const LINE_COLOR = '#4c78a8';
const DOSE_WIDTH = 720;
const PANEL_TITLE = { fontSize: 13, anchor: 'start' as const, frame: 'group' as const };

/** "stipend (US$)": the axis title of a parameter; its name alone when the schema states no unit. */
export function parameterTitle(p: ParameterLabel): string {
  return p.unit ? `${p.name} (${p.unit})` : p.name;
}

/**
 * Tick labels of a parameter's axis: an amount of money ("US$", or a currency and its year, "USD of 2025") as money,
 * anything else as a plain number of up to four significant digits, never in exponent form.
 */
function parameterAxis(p: ParameterLabel): Record<string, unknown> {
  const money = /^(?:US\$|([A-Z]{3}) of \d{4})$/.exec(p.unit ?? '');
  return money ? { labelExpr: moneyLabelExpr(money[1] ?? 'USD') } : { format: ',.4~r' };
}

const usd = (x: number) => `$${Math.round(x).toLocaleString('en-US')}`;
const distinct = (data: readonly SummaryDatum[], key: string) =>
  [...new Set(data.map((d) => d[key]).filter((v): v is number => typeof v === 'number'))].sort((a, b) => a - b);

/** The cost of one removal if it is the same at every point, else null (then it is drawn per point). */
function singleRemovalCost(data: readonly SummaryDatum[]): number | null {
  const costs = distinct(data, 'removalCost');
  return costs.length === 1 ? costs[0] : null;
}

/**
 * The removal cost against the cost per additional departure: a labelled rule when it is one figure, a black line
 * through the points when a swept parameter changes it.
 */
function removalCostLayers(data: readonly SummaryDatum[], x: Record<string, unknown> | undefined, width: number): Array<Record<string, unknown>> {
  if (!data.some((d) => d.series === COST && typeof d.removalCost === 'number')) return [];
  const single = singleRemovalCost(data.filter((d) => d.series === COST));
  if (single === null) {
    if (!x) return [];
    return [{ mark: { type: 'line', color: '#222222', strokeWidth: 1.5 }, encoding: { x, y: { field: 'removalCost', type: 'quantitative' } } }];
  }
  return removalRule(single, width);
}

/** A labelled horizontal rule at the cost of one removal. */
function removalRule(cost: number, width: number): Array<Record<string, unknown>> {
  const reference = { data: { values: [{ cost, label: `Cost of one removal: ${usd(cost)}` }] } };
  return [
    { ...reference, mark: { type: 'rule', color: '#222222', strokeWidth: 1.5 }, encoding: { y: { field: 'cost', type: 'quantitative' }, tooltip: [{ field: 'label', type: 'nominal', title: 'Reference' }] } },
    {
      ...reference,
      mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -3, fontSize: 11, fontWeight: 'bold', color: '#222222' },
      encoding: { x: { value: width - 4 }, y: { field: 'cost', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
}

/** Series that cannot be negative, whose symmetric intervals are cut at zero rather than run below it. */
const NON_NEGATIVE = new Set(['programme_departures', 'removals', COST]);

/**
 * The y scale of a dose-response panel: from zero; for the cost per additional departure up to a labelled tick
 * above 1.5 times the largest of the removal cost and the means (as in the run report), since its interval can
 * be far wider than the values where additional departures are few.
 */
function yAxis(values: readonly SummaryDatum[], series: string): { scale: Record<string, unknown>; axis: Record<string, unknown> } {
  if (series === COST) {
    const means = values.filter((d) => d.series === COST).map((d) => d.mean);
    const removal = Math.max(0, ...distinct(values, 'removalCost'));
    const { top, ticks } = costAxis(removal, means);
    return { scale: { domain: [0, top], nice: false, zero: true }, axis: { values: ticks, tickCount: ticks.length } };
  }
  return { scale: NON_NEGATIVE.has(series) ? { zero: true, domainMin: 0 } : { zero: true }, axis: { tickCount: 5 } };
}

/** A slider over a parameter's levels: a range input when they are evenly spaced, else a drop-down. */
function levelInput(name: string, levels: readonly number[]): { bind: Record<string, unknown>; tolerance: number } {
  const step = levels.length > 1 ? levels[1] - levels[0] : 1;
  const even = levels.every((v, i) => i === 0 || Math.abs(v - levels[i - 1] - step) <= Math.abs(step) * 1e-9);
  if (even) return { bind: { input: 'range', min: levels[0], max: levels[levels.length - 1], step, name: `${name} ` }, tolerance: Math.abs(step) / 2 };
  return { bind: { input: 'select', options: [...levels], name: `${name} ` }, tolerance: 0 };
}

/**
 * Dose-response: each series against the first parameter, mean with its 95% band, one panel per series, every
 * axis from zero, the cost panel against the cost of one removal. On the page, with a second parameter a slider
 * picks its level; with one parameter the slider marks a level of the first and labels its value. The exported
 * figure has no slider: one line per level of the second parameter, or none.
 */
export function doseResponse(data: readonly SummaryDatum[], params: readonly ParameterLabel[], money: Money = USD_2025): ChartSpec {
  const [px, pz] = params;
  const x = px.name;
  const z = pz?.name;
  const values = data.filter((d) => DOSE_SERIES.includes(d.series));
  const sliderOn = z ?? x;
  const levels = distinct(values, sliderOn);
  const input = levelInput(sliderOn, levels);
  const near = `abs(datum['${sliderOn}'] - pick) <= ${input.tolerance}`;
  const xEnc = { field: x, type: 'quantitative', title: parameterTitle(px), axis: { ...parameterAxis(px), tickCount: 6 } };
  const title = `Dose-response against ${parameterTitle(px)}`;

  const panel = (series: string, interactive: boolean): Record<string, unknown> => {
    const info = seriesInfo(series, money);
    const { scale, axis } = yAxis(values, series);
    const y = { field: 'mean', type: 'quantitative', scale, axis: { title: info.unit, labelExpr: info.labelExpr, ...axis } };
    const tooltip = [
      { field: x, type: 'quantitative', title: parameterTitle(px) },
      ...(z ? [{ field: z, type: 'quantitative', title: parameterTitle(pz) }] : []),
      { field: 'mean', type: 'quantitative', title: `${info.label} (mean)`, format: info.format },
      { field: 'lo95', type: 'quantitative', title: '95% interval, low', format: info.format },
      { field: 'hi95', type: 'quantitative', title: '95% interval, high', format: info.format },
    ];
    const byLevel = !interactive && z;
    const zColor = {
      field: z,
      type: 'ordinal',
      title: parameterTitle(pz ?? px),
      scale: { scheme: 'viridis' },
      legend: { orient: 'right', direction: 'vertical', titleLimit: 400, ...(pz ? parameterAxis(pz) : {}) },
    };
    // Bands and lines are clipped where the scale stops: at zero for counts that cannot be negative, and at the top
    // of the cost axis, past which a ratio with few additional departures can run.
    // With one line per level of a second parameter, overlapping bands would hide the lines: the exported figure
    // draws the lines only, and its caption points to the page and summary.csv for the intervals.
    const band = byLevel
      ? []
      : [{ mark: { type: 'area', fillOpacity: 0.25, clip: true, color: LINE_COLOR }, encoding: { x: xEnc, y: { field: 'lo95', type: 'quantitative' }, y2: { field: 'hi95' } } }];
    const line = {
      mark: { type: 'line', point: true, clip: true, ...(byLevel ? {} : { color: LINE_COLOR }) },
      encoding: { x: xEnc, y, tooltip, ...(byLevel ? { color: zColor } : {}) },
    };
    const marker = interactive && !z
      ? [
          { transform: [{ filter: near }], mark: { type: 'rule', color: '#e45756', strokeDash: [4, 3] }, encoding: { x: xEnc } },
          {
            transform: [{ filter: near }],
            mark: { type: 'text', align: 'left', dx: 6, dy: -8, color: '#e45756' },
            encoding: { x: xEnc, y: { field: 'mean', type: 'quantitative' }, text: { field: 'mean', type: 'quantitative', format: info.format } },
          },
        ]
      : [];
    const filters: Array<Record<string, unknown> | string> = [{ field: 'series', equal: series }];
    if (interactive && z) filters.push(near);
    return {
      title: { text: info.label, ...PANEL_TITLE },
      width: DOSE_WIDTH,
      height: 170,
      transform: filters.map((filter) => ({ filter })),
      layer: [...band, line, ...marker, ...(series === COST ? removalCostLayers(values, xEnc, DOSE_WIDTH) : [])],
    };
  };
  const build = (interactive: boolean) => ({
    $schema: SCHEMA,
    title: { text: title },
    config,
    data: { values },
    ...(interactive ? { params: [{ name: 'pick', value: levels[0], bind: input.bind }] } : {}),
    vconcat: DOSE_SERIES.map((s) => panel(s, interactive)),
    spacing: 28,
  });
  const removal = singleRemovalCost(values.filter((d) => d.series === COST));
  return {
    name: 'dose-response',
    title,
    caption:
      `Mean over replicates with its 95% interval (shaded: simulation noise only; cut where it runs past an axis), against ${parameterTitle(px)}` +
      (z
        ? `; on this page the slider chooses the level of ${parameterTitle(pz)}. The exported figure shows every level as a line, without intervals (they are on this page and in summary.csv).`
        : '; on this page the slider marks one level and prints its mean.') +
      (removal !== null ? ` The black line is the cost of one removal, ${usd(removal)}.` : ''),
    spec: build(true),
    exportSpec: build(false),
  };
}

/** The incremental cost between two neighbouring levels of a grid's first parameter (experiments/slopes.ts). */
export interface SlopeDatum {
  from: number;
  to: number;
  /** The level of the second parameter, in a grid of two or more. */
  level?: number;
  mean: number | null;
  lo95: number | null;
  hi95: number | null;
}

/**
 * Incremental programme spend per incremental additional departure between neighbouring levels of the first
 * parameter: a horizontal segment over each step from one level to the next at the ratio's value, against the
 * cost of one removal. With one parameter, the segment's bootstrap interval is a whisker at its middle; with a
 * second, one colour per level of it and no whiskers (they would hide each other; slopes.csv and the tooltips have
 * them); `data` holds the lowest level of any further parameter. Undefined ratios are left out and said so.
 */
export function incrementalCost(data: readonly SlopeDatum[], params: readonly ParameterLabel[], removalCost: number | null, money: Money = USD_2025): ChartSpec {
  const [param, second, ...others] = params;
  const defined = data.filter((d) => d.mean !== null).map((d) => ({ ...d, middle: (d.from + d.to) / 2 }));
  const { top, ticks } = costAxis(removalCost ?? 0, defined.map((d) => d.mean));
  const y = { field: 'mean', type: 'quantitative', scale: { domain: [0, top], nice: false, zero: true }, axis: { title: `${money.code} of ${money.year} per incremental additional departure`, labelExpr: moneyLabelExpr(money.code), values: ticks, tickCount: ticks.length } };
  const x = { field: 'from', type: 'quantitative', title: parameterTitle(param), axis: { ...parameterAxis(param), tickCount: 6 } };
  const middle = { ...x, field: 'middle' };
  const color = second
    ? { color: { field: 'level', type: 'ordinal', title: parameterTitle(second), scale: { scheme: 'viridis' }, legend: { orient: 'right', direction: 'vertical', titleLimit: 400, ...parameterAxis(second) } } }
    : {};
  const title = `Incremental spend per incremental additional departure, between neighbouring levels of ${param.name}`;
  const missing = data.length - defined.length;
  const unbounded = defined.filter((d) => d.lo95 === null || d.hi95 === null).length;
  const tooltip = [
    { field: 'from', type: 'quantitative', title: `${param.name} from` },
    { field: 'to', type: 'quantitative', title: `${param.name} to` },
    ...(second ? [{ field: 'level', type: 'quantitative', title: parameterTitle(second) }] : []),
    { field: 'mean', type: 'quantitative', title: 'Incremental spend per incremental additional departure', format: '$,.0f' },
    { field: 'lo95', type: 'quantitative', title: '95% interval, low', format: '$,.0f' },
    { field: 'hi95', type: 'quantitative', title: '95% interval, high', format: '$,.0f' },
  ];
  const mark = (type: string, extra: Record<string, unknown> = {}) => ({ type, clip: true, ...(second ? {} : { color: LINE_COLOR }), ...extra });
  return {
    name: 'incremental-cost',
    title,
    caption: `Between each level of ${parameterTitle(param)} and the next${second ? `, at each level of ${parameterTitle(second)}` : ''}: `
      + '(programme spend at the higher level - at the lower) / (additional departures at the higher level - at the lower), '
      + 'the replicates of both levels paired on common random numbers; segments span the step. '
      + (second
        ? 'The 95% percentile bootstrap intervals over the paired replicates (10,000 resamples, fixed seed) are in the tooltips and slopes.csv.'
        : 'Whiskers at the middle of each step are 95% percentile bootstrap intervals over the paired replicates (10,000 resamples, fixed seed), cut at the top of the axis.')
      + (unbounded > 0 ? ` ${unbounded} step${unbounded === 1 ? ' has' : 's have'} no finite interval (the change in additional departures is not distinguishable from zero)${second ? '' : ' and no whisker'}.` : '')
      + (missing > 0 ? ` ${missing} step${missing === 1 ? ' is' : 's are'} left out: no change in additional departures to divide by.` : '')
      + (removalCost !== null ? ` The black line is the cost of one removal, ${usd(removalCost)}.` : '')
      + (others.length > 0 ? ` Shown at the lowest level of ${others.map((p) => p.name).join(', ')}.` : '')
      + ' Values below zero or above the axis are cut; every value is in slopes.csv.',
    spec: {
      $schema: SCHEMA,
      title: { text: title },
      config,
      width: DOSE_WIDTH,
      height: 260,
      data: { values: defined },
      layer: [
        { mark: mark('rule', { strokeWidth: 3 }), encoding: { x, x2: { field: 'to' }, y, tooltip, ...color } },
        ...(second ? [] : [{ mark: mark('rule'), encoding: { x: middle, y: { field: 'lo95', type: 'quantitative' }, y2: { field: 'hi95' } } }]),
        { mark: mark('point', { filled: true }), encoding: { x: middle, y, tooltip, ...color } },
        ...(removalCost !== null ? removalRule(removalCost, DOSE_WIDTH) : []),
      ],
    },
  };
}

/** Two parameters against each other, coloured by the mean of a series (averaged over any other parameter). */
export function heatmap(data: readonly SummaryDatum[], params: readonly ParameterLabel[], series: string, money: Money = USD_2025): ChartSpec {
  const [px, py] = params;
  const info = seriesInfo(series, money);
  const title = `${info.label} by ${px.name} and ${py.name}`;
  const removal = series === COST ? singleRemovalCost(data.filter((d) => d.series === COST)) : null;
  const defined = data.filter((d) => d.series === series && d.mean !== null);
  const name = `heatmap-${series.replace(/_/g, '-')}`;
  if (defined.length === 0) {
    const note = 'No point of this sweep has a defined value: additional departures were zero or below at every point.';
    return {
      name,
      title,
      caption: note,
      spec: {
        $schema: SCHEMA,
        title: { text: title },
        config,
        width: 600,
        height: 30,
        data: { values: [{ note }] },
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: 12, color: '#444444' },
        encoding: { x: { value: 0 }, y: { value: 0 }, text: { field: 'note' } },
      },
    };
  }
  return {
    name,
    title,
    caption:
      `Each cell is the mean over replicates${params.length > 2 ? ' and over the other parameters' : ''}; blank cells are undefined (no additional departures).` +
      (removal !== null ? ` For comparison, the cost of one removal is ${usd(removal)}.` : ''),
    spec: {
      $schema: SCHEMA,
      title: { text: title },
      config,
      width: 600,
      height: 320,
      data: { values: defined },
      mark: 'rect',
      encoding: {
        x: { field: px.name, type: 'ordinal', title: parameterTitle(px), sort: 'ascending', axis: { labelAngle: 0, labelOverlap: 'greedy', ...parameterAxis(px) } },
        y: { field: py.name, type: 'ordinal', title: parameterTitle(py), sort: 'descending', axis: { labelOverlap: 'greedy', ...parameterAxis(py) } },
        color: {
          aggregate: 'mean',
          field: 'mean',
          type: 'quantitative',
          title: [info.label, `(${info.money ? info.unit : info.unit.toLowerCase()})`],
          scale: { scheme: 'viridis', zero: true },
          legend: { orient: 'right', direction: 'vertical', labelExpr: info.labelExpr, titleLimit: 400 },
        },
        tooltip: [
          { field: px.name, type: 'ordinal', title: parameterTitle(px) },
          { field: py.name, type: 'ordinal', title: parameterTitle(py) },
          { aggregate: 'mean', field: 'mean', type: 'quantitative', format: info.format, title: `${info.label} (mean)` },
        ],
      },
    },
  };
}

/** Scatter of each series against each parameter, for designs without a grid (Latin hypercube). */
export function scatter(data: readonly SummaryDatum[], params: readonly ParameterLabel[], money: Money = USD_2025): ChartSpec {
  const long = data
    .filter((d) => DOSE_SERIES.includes(d.series) && d.mean !== null)
    .flatMap((d) => params.map((p) => ({ series: d.series, parameter: p.name, value: d[p.name], mean: d.mean, removalCost: d.removalCost ?? null })));
  const width = Math.max(150, Math.min(240, Math.floor(660 / params.length)));
  const title = 'Outputs against each parameter';
  return {
    name: 'scatter',
    title,
    caption: 'One dot per design point (mean over replicates); every axis of an output starts at zero.',
    spec: {
      $schema: SCHEMA,
      title: { text: title },
      config,
      data: { values: long },
      vconcat: DOSE_SERIES.map((series) => {
        const info = seriesInfo(series, money);
        return {
          title: { text: info.label, ...PANEL_TITLE },
          hconcat: params.map((p, i) => {
            const x = { field: 'value', type: 'quantitative', title: parameterTitle(p), scale: { zero: false }, axis: { ...parameterAxis(p), tickCount: 4 } };
            return {
              width,
              height: 150,
              transform: [{ filter: { and: [{ field: 'series', equal: series }, { field: 'parameter', equal: p.name }] } }],
              layer: [
                {
                  mark: { type: 'point', filled: true, opacity: 0.6, color: LINE_COLOR },
                  encoding: {
                    x,
                    y: { field: 'mean', type: 'quantitative', scale: { zero: true }, axis: { title: i === 0 ? info.unit : null, labelExpr: info.labelExpr, tickCount: 5 } },
                    tooltip: [{ field: 'value', type: 'quantitative', title: parameterTitle(p) }, { field: 'mean', type: 'quantitative', title: info.label, format: info.format }],
                  },
                },
                ...(series === COST ? removalCostLayers(data, undefined, width) : []),
              ],
            };
          }),
        };
      }),
      spacing: 24,
    },
  };
}

export interface MorrisDatum { parameter: string; series: string; mu_star: number; sigma: number }

/** Morris screening: mu* (importance) against sigma (interaction or non-linearity), one panel per series. */
export function morris(data: readonly MorrisDatum[], money: Money = USD_2025): ChartSpec {
  const series = [...new Set(data.map((d) => d.series))];
  const parameters = [...new Set(data.map((d) => d.parameter))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const title = 'Morris screening: mu* and sigma per parameter';
  return {
    name: 'morris',
    title,
    caption:
      "Elementary effects per unit of each parameter's range (output units per full range); parameters far right matter most, high ones interact or act non-linearly. Colours name the parameters.",
    spec: {
      $schema: SCHEMA,
      title: { text: title },
      config,
      data: { values: data },
      vconcat: series.map((s) => {
        const info = seriesInfo(s, money);
        return {
          title: { text: info.label, ...PANEL_TITLE },
          width: 600,
          height: 200,
          transform: [{ filter: { field: 'series', equal: s } }],
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            x: { field: 'mu_star', type: 'quantitative', title: `mu*, mean |elementary effect| (${info.unit} per full range)`, scale: { zero: true }, axis: { labelExpr: info.labelExpr, tickCount: 5 } },
            y: { field: 'sigma', type: 'quantitative', title: 'sigma', scale: { zero: true }, axis: { labelExpr: info.labelExpr, tickCount: 4 } },
            color: { field: 'parameter', type: 'nominal', title: 'Parameter', scale: { domain: parameters, scheme: parameters.length > 10 ? 'category20' : 'tableau10' } },
            shape: { field: 'parameter', type: 'nominal', title: 'Parameter', scale: { domain: parameters } },
            tooltip: [
              { field: 'parameter', title: 'Parameter' },
              { field: 'mu_star', title: 'mu*', format: ',.3~g' },
              { field: 'sigma', title: 'sigma', format: ',.3~g' },
            ],
          },
        };
      }),
      spacing: 28,
      resolve: { scale: { x: 'independent', y: 'independent' } },
    },
  };
}

export interface SobolDatum { parameter: string; series: string; index: 'S1' | 'ST'; value: number; lo: number; hi: number }

/** First-order and total Sobol indices with their bootstrap intervals, one panel per series. */
export function sobol(data: readonly SobolDatum[]): ChartSpec {
  const series = [...new Set(data.map((d) => d.series))];
  const title = 'Sobol indices: first-order (S1) and total (ST)';
  return {
    name: 'sobol',
    title,
    caption: 'Bars are point estimates; whiskers are 95% bootstrap intervals over the base samples.',
    spec: {
      $schema: SCHEMA,
      title: { text: title },
      config,
      data: { values: data },
      vconcat: series.map((s) => ({
        title: { text: seriesLabel(s), ...PANEL_TITLE },
        width: 600,
        height: 40 * new Set(data.filter((d) => d.series === s).map((d) => d.parameter)).size + 20,
        transform: [{ filter: { field: 'series', equal: s } }],
        encoding: {
          y: { field: 'parameter', type: 'nominal', title: null },
          yOffset: { field: 'index', type: 'nominal', sort: ['S1', 'ST'] },
          color: { field: 'index', type: 'nominal', title: 'Index', scale: { domain: ['S1', 'ST'], range: ['#4c78a8', '#f58518'] } },
        },
        layer: [
          {
            mark: 'bar',
            encoding: {
              x: { field: 'value', type: 'quantitative', title: 'Share of output variance', scale: { zero: true } },
              tooltip: [{ field: 'parameter' }, { field: 'index' }, { field: 'value', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }],
            },
          },
          { mark: { type: 'rule', color: '#333' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
        ],
      })),
      spacing: 28,
    },
  };
}
