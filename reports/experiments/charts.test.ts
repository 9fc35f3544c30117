import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { FONT_FAMILY } from '../charts/common.js';
import { compileSpec, renderSvg } from '../render.js';
import { gridData, lhsData, morrisData, REMOVALS_PER_DAY, slopeData, sobolData, STIPEND, TRUST_PRIOR } from '../test-support/sweep-data.js';
import { doseResponse, heatmap, incrementalCost, morris, parameterTitle, scatter, sobol, type ChartSpec } from './charts.js';
import { experimentHtml } from './page.js';

type Node = Record<string, unknown>;
function nodes(spec: unknown): Node[] {
  if (spec === null || typeof spec !== 'object') return [];
  const node = spec as Node;
  const children = ['layer', 'vconcat', 'hconcat', 'concat'].flatMap((k) => (Array.isArray(node[k]) ? (node[k] as unknown[]) : []));
  return [node, ...children.flatMap(nodes)];
}
const markType = (n: Node) => (typeof n.mark === 'string' ? n.mark : (n.mark as Node | undefined)?.type);
const encoding = (n: Node) => (n.encoding ?? {}) as Record<string, Node>;

const levels = Array.from({ length: 11 }, (_, i) => 1000 * i);
const one = doseResponse(gridData([STIPEND], { stipend: levels }), [STIPEND]);
const twoData = gridData([STIPEND, REMOVALS_PER_DAY], { stipend: levels, removalsPerDay: [742, 1500] });
const two = doseResponse(twoData, [STIPEND, REMOVALS_PER_DAY]);
const all: ChartSpec[] = [
  one,
  two,
  heatmap(twoData, [STIPEND, REMOVALS_PER_DAY], 'additional_departures'),
  heatmap(twoData, [STIPEND, REMOVALS_PER_DAY], 'cost_per_additional_departure'),
  scatter(lhsData([STIPEND, TRUST_PRIOR], 10), [STIPEND, TRUST_PRIOR]),
  morris(morrisData(['stipend', 'removalsPerDay'])),
  sobol(sobolData(['stipend', 'removalsPerDay'])),
  incrementalCost(slopeData(levels), [STIPEND], 17_121),
  incrementalCost(slopeData(levels, [742, 1500]), [STIPEND, REMOVALS_PER_DAY, TRUST_PRIOR], null),
];

