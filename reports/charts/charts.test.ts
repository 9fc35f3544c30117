import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../render.js';
import { fixtureRunData } from '../test-support/run-data.js';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { parseResultsCsv } from '../csv.js';
import { findDejaVu } from '../fonts.js';
import { renderSvg } from '../render.js';
import { svgLayout } from '../test-support/svg-layout.js';
import { additionalDeparturesChart, costAxis, tickStep } from './additional-departures.js';
import { leverClusters, seriesRows, wrap } from './common.js';
import { cumulativeDeparturesChart } from './cumulative-departures.js';
import { buildCharts } from './index.js';
import { uptakeByOriginChart } from './uptake-by-origin.js';
import { ADDITIONAL, PROGRAMME, programmeDeparturesChart } from './programme-departures.js';

type Node = Record<string, unknown>;

/** Every unit or layer node of a spec, through layer, vconcat, hconcat and concat. */
function nodes(spec: unknown): Node[] {
  if (spec === null || typeof spec !== 'object') return [];
  const node = spec as Node;
  const children = ['layer', 'vconcat', 'hconcat', 'concat'].flatMap((k) => (Array.isArray(node[k]) ? (node[k] as unknown[]) : []));
  return [node, ...children.flatMap(nodes)];
}
const markType = (n: Node) => (typeof n.mark === 'string' ? n.mark : (n.mark as Node | undefined)?.type);
const dataValues = (n: Node) => ((n.data as Node | undefined)?.values ?? []) as Node[];
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const full = fixtureRunData();
const TIME_CHARTS = ['programme-departures', 'cumulative-departures', 'additional-departures', 'spend', 'awareness-trust'];

describe('buildCharts', () => {
  const variants = {
    'five replicates': full,
    'one replicate (no intervals)': fixtureRunData({ replicates: 1 }),
    'no counterfactual twin': fixtureRunData({ counterfactual: false }),
  };
  for (const [variant, run] of Object.entries(variants)) {
    it(`compiles every chart without warnings: ${variant}`, () => {
      for (const chart of buildCharts(run)) {
        const { warnings } = compileSpec(chart.spec);
        expect(warnings, chart.name).toEqual([]);
      }
    });
  }

  it('gives the six charts of the issue, and drops the additional-departures chart without a twin', () => {
    expect(buildCharts(full).map((c) => c.name)).toEqual([
      'programme-departures',
      'cumulative-departures',
      'additional-departures',
      'spend',
      'uptake-by-origin',
      'awareness-trust',
    ]);
    expect(buildCharts(variants['no counterfactual twin']).map((c) => c.name)).not.toContain('additional-departures');
  });

  it('marks every lever change with a rule on every time panel, and explains each numbered marker in a key', () => {
    const levers = full.summary.levers;
    for (const chart of buildCharts(full).filter((c) => TIME_CHARTS.includes(c.name))) {
      const all = nodes(chart.spec);
      const key = all.flatMap(dataValues).filter((v) => 'line' in v);
      const keyText = key.map((v) => v.text).join(' ');
      for (const lever of levers) expect(keyText, chart.name).toContain(lever.label);
      const numbers = key.filter((v) => v.number !== '').map((v) => v.number);
      expect(numbers.length, chart.name).toBeGreaterThan(0);
      const panels = all.filter((n) => Array.isArray(n.layer) && n.width !== undefined && (n.layer as Node[]).some((l) => markType(l) === 'rule'));
      expect(panels.length, chart.name).toBeGreaterThan(0);
      for (const panel of panels) {
        const children = (panel.layer as Node[]).flatMap(nodes);
        const rules = children.filter((n) => markType(n) === 'rule').flatMap(dataValues);
        const markers = children.filter((n) => markType(n) === 'text').flatMap(dataValues);
        for (const lever of levers) expect(rules.some((v) => v.date === lever.date), `${chart.name} rule ${lever.date}`).toBe(true);
        expect(markers.map((m) => m.number), chart.name).toEqual(numbers);
      }
    }
  });

  it("draws the removal cost from summary.headline.removalCost as a labelled rule", () => {
    const run = { ...full, summary: { ...full.summary, headline: { ...full.summary.headline, removalCost: 20_000 } } };
    const chart = buildCharts(run).find((c) => c.name === 'additional-departures')!;
    const reference = nodes(chart.spec).flatMap(dataValues).find((v) => 'cost' in v);
    expect(reference).toEqual({ cost: 20_000, label: 'Cost of one removal: $20,000' });
  });

  it('plots programme departures from the programme arm and additional departures as the sum of the difference flows', () => {
    const values = nodes(programmeDeparturesChart(full).spec).flatMap(dataValues).filter((v) => 'series' in v);
    const at = (arm: string, series: string, step: number) =>
      full.rows.find((r) => r.arm === arm && r.series === series && r.step === step)!.mean!;
    const step = 20;
    const date = full.rows.find((r) => r.step === step)!.date;
    expect(values.find((v) => v.series === PROGRAMME && v.date === date)?.mean).toBe(at('programme', 'departures_assisted', step));
    const additional = ['departures_assisted', 'departures_unassisted', 'removals'].reduce((a, s) => a + at('difference', s, step), 0);
    expect(values.find((v) => v.series === ADDITIONAL && v.date === date)?.mean).toBeCloseTo(additional, 6);
  });

  it('keeps wording neutral', () => {
    const text = buildCharts(full).flatMap((c) => strings(c.spec)).join('\n');
    expect(text).not.toMatch(/illegal|\baliens?\b|self-deport|invasion|amnesty|criminal/i);
  });
});

