import type { Config, TopLevelSpec } from 'vega-lite';
import type { ResultRow } from '../csv.js';
import type { Lever, Summary } from '../summary.js';

/** What every chart builder receives: the parsed outputs of one run. */
export interface RunData {
  rows: ResultRow[];
  summary: Summary;
}

/** A member of a `layer` array, and a member of a `vconcat`/`hconcat` array. */
export type LayerMember = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];
export type ConcatMember = Extract<TopLevelSpec, { vconcat: unknown }>['vconcat'][number];

type UnitMember = Extract<LayerMember, { mark: unknown }>;
type Encoding = NonNullable<UnitMember['encoding']>;

export interface Chart {
  /** File stem: report/<name>.vl.json, .svg, .png, and the element id in index.html. */
  name: string;
  title: string;
  spec: TopLevelSpec;
}

// Named first so resvg and Chromium draw the same face; the generic family is the fallback elsewhere.
export const FONT_FAMILY = 'DejaVu Sans';
const FONT = `${FONT_FAMILY}, sans-serif`;
export const WIDTH = 720;
export const HEIGHT = 280;
export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const config: Config = {
  font: FONT,
  background: '#ffffff',
  padding: 12,
  title: { fontSize: 16, subtitleFontSize: 12, subtitleColor: '#444444', anchor: 'start', offset: 12 },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelColor: '#333333' },
  legend: { orient: 'bottom', direction: 'vertical', labelFontSize: 12, titleFontSize: 12, labelLimit: 700 },
  view: { stroke: null },
  concat: { spacing: 32 },
};

// Counts and dollars run from units to billions; d3's SI suffixes would print "G" for billions.
export const countLabelExpr =
  "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, ',.3~f') + 'M' : abs(datum.value) >= 1e3 ? format(datum.value / 1e3, ',.3~f') + 'k' : format(datum.value, ',.0f')";
export const moneyLabelExpr =
  "abs(datum.value) >= 1e9 ? format(datum.value / 1e9, '$,.3~f') + 'B' : abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '$,.3~f') + 'M' : abs(datum.value) >= 1e3 ? format(datum.value / 1e3, '$,.3~f') + 'k' : format(datum.value, '$,.0f')";

/** Legend entries drawn as short lines, so dashed series show their dash. */
export const lineLegend = { symbolType: 'stroke', symbolStrokeWidth: 2.5, symbolSize: 400 } as const;

/**
 * A line with a dot at each step carrying the tooltip. The dots are a layer of their own rather than the line's
 * `point` option, which would make Vega-Lite draw the dash legend's symbols invisible.
 */
export function lineLayers(encoding: Encoding, mark: { color?: string; clip?: boolean } = {}): LayerMember[] {
  const { tooltip, strokeDash, ...shared } = encoding;
  return [
    { mark: { type: 'line', strokeWidth: 2, ...mark }, encoding: strokeDash ? { ...shared, strokeDash } : shared },
    { mark: { type: 'point', filled: true, size: 14, opacity: 1, ...mark }, encoding: { ...shared, tooltip } },
  ];
}

/** Tooltip rows for a figure with its interval. */
export function estimateTooltip(title: string, format: string) {
  return [
    { field: 'mean', type: 'quantitative' as const, title: `${title} (mean)`, format },
    { field: 'lo95', type: 'quantitative' as const, title: '95% interval, low', format },
    { field: 'hi95', type: 'quantitative' as const, title: '95% interval, high', format },
  ];
}

/** Earliest and latest of some ISO dates. */
export function dateRange(dates: Iterable<string>): [string, string] | undefined {
  let range: [string, string] | undefined;
  for (const d of dates) {
    if (!range) range = [d, d];
    else if (d < range[0]) range[0] = d;
    else if (d > range[1]) range[1] = d;
  }
  return range;
}

/**
 * From the first to the last step date, widened to take in every lever change, so panels with gaps in their data
 * share one time axis and a change late in the last month still has its rule inside the plot.
 */
export function timeDomain(rows: ResultRow[], levers: Lever[]): [string, string] | undefined {
  return dateRange([...rows.map((r) => r.date), ...levers.map((l) => l.date)]);
}