describe('sweep charts', () => {
  it('compile without warnings, on the page and as exported', () => {
    for (const chart of all) {
      for (const spec of [chart.spec, chart.exportSpec].filter(Boolean)) {
        expect(compileSpec(spec as unknown as TopLevelSpec).warnings, chart.name).toEqual([]);
      }
    }
  });

  it('carry a title in the run report’s sizes and face, with panel titles no smaller than 13 px', () => {
    for (const chart of all) {
      const spec = chart.spec as Node;
      expect((spec.title as Node).text, chart.name).toBe(chart.title);
      expect(((spec.config as Node).font as string).startsWith(FONT_FAMILY)).toBe(true);
      expect(((spec.config as Node).title as Node).fontSize).toBeGreaterThanOrEqual(16);
      for (const n of nodes(spec).slice(1)) {
        if (n.title && typeof n.title === 'object') expect((n.title as Node).fontSize, chart.name).toBeGreaterThanOrEqual(13);
      }
      expect(JSON.stringify(spec), chart.name).not.toContain('"facet"');
    }
  });

  it('start every output axis at zero', () => {
    for (const chart of [...all.map((c) => c.spec), ...all.flatMap((c) => (c.exportSpec ? [c.exportSpec] : []))]) {
      const ys = nodes(chart).map((n) => encoding(n).y).filter((y) => y?.type === 'quantitative');
      expect(ys.filter((y) => (y.scale as Node | undefined)?.zero === false)).toEqual([]);
      // The layer that draws the axis sets its scale; bands and reference lines share it.
      for (const y of ys.filter((y) => y.axis)) expect((y.scale as Node | undefined)?.zero, JSON.stringify(y)).toBe(true);
      if (ys.length > 0) expect(ys.some((y) => y.axis)).toBe(true);
    }
  });

  it('name the swept parameter with the unit its schema description states', () => {
    expect(parameterTitle(STIPEND)).toBe('stipend (US$)');
    expect(parameterTitle({ ...STIPEND, unit: null })).toBe('stipend');
    const xTitles = nodes(one.spec).map((n) => encoding(n).x?.title).filter(Boolean);
    expect(new Set(xTitles)).toEqual(new Set(['stipend (US$)']));
    expect(one.title).toBe('Dose-response against stipend (US$)');
    const heat = encoding(all[2].spec as Node);
    expect([heat.x.title, heat.y.title]).toEqual(['stipend (US$)', 'removalsPerDay (persons per day)']);
  });

  it('label money in the scenario\'s currency as money, and other levels in full, without exponents', async () => {
    const money = doseResponse(gridData([STIPEND], { stipend: levels }), [{ ...STIPEND, unit: 'USD of 2025' }]);
    expect(await renderSvg(money.exportSpec as unknown as TopLevelSpec)).toContain('>$10k<');
    const plain = doseResponse(gridData([TRUST_PRIOR], { trustPrior: [0, 5000, 10_000] }), [TRUST_PRIOR]);
    const svg = await renderSvg(plain.exportSpec as unknown as TopLevelSpec);
    expect(svg).toContain('>10,000<');
    expect(svg).not.toMatch(/>[\d.]+e\+\d+</);
  });

  it('give the incremental cost a whisker per step with one parameter, a colour per level with two', () => {
    const [single, crossed] = all.slice(-2);
    expect((single.spec.layer as Node[]).map(markType)).toEqual(['rule', 'rule', 'point', 'rule', 'text']);
    expect((crossed.spec.layer as Node[]).map(markType)).toEqual(['rule', 'point']);
    expect(encoding((crossed.spec.layer as Node[])[0]).color.field).toBe('level');
    expect(crossed.caption).toContain('Shown at the lowest level of trustPrior.');
  });

  it('draw the cost of one removal in the cost panel, labelled with its figure', () => {
    for (const chart of [one, two]) {
      for (const spec of [chart.spec, chart.exportSpec!]) {
        const cost = (spec.vconcat as Node[])[2];
        expect((cost.title as Node).text).toBe('Programme spend per additional departure');
        const layers = cost.layer as Node[];
        const rule = layers.find((l) => markType(l) === 'rule' && (l.data as Node | undefined)?.values);
        expect((rule!.data as { values: Node[] }).values[0]).toEqual({ cost: 17_121, label: 'Cost of one removal: $17,121' });
      }
    }
    expect(one.caption).toContain('The black line is the cost of one removal, $17,121.');
    // Where a swept parameter changes the removal cost, it is drawn point by point instead.
    const varying = gridData([STIPEND], { stipend: levels }).map((d) => ({ ...d, removalCost: 15_000 + (d.stipend as number) }));
    const layers = ((doseResponse(varying, [STIPEND]).spec.vconcat as Node[])[2].layer as Node[]);
    expect(layers.some((l) => markType(l) === 'line' && encoding(l).y?.field === 'removalCost')).toBe(true);
  });

  it('export the figure without the slider: one line per level of a second parameter', () => {
    expect(one.spec.params).toBeDefined();
    expect(one.exportSpec!.params).toBeUndefined();
    expect(JSON.stringify(one.exportSpec)).not.toContain('pick');
    const lines = nodes(two.exportSpec).filter((n) => markType(n) === 'line' && encoding(n).color);
    expect(lines.map((l) => encoding(l).color.field)).toEqual(['removalsPerDay', 'removalsPerDay', 'removalsPerDay']);
    expect(JSON.stringify(two.exportSpec)).not.toContain('pick');
  });

  it('link each chart’s PNG, SVG and Vega-Lite files on the page', () => {
    const html = experimentHtml({ title: 't', description: 'd', facts: [], files: ['results.csv'], charts: [one], vendor: [] });
    for (const ext of ['png', 'svg', 'vl.json']) expect(html).toContain(`<a href="dose-response.${ext}">`);
    expect(html).not.toMatch(/<h2>Dose-response/);
  });
});
