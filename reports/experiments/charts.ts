/**
 * Vega-Lite specifications of an experiment's charts, with their data inlined so that each spec stands alone.
 * Inputs are plain records, so this module does not depend on how the sweep was run.
 */
import { SCHEMA } from '../charts/common.js';

export interface ChartSpec {
  name: string;
  title: string;
  caption: string;
  spec: Record<string, unknown>;
}

/** One point x series of summary.csv, the parameter values keyed by name. */
export interface SummaryDatum {
  point: number;
  seed: number;
  series: string;
  mean: number | null;
  lo95: number | null;
  hi95: number | null;
  [parameter: string]: number | string | null;
}

export const SERIES_LABELS: Record<string, string> = {
  programme_departures: 'Programme departures (persons)',
  additional_departures: 'Additional departures (persons)',
  cost_per_additional_departure: 'Cost per additional departure ($)',
  removals: 'Removals (persons)',
};

/** Facet rows by series, titled with readable names above each panel. */
const SERIES_ROW = {
  field: 'series', type: 'nominal', title: null,
  header: { labelExpr: `${JSON.stringify(SERIES_LABELS)}[datum.value] || datum.value`, labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelOrient: 'top', labelFontWeight: 'bold' },
};
const DOSE_SERIES = ['programme_departures', 'additional_departures', 'cost_per_additional_departure'];

/** A slider over a parameter's levels: a range input when they are evenly spaced, else a drop-down. */
function levelInput(name: string, levels: readonly number[]): { bind: Record<string, unknown>; tolerance: number } {
  const step = levels.length > 1 ? levels[1] - levels[0] : 1;
  const even = levels.every((v, i) => i === 0 || Math.abs(v - levels[i - 1] - step) <= Math.abs(step) * 1e-9);
  if (even) return { bind: { input: 'range', min: levels[0], max: levels[levels.length - 1], step, name: `${name} ` }, tolerance: Math.abs(step) / 2 };
  return { bind: { input: 'select', options: [...levels], name: `${name} ` }, tolerance: 0 };
}

const distinct = (data: readonly SummaryDatum[], key: string) => [...new Set(data.map((d) => d[key] as number))].sort((a, b) => a - b);

/**
 * Dose-response: each series against the first parameter, mean with its 95% band. With a second parameter a
 * slider picks its level; with one parameter the slider marks a level of the first and labels its value.
 */
export function doseResponse(data: readonly SummaryDatum[], params: readonly string[]): ChartSpec {
  const [x, z] = params;
  const values = data.filter((d) => DOSE_SERIES.includes(d.series));
  const sliderOn = z ?? x;
  const levels = distinct(values, sliderOn);
  const input = levelInput(sliderOn, levels);
  const near = `abs(datum['${sliderOn}'] - pick) <= ${input.tolerance}`;
  const enc = {
    x: { field: x, type: 'quantitative', title: x },
    y: { field: 'mean', type: 'quantitative', title: null, scale: { zero: false } },
  };
  const band = { mark: { type: 'area', opacity: 0.25, color: '#4c78a8' }, encoding: { x: enc.x, y: { field: 'lo95', type: 'quantitative' }, y2: { field: 'hi95' } } };
  const line = {
    mark: { type: 'line', point: true, color: '#4c78a8' },
    encoding: { ...enc, tooltip: [{ field: x, type: 'quantitative' }, ...(z ? [{ field: z, type: 'quantitative' }] : []), { field: 'mean', type: 'quantitative', format: ',.0f' }, { field: 'lo95', type: 'quantitative', format: ',.0f' }, { field: 'hi95', type: 'quantitative', format: ',.0f' }] },
  };
  const layers = z
    ? [band, line]
    : [band, line,
      { transform: [{ filter: near }], mark: { type: 'rule', color: '#e45756', strokeDash: [4, 3] }, encoding: { x: enc.x } },
      { transform: [{ filter: near }], mark: { type: 'text', align: 'left', dx: 6, dy: -8, color: '#e45756' }, encoding: { ...enc, text: { field: 'mean', type: 'quantitative', format: ',.0f' } } }];
  return {
    name: 'dose-response',
    title: `Dose-response against ${x}`,
    caption: z
      ? `Mean over replicates with its 95% interval, against ${x}; the slider chooses the level of ${z}.`
      : `Mean over replicates with its 95% interval, against ${x}; the slider marks one level and prints its mean.`,
    spec: {
      $schema: SCHEMA,
      data: { values },
      params: [{ name: 'pick', value: levels[0], bind: input.bind }],
      transform: z ? [{ filter: near }] : [],
      facet: { row: { ...SERIES_ROW, sort: DOSE_SERIES } },
      spec: { width: 560, height: 170, layer: layers },
      resolve: { scale: { y: 'independent' } },
    },
  };
}