describe('costAxis', () => {
  it('ends at a labelled tick above 1.5 times the removal cost and the final values, in steps of 1, 2 or 5', () => {
    const cost = fc.double({ min: 1, max: 1e7, noNaN: true });
    fc.assert(
      fc.property(cost, fc.array(fc.option(cost, { nil: null }), { maxLength: 3 }), (removal, finals) => {
        const wanted = 1.5 * Math.max(removal, ...finals.filter((v): v is number => v !== null));
        const { top, ticks } = costAxis(removal, finals);
        const step = tickStep(wanted);
        expect(ticks[0]).toBe(0);
        expect(ticks[ticks.length - 1]).toBe(top);
        expect(top).toBeGreaterThanOrEqual(wanted * (1 - 1e-9));
        expect(top).toBeLessThan(wanted + step * (1 + 1e-9));
        expect(ticks.length).toBeLessThanOrEqual(11);
        const mantissa = Number((step / 10 ** Math.floor(Math.log10(step))).toPrecision(6));
        expect([1, 2, 5]).toContain(mantissa);
        for (let i = 1; i < ticks.length; i += 1) expect(ticks[i] - ticks[i - 1]).toBeCloseTo(step, 6);
      }),
    );
  });

  it('names the top of the axis in the subtitle exactly as its top tick prints it, and the PNG prints every tick', async () => {
    const spec = additionalDeparturesChart(full).spec as unknown as Node;
    const cost = (spec.vconcat as Node[])[1];
    const line = (cost.layer as Node[]).find((l) => markType(l) === 'line')!;
    const y = (line.encoding as Node).y as { scale: { domain: number[] }; axis: { values: number[] } };
    const top = y.scale.domain[1];
    expect(y.axis.values[y.axis.values.length - 1]).toBe(top);
    const subtitle = ((spec.title as Node).subtitle as string[]).join(' ');
    expect(subtitle).toContain(`The axis stops at $${top.toLocaleString('en-US')}`);
    // Drawn, not just specified: Vega thins out a list of tick values longer than its tick count.
    const panel = { ...spec, title: undefined, vconcat: [cost] };
    const labels = svgLayout(await renderSvg(panel as unknown as TopLevelSpec)).texts.filter((t) => t.role === 'role-axis-label').map((t) => t.text);
    const money = (v: number) => (v >= 1e6 ? `$${v / 1e6}M` : v >= 1e3 ? `$${v / 1e3}k` : `$${v}`);
    for (const v of y.axis.values) expect(labels).toContain(money(v));
  });
});

