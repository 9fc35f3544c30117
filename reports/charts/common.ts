import type { Config, TopLevelSpec } from 'vega-lite';
import type { ResultRow } from '../csv.js';
import type { Lever, Summary } from '../summary.js';
import { currencySymbol } from '../format.js';

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
  // labelSeparation: where Vega thins out labels that would collide, it keeps them this far apart, not touching.
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', labelColor: '#333333', labelSeparation: 6 },
  legend: { orient: 'bottom', direction: 'vertical', labelFontSize: 12, titleFontSize: 12, labelLimit: 700 },
  view: { stroke: null },
  concat: { spacing: 32 },
};

// Counts and dollars run from units to billions; d3's SI suffixes would print "G" for billions.
export const countLabelExpr =
  "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, ',.3~f') + 'M' : abs(datum.value) >= 1e3 ? format(datum.value / 1e3, ',.3~f') + 'k' : format(datum.value, ',.0f')";
/** Axis labels of money in a currency: its sign, then units, thousands (k), millions (M) or billions (B). */
export function moneyLabelExpr(code = 'USD'): string {
  const c = JSON.stringify(currencySymbol(code));
  const scaled = (d: number, suffix: string) => `(datum.value < 0 ? '−' : '') + ${c} + format(abs(datum.value) / ${d}, ',.3~f') + '${suffix}'`;
  return `abs(datum.value) >= 1e9 ? ${scaled(1e9, 'B')} : abs(datum.value) >= 1e6 ? ${scaled(1e6, 'M')} : abs(datum.value) >= 1e3 ? ${scaled(1e3, 'k')} : (datum.value < 0 ? '−' : '') + ${c} + format(abs(datum.value), ',.0f')`;
}


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

/** A time axis labelled every `monthsPerLabel` months: 3 for a full-width plot, more for a narrow panel. */
export function dateAxisX(domain: [string, string] | undefined, title = 'Month', monthsPerLabel = 3) {
  return {
    field: 'date',
    type: 'temporal' as const,
    // UTC keeps month boundaries where the CSV puts them, whatever the reader's time zone.
    scale: { type: 'utc' as const, ...(domain ? { domain } : {}) },
    axis: { title, format: '%b %Y', labelAngle: 0, tickCount: { interval: 'month' as const, step: monthsPerLabel } },
  };
}

export const monthTooltip = { field: 'date', type: 'temporal' as const, timeUnit: 'utcyearmonth' as const, title: 'Month' };

/** Rows of one series in one arm, whole population (a group given: that group only), in step order. */
export function seriesRows(rows: ResultRow[], arm: string, series: string, group = 'all'): ResultRow[] {
  return rows.filter((r) => r.arm === arm && r.series === series && r.group === group).sort((a, b) => a.step - b.step);
}

export function hasArm(rows: ResultRow[], arm: string): boolean {
  return rows.some((r) => r.arm === arm);
}