/** Two parameters against each other, coloured by the mean of a series (averaged over any other parameter). */
export function heatmap(data: readonly SummaryDatum[], params: readonly string[], series: string): ChartSpec {
  const [x, y] = params;
  return {
    name: `heatmap-${series.replace(/_/g, '-')}`,
    title: `${SERIES_LABELS[series] ?? series} by ${x} and ${y}`,
    caption: `Each cell is the mean over replicates${params.length > 2 ? ' and over the other parameters' : ''}; blank cells are undefined (no additional departures).`,
    spec: {
      $schema: SCHEMA,
      width: 520, height: 300,
      data: { values: data.filter((d) => d.series === series && d.mean !== null) },
      mark: 'rect',
      encoding: {
        x: { field: x, type: 'ordinal', title: x, sort: 'ascending', axis: { labelAngle: 0 } },
        y: { field: y, type: 'ordinal', title: y, sort: 'descending' },
        color: { aggregate: 'mean', field: 'mean', type: 'quantitative', title: SERIES_LABELS[series] ?? series, scale: { scheme: 'viridis' } },
        tooltip: [{ field: x, type: 'ordinal' }, { field: y, type: 'ordinal' }, { aggregate: 'mean', field: 'mean', type: 'quantitative', format: ',.0f', title: 'mean' }],
      },
    },
  };
}

/** Scatter of each series against each parameter, for designs without a grid (Latin hypercube). */
export function scatter(data: readonly SummaryDatum[], params: readonly string[]): ChartSpec {
  const long = data.filter((d) => DOSE_SERIES.includes(d.series) && d.mean !== null)
    .flatMap((d) => params.map((p) => ({ series: d.series, parameter: p, value: d[p], mean: d.mean })));
  return {
    name: 'scatter',
    title: 'Outputs against each parameter',
    caption: 'One dot per design point (mean over replicates).',
    spec: {
      $schema: SCHEMA,
      data: { values: long },
      facet: { row: { ...SERIES_ROW, sort: DOSE_SERIES }, column: { field: 'parameter', type: 'nominal', title: null } },
      spec: { width: 200, height: 150, mark: { type: 'point', filled: true, opacity: 0.6 }, encoding: { x: { field: 'value', type: 'quantitative', title: null, scale: { zero: false } }, y: { field: 'mean', type: 'quantitative', title: null } } },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    },
  };
}

export interface MorrisDatum { parameter: string; series: string; mu_star: number; sigma: number }

/** Morris screening: mu* (importance) against sigma (interaction or non-linearity), one panel per series. */
export function morris(data: readonly MorrisDatum[]): ChartSpec {
  const enc = {
    x: { field: 'mu_star', type: 'quantitative', title: 'mu* (mean |elementary effect|)' },
    y: { field: 'sigma', type: 'quantitative', title: 'sigma' },
  };
  return {
    name: 'morris',
    title: 'Morris screening: mu* and sigma per parameter',
    caption: 'Elementary effects per unit of each parameter\'s range (output units per full range); parameters far right matter most, high ones interact or act non-linearly.',
    spec: {
      $schema: SCHEMA,
      data: { values: data },
      facet: { row: SERIES_ROW },
      spec: {
        width: 520, height: 200,
        layer: [
          { mark: { type: 'point', filled: true }, encoding: { ...enc, tooltip: [{ field: 'parameter' }, { field: 'mu_star', format: ',.3~g' }, { field: 'sigma', format: ',.3~g' }] } },
          { mark: { type: 'text', align: 'left', dx: 5, fontSize: 10 }, encoding: { ...enc, text: { field: 'parameter' } } },
        ],
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    },
  };
}

export interface SobolDatum { parameter: string; series: string; index: 'S1' | 'ST'; value: number; lo: number; hi: number }

/** First-order and total Sobol indices with their bootstrap intervals, one panel per series. */
export function sobol(data: readonly SobolDatum[]): ChartSpec {
  return {
    name: 'sobol',
    title: 'Sobol indices: first-order (S1) and total (ST)',
    caption: 'Bars are point estimates; whiskers are 95% bootstrap intervals over the base samples.',
    spec: {
      $schema: SCHEMA,
      data: { values: data },
      facet: { row: SERIES_ROW },
      spec: {
        width: 520, height: 160,
        encoding: { y: { field: 'parameter', type: 'nominal', title: null }, yOffset: { field: 'index' }, color: { field: 'index', type: 'nominal', title: 'index' } },
        layer: [
          { mark: 'bar', encoding: { x: { field: 'value', type: 'quantitative', title: 'index' }, tooltip: [{ field: 'parameter' }, { field: 'index' }, { field: 'value', format: '.3f' }, { field: 'lo', format: '.3f' }, { field: 'hi', format: '.3f' }] } },
          { mark: { type: 'rule', color: '#333' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
        ],
      },
    },
  };
}