describe('the band of the cost per additional departure', () => {
  const chart = additionalDeparturesChart(full);
  const cost = ((chart.spec as unknown as Node).vconcat as Node[])[1];
  const layers = cost.layer as Node[];
  const band = layers.find((l) => markType(l) === 'area')!;
  const line = layers.find((l) => markType(l) === 'line')!;
  const values = dataValues(cost).filter((v) => v.series === 'Programme spend per additional departure');
  const top = (((line.encoding as Node).y as Node).scale as { domain: number[] }).domain[1];

  it('is drawn only where both ends are defined and the line is on the scale, and centred on the line there', () => {
    expect(values.some((v) => v.bandLo !== null)).toBe(true);
    for (const v of values) {
      const defined = v.mean !== null && v.lo95 !== null && v.hi95 !== null && (v.mean as number) <= top;
      expect(v.bandLo !== null, String(v.date)).toBe(defined);
      expect(v.bandHi !== null, String(v.date)).toBe(defined);
      if (defined) {
        expect(v.bandLo).toBe(v.lo95);
        expect(v.bandHi).toBe(v.hi95);
        // results.csv keeps ten significant digits.
        const mid = ((v.bandLo as number) + (v.bandHi as number)) / 2;
        expect(Math.abs(mid - (v.mean as number))).toBeLessThan(1e-8 * (v.mean as number));
      }
    }
    // Missing ends break the band rather than being filtered out and bridged.
    expect(JSON.stringify(band.transform ?? [])).not.toMatch(/isValid/);
    expect((band.encoding as Node).y).toMatchObject({ field: 'bandLo' });
    expect((band.encoding as Node).y2).toMatchObject({ field: 'bandHi' });
  });

  it('shares the line\'s scale and clipping, and the subtitle says what it is', () => {
    expect(((band.encoding as Node).y as Node).scale).toEqual(((line.encoding as Node).y as Node).scale);
    expect((band.mark as Node).clip).toBe(true);
    expect((line.mark as Node).clip).toBe(true);
    const subtitle = ((((chart.spec as unknown as Node).title as Node).subtitle) as string[]).join(' ');
    expect(subtitle).toMatch(/95% intervals over replicates, which show simulation noise only/);
  });

  it('shows in the PNG, where resvg drops a clipped half-transparent group far larger than its clip', async () => {
    // A run whose early cost intervals are enormous, as with few additional departures.
    const rows = full.rows.map((r) =>
      r.arm === 'difference' && r.series === 'cost_per_additional_departure' && r.mean !== null
        ? { ...r, lo95: r.mean - 400 * (r.hi95! - r.mean), hi95: r.mean + 400 * (r.hi95! - r.mean) }
        : r,
    );
    const spec = additionalDeparturesChart({ ...full, rows }).spec as unknown as Node;
    const panel = { ...spec, title: undefined, vconcat: [(spec.vconcat as Node[])[1]] };
    const dejavu = findDejaVu()!;
    const pixels = new Resvg(await renderSvg(panel as unknown as TopLevelSpec), {
      background: '#ffffff',
      font: { fontFiles: [dejavu.regular], loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans' },
    }).render().pixels;
    // The band's colour, #d95f02 at 20% over white.
    let pale = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (Math.abs(pixels[i] - 247) < 6 && Math.abs(pixels[i + 1] - 223) < 8 && Math.abs(pixels[i + 2] - 204) < 8) pale += 1;
    }
    expect(pale).toBeGreaterThan(2000);
  });
});

describe('cumulative departures', () => {
  it('gives each mode a panel of its own with both arms, on one scale, so crowding-out shows', () => {
    const spec = cumulativeDeparturesChart(full).spec as unknown as Node;
    const panels = nodes(spec).filter((n) => n.width !== undefined && Array.isArray(n.layer) && (n.transform as Node[] | undefined)?.length);
    expect(panels.map((p) => (p.title as Node).text)).toEqual(['All modes', 'Assisted (programme)', 'Unassisted', 'Removed']);
    const domains = panels.map((p) => JSON.stringify(((((p.layer as Node[])[0].encoding as Node).y as Node).scale as Node).domain));
    expect(new Set(domains).size).toBe(1);
    const values = dataValues(spec);
    const unassisted = values.filter((v) => v.mode === 'Unassisted');
    expect(new Set(unassisted.map((v) => v.arm))).toEqual(new Set(['Programme arm', 'Counterfactual (no programme)']));
    const subtitle = (panels[2].title as Node).subtitle as string;
    expect(subtitle).toMatch(/^End of run: programme arm [\d,]+; counterfactual [\d,]+$/);
  });
});

