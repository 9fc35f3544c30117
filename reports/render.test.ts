import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCharts } from './charts/index.js';
import { programmeDeparturesChart } from './charts/programme-departures.js';
import { findDejaVu } from './fonts.js';
import { svgToPng } from './rasterise.js';
import { renderSvg } from './render.js';
import { fixtureRunData } from './test-support/run-data.js';
import { collisions, svgLayout } from './test-support/svg-layout.js';
import { parseFontWidths, textWidth } from './text-metrics.js';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const dejavu = findDejaVu();

function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// These tests are about DejaVu Sans; without it they cannot say anything, so a machine without it must fail them.
describe('rendering in Node', () => {
  it('finds DejaVu Sans (Debian package fonts-dejavu-core)', () => {
    expect(dejavu).not.toBeNull();
  });

  const charts = buildCharts(fixtureRunData());

  it('renders every chart to an SVG whose text is set in DejaVu Sans and whose titles are present', async () => {
    for (const chart of charts) {
      const svg = await renderSvg(chart.spec);
      const families = [...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]);
      expect(families.length, chart.name).toBeGreaterThan(10);
      expect(families.every((f) => f.startsWith('DejaVu Sans')), chart.name).toBe(true);
      expect(svg).toContain(`>${chart.title}</text>`);
    }
  });

  it('lays text out with the font’s own widths, so the image is only as wide as the chart needs', async () => {
    const svg = await renderSvg(charts[0].spec);
    const width = Number(/<svg[^>]*width="([\d.]+)"/.exec(svg)![1]);
    // The plot is 720 px wide; with Vega's 0.8 em guess the subtitle alone would push this past 1000 px.
    expect(width).toBeGreaterThan(720);
    expect(width).toBeLessThan(860);
  });

  it('rasterises to a PNG at twice the SVG size', async () => {
    const svg = await renderSvg(charts[0].spec);
    const png = await svgToPng(svg);
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const [, w, h] = /<svg[^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg)!.map(Number);
    expect(pngSize(png)).toEqual({ width: Math.round(2 * w), height: Math.round(2 * h) });
  });

  it('draws text in the PNG rather than dropping it', async () => {
    const frame = (body: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="40"><rect width="300" height="40" fill="#fff"/>${body}</svg>`;
    const blank = await svgToPng(frame(''));
    const text = await svgToPng(frame('<text x="5" y="28" font-family="DejaVu Sans, sans-serif" font-size="20">Departures $17,121</text>'));
    expect(text.length).toBeGreaterThan(blank.length + 300);
  });
});

describe('lever labels', () => {
  // The schedule of the shipped cbp-home-2025 scenario: eight changes, several only days apart.
  const levers = [
    ['2025-03-01', 'advertising $20.0M/month'],
    ['2025-03-10', 'programme opens'],
    ['2025-05-01', 'removal capacity 950/day'],
    ['2025-05-05', 'stipend $1,000'],
    ['2025-12-01', 'stipend $3,000'],
    ['2026-01-01', 'advertising $10.0M/month'],
    ['2026-01-01', 'stipend $1,000'],
    ['2026-01-21', 'stipend $2,600'],
    ['2027-12-20', 'programme closes'],
  ].map(([date, label]) => ({ date, lever: 'x', value: 0, label }));

  it('never print over each other or under a rule in the rendered chart, and stay above the plot', async () => {
    const svg = await renderSvg(programmeDeparturesChart(fixtureRunData({ levers })).spec);
    const layout = svgLayout(svg);
    expect(collisions(layout)).toEqual([]);
    // The markers are the bold numbers drawn as marks; the rules start at the plot's top edge, below them.
    const plotTop = Math.min(...layout.rules.map((r) => Math.min(r.y1, r.y2)));
    const plotBottom = Math.max(...layout.rules.map((r) => Math.max(r.y1, r.y2)));
    const plotLeft = Math.min(...layout.rules.map((r) => r.x1));
    const numbers = layout.texts.filter((t) => t.role === 'role-mark' && /^\d+$/.test(t.text));
    const markers = numbers.filter((t) => t.bottom <= plotTop);
    const key = numbers.filter((t) => t.top >= plotBottom);
    expect(markers.length + key.length).toBe(numbers.length);
    expect(markers.map((m) => m.text)).toEqual(markers.map((_, i) => String(i + 1)));
    expect(key.map((m) => m.text)).toEqual(markers.map((m) => m.text));
    // The last change sits at the right edge, so its marker stays inside the plot's width instead of leaving it.
    expect(markers[markers.length - 1].right).toBeLessThanOrEqual(plotLeft + 720 + 1e-6);
  });
});

describe('parseFontWidths', () => {
  it('reads DejaVu Sans advance widths: proportional, and about 0.6 em for lower-case text', () => {
    const widths = parseFontWidths(readFileSync(dejavu!.regular));
    expect(widths.unitsPerEm).toBe(2048);
    expect(textWidth(widths, 'M', 10)).toBeGreaterThan(textWidth(widths, 'i', 10));
    const perChar = textWidth(widths, 'programme departures', 10) / 'programme departures'.length;
    expect(perChar).toBeGreaterThan(5);
    expect(perChar).toBeLessThan(7);
  });
});