function leverLabel(lever: Lever): string {
  if (lever.label) return lever.label;
  return `${lever.lever}: ${typeof lever.value === 'object' ? JSON.stringify(lever.value) : String(lever.value)}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2025-03-10" as "10 Mar 2025"; anything else as given. */
export function formatDay(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

const MARKER_FONT_SIZE = 10;
// Bold DejaVu Sans digits are 0.7 em wide; the markers keep a few pixels between them.
const markerWidth = (digits: number) => digits * MARKER_FONT_SIZE * 0.7;
const MARKER_GAP = 4;

export interface LeverCluster {
  /** 1-based: the marker above the plot and the line of the key below it. */
  number: number;
  /** Where the marker sits: the middle of its changes, in pixels from the left edge of the plot. */
  x: number;
  /** The same place as an ISO date-time, for the time scale. */
  date: string;
  changes: Array<{ date: string; label: string }>;
}

/**
 * Groups lever changes whose numbered markers would touch at this plot width (a programme opening and a stipend
 * days later are pixels apart), so each group gets one number above the plot and one line in the key. The
 * numbers are in date order.
 */
export function leverClusters(levers: Lever[], domain: [string, string], width: number): LeverCluster[] {
  const t0 = Date.parse(domain[0]);
  const span = Date.parse(domain[1]) - t0 || 1;
  const changes = levers
    .map((l) => ({ date: l.date, label: leverLabel(l) }))
    .sort((a, b) => Date.parse(a.date) - Date.parse(b.date));
  const w = markerWidth(String(Math.max(1, changes.length)).length);
  const px = (date: string) => Math.min(width, Math.max(0, ((Date.parse(date) - t0) / span) * width));
  let groups = changes.map((c) => [c]);
  const centre = (g: typeof changes) => {
    const mid = (px(g[0].date) + px(g[g.length - 1].date)) / 2;
    return Math.min(width - w / 2, Math.max(w / 2, mid));
  };
  for (let merged = true; merged; ) {
    merged = false;
    for (let i = 0; i + 1 < groups.length; i += 1) {
      if (centre(groups[i + 1]) - centre(groups[i]) < w + MARKER_GAP) {
        groups = [...groups.slice(0, i), [...groups[i], ...groups[i + 1]], ...groups.slice(i + 2)];
        merged = true;
        break;
      }
    }
  }
  return groups.map((g, i) => {
    const x = centre(g);
    return { number: i + 1, x, date: new Date(t0 + (x / width) * span).toISOString(), changes: g };
  });
}

/** One cluster's changes as text: "1 Jan 2026: advertising $10.0M/month; stipend $1,000 · 21 Jan 2026: …". */
function clusterText(cluster: LeverCluster): string {
  const byDate = new Map<string, string[]>();
  for (const c of cluster.changes) byDate.set(c.date, [...(byDate.get(c.date) ?? []), c.label]);
  return [...byDate].map(([date, labels]) => `${formatDay(date)}: ${labels.join('; ')}`).join(' · ');
}

/**
 * A dashed rule at each lever change, from the top of the plot to its foot, and above the plot a number for each
 * group of changes, explained in the key under the chart (leverKey). Rules stop at the plot's top edge and the
 * numbers sit above it, so no rule runs through text and no text covers data.
 */
export function leverLayers(levers: Lever[], domain: [string, string] | undefined, width = WIDTH): LayerMember[] {
  if (levers.length === 0 || !domain) return [];
  const clusters = leverClusters(levers, domain, width);
  const x = { field: 'date', type: 'temporal' as const, scale: { type: 'utc' as const } };
  const rules = clusters.flatMap((c) => c.changes.map((change) => ({ ...change, number: c.number })));
  const markers = clusters.map((c) => ({ date: c.date, number: String(c.number), changes: clusterText(c) }));
  return [
    {
      data: { values: rules },
      mark: { type: 'rule', color: '#666666', strokeDash: [4, 3], strokeWidth: 1 },
      encoding: {
        x,
        y: { value: 0 },
        y2: { value: 'height' },
        tooltip: [
          { field: 'label', type: 'nominal', title: 'Change' },
          { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Date' },
        ],
      },
    },
    {
      data: { values: markers },
      mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -3, fontSize: MARKER_FONT_SIZE, fontWeight: 'bold', color: '#444444' },
      encoding: {
        x,
        y: { value: 0 },
        text: { field: 'number' },
        tooltip: [
          { field: 'number', type: 'nominal', title: 'Marker' },
          { field: 'changes', type: 'nominal', title: 'Changes' },
        ],
      },
    },
  ];
}

const KEY_FONT_SIZE = 11;
const KEY_LINE_HEIGHT = 15;
const KEY_INDENT = 22;

/**
 * The key to the numbered lever markers, as a panel of text to put under the chart: one line (wrapped if long)
 * per number, so labels never compete for the room above the plot. `width` is the plot width the markers were
 * placed for.
 */
export function leverKey(levers: Lever[], domain: [string, string] | undefined, width = WIDTH, keyWidth = width): ConcatMember | undefined {
  if (levers.length === 0 || !domain) return undefined;
  // DejaVu Sans at 11 px averages under 6.6 px a character in this text; 7 keeps lines inside the panel.
  const maxChars = Math.max(30, Math.floor((keyWidth - KEY_INDENT) / (KEY_FONT_SIZE * 0.64)));
  const lines: Array<{ line: number; number: string; text: string }> = [
    { line: 0, number: '', text: 'Dashed vertical lines: scheduled changes of the scenario\'s levers, numbered above the plot.' },
  ];
  for (const c of leverClusters(levers, domain, width)) {
    wrap(clusterText(c), maxChars).forEach((text, i) => lines.push({ line: lines.length, number: i === 0 ? String(c.number) : '', text }));
  }
  const y = { value: { expr: `${KEY_LINE_HEIGHT} * datum.line` } };
  return {
    width: keyWidth,
    height: KEY_LINE_HEIGHT * lines.length,
    data: { values: lines },
    layer: [
      {
        mark: { type: 'text', align: 'right', baseline: 'top', fontSize: KEY_FONT_SIZE, fontWeight: 'bold', color: '#444444' },
        encoding: { x: { value: KEY_INDENT - 8 }, y, text: { field: 'number' } },
      },
      {
        mark: { type: 'text', align: 'left', baseline: 'top', fontSize: KEY_FONT_SIZE, color: '#444444' },
        encoding: { x: { value: { expr: `datum.line === 0 ? 0 : ${KEY_INDENT}` } }, y, text: { field: 'text' } },
      },
    ],
  };
}

/** A band from lo95 to hi95: pale, and broken wherever either end is missing rather than bridged across the gap. */
export function bandLayer(
  x: unknown,
  color: string,
  options: { filter?: string; scale?: Record<string, unknown>; clip?: boolean; fields?: [lo: string, hi: string] } = {},
): LayerMember {
  const [lo, hi] = options.fields ?? ['lo95', 'hi95'];
  return {
    ...(options.filter ? { transform: [{ filter: options.filter }] } : {}),
    // fill-opacity rather than opacity: resvg drops a clipped, half-transparent group far larger than its clip.
    mark: { type: 'area', color, fillOpacity: 0.2, ...(options.clip ? { clip: true } : {}) },
    encoding: {
      x,
      y: { field: lo, type: 'quantitative', ...(options.scale ? { scale: options.scale } : {}) },
      y2: { field: hi },
    },
  } as LayerMember;
}

/**
 * A chart of one or more panels with the key to its lever markers underneath. Legends stay with the panel they
 * belong to, above the key.
 */
export function withLeverKey(panels: ConcatMember[], key: ConcatMember | undefined): Pick<Extract<TopLevelSpec, { vconcat: unknown }>, 'vconcat' | 'resolve'> {
  return {
    vconcat: key ? [...panels, key] : panels,
    resolve: { legend: { color: 'independent', strokeDash: 'independent' } },
  };
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