describe('uptake by origin', () => {
  it('gives additional departures a panel and scale of their own, with no legend shared by two blues', () => {
    const spec = uptakeByOriginChart(full).spec as unknown as Node;
    const panels = spec.hconcat as Node[];
    expect(panels.map((p) => (p.title as Node).text)).toEqual(['Uptake rate', 'Programme departures', 'Additional departures']);
    expect(JSON.stringify(spec)).not.toMatch(/"color":\{"field"/);
    const bars = panels.map((p) => (p.layer as Node[])[0]);
    expect(bars.map((b) => ((b.encoding as Node).x as Node).field)).toEqual(['uptake', 'programme', 'additional']);
    expect(new Set(bars.map((b) => (b.mark as Node).color)).size).toBe(2);
  });

  it('drops the additional-departures panel without a counterfactual twin', () => {
    const spec = uptakeByOriginChart(fixtureRunData({ counterfactual: false })).spec as unknown as Node;
    expect((spec.hconcat as Node[]).map((p) => (p.title as Node).text)).toEqual(['Uptake rate', 'Programme departures']);
  });
});

describe('leverClusters', () => {
  it('numbers every change once, in date order, with markers that never touch and stay inside the plot', () => {
    const day = fc.integer({ min: 0, max: 3 * 365 });
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 40 }), fc.integer({ min: 150, max: 900 }), (days, width) => {
        const date = (d: number) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
        const levers = days.map((d, i) => ({ date: date(d), lever: 'x', value: i, label: `change ${i}` }));
        const clusters = leverClusters(levers, [date(0), date(3 * 365)], width);
        expect(clusters.flatMap((c) => c.changes.map((x) => x.label)).sort()).toEqual(levers.map((l) => l.label).sort());
        const dates = clusters.flatMap((c) => c.changes.map((x) => x.date));
        expect(dates).toEqual([...dates].sort());
        const w = String(levers.length).length * 7;
        for (let i = 0; i < clusters.length; i += 1) {
          expect(clusters[i].number).toBe(i + 1);
          expect(clusters[i].x - w / 2).toBeGreaterThanOrEqual(-1e-9);
          expect(clusters[i].x + w / 2).toBeLessThanOrEqual(width + 1e-9);
          if (i > 0) expect(clusters[i].x - clusters[i - 1].x).toBeGreaterThanOrEqual(w + 4 - 1e-9);
        }
      }),
    );
  });
});

describe('series names', () => {
  it('keeps whole-population rows apart from group rows, whatever the group\'s name', () => {
    const rows = parseResultsCsv(
      'period_start,step,arm,group,series,mean,lo95,hi95\n2025-01-01,0,programme,all,departures_assisted,10,,\n2025-01-01,0,programme,Cuba,departures_assisted,3,,\n'
      + '2025-01-01,0,programme,"St. Kitts, Nevis",departures_assisted,1,,\n',
    );
    expect(seriesRows(rows, 'programme', 'departures_assisted').map((r) => r.mean)).toEqual([10]);
    expect(seriesRows(rows, 'programme', 'departures_assisted', 'Cuba').map((r) => r.mean)).toEqual([3]);
    expect(seriesRows(rows, 'programme', 'departures_assisted', 'St. Kitts, Nevis').map((r) => r.mean)).toEqual([1]);
  });
});

describe('wrap', () => {
  it('keeps every word, in order, on lines no longer than the limit unless one word is longer', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', '1', ',', '$'), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.integer({ min: 10, max: 120 }), (words, limit) => {
        const lines = wrap(words.join(' '), limit);
        expect(lines.join(' ')).toBe(words.join(' '));
        for (const line of lines) expect(line.length <= limit || !line.includes(' ')).toBe(true);
      }),
    );
  });
});