export function dateAxisX(domain: [string, string] | undefined, title = 'Month') {
  return {
    field: 'date',
    type: 'temporal' as const,
    // UTC keeps month boundaries where the CSV puts them, whatever the reader's time zone.
    scale: { type: 'utc' as const, ...(domain ? { domain } : {}) },
    axis: { title, format: '%b %Y', labelAngle: 0, tickCount: { interval: 'month' as const, step: 3 } },
  };
}

export const monthTooltip = { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, title: 'Month' };

/** Rows of one series in one arm, in step order. */
export function seriesRows(rows: ResultRow[], arm: string, series: string): ResultRow[] {
  return rows.filter((r) => r.arm === arm && r.series === series).sort((a, b) => a.step - b.step);
}

export function hasArm(rows: ResultRow[], arm: string): boolean {
  return rows.some((r) => r.arm === arm);
}

function leverLabel(lever: Lever): string {
  if (lever.label) return lever.label;
  return `${lever.lever}: ${typeof lever.value === 'object' ? JSON.stringify(lever.value) : String(lever.value)}`;
}

const LABEL_FONT_SIZE = 10;
const LABEL_ROW_HEIGHT = 12;
// DejaVu Sans averages about 0.62 em per character in these labels; a little over is better than overlap.
const labelWidth = (text: string) => text.length * LABEL_FONT_SIZE * 0.64 + 4;

export interface PlacedLabel {
  row: number;
  /** Right-aligned, ending at its rule, where a left-aligned label would run past the plot. */
  flip: boolean;
}

/**
 * Stacks lever labels above the plot: each goes on the lowest row where it clears the labels already there, so
 * changes days apart (a programme opening and a stipend a week later) never print over each other.
 */
export function placeLeverLabels(levers: Array<{ date: string; label: string }>, domain: [string, string], width: number): PlacedLabel[] {
  const t0 = Date.parse(domain[0]);
  const span = Date.parse(domain[1]) - t0 || 1;
  const rowEnds: number[] = [];
  const order = levers.map((_, i) => i).sort((a, b) => Date.parse(levers[a].date) - Date.parse(levers[b].date));
  const placed: PlacedLabel[] = new Array(levers.length);
  for (const i of order) {
    const x = ((Date.parse(levers[i].date) - t0) / span) * width;
    const w = labelWidth(levers[i].label);
    const flip = x + w > width && x - w >= 0;
    const [start, end] = flip ? [x - w, x] : [x, x + w];
    let row = rowEnds.findIndex((e) => e <= start);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = end;
    placed[i] = { row, flip };
  }
  return placed;
}

/** A dashed rule at each lever change, labelled above the plot so labels never cover data. */
export function leverLayers(levers: Lever[], domain: [string, string] | undefined, width = WIDTH): LayerMember[] {
  if (levers.length === 0) return [];
  const labelled = levers.map((l) => ({ date: l.date, label: leverLabel(l) }));
  const placed = domain ? placeLeverLabels(labelled, domain, width) : labelled.map((_, i) => ({ row: i, flip: false }));
  const values = labelled.map((l, i) => ({ ...l, ...placed[i] }));
  const x = { field: 'date', type: 'temporal' as const, scale: { type: 'utc' as const } };
  const tooltip = [
    { field: 'label', type: 'nominal' as const, title: 'Change' },
    { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonthdate' as const, title: 'Date' },
  ];
  const labelBaseline = { expr: `-4 - ${LABEL_ROW_HEIGHT} * datum.row` };
  return [
    {
      data: { values },
      mark: { type: 'rule', color: '#666666', strokeDash: [4, 3], strokeWidth: 1 },
      // The rule rises to its label's baseline, tying each label to its date.
      encoding: { x, y: { value: labelBaseline }, y2: { value: 'height' }, tooltip },
    },
    {
      data: { values },
      mark: {
        type: 'text',
        align: { expr: "datum.flip ? 'right' : 'left'" },
        baseline: 'bottom',
        dx: { expr: 'datum.flip ? 2 : -2' },
        fontSize: LABEL_FONT_SIZE,
        color: '#444444',
      },
      encoding: { x, y: { value: labelBaseline }, text: { field: 'label' }, tooltip },
    },
  ];
}

/** Breaks a subtitle into lines that fit the chart width, so the title block never widens the image. */
export function wrap(text: string, maxChars = 112): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Turns "ElSalvador" into "El Salvador" for display; the CSV keeps identifiers without spaces. */
export function displayName(identifier: string): string {
  return identifier.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
}
