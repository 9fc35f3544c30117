import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileSpec } from '../render.js';
import { fixtureRunData } from '../test-support/run-data.js';
import { costAxisTop } from './additional-departures.js';
import { wrap } from './common.js';
import { buildCharts } from './index.js';
import { ADDITIONAL, PROGRAMME, programmeDeparturesChart } from './programme-departures.js';

type Node = Record<string, unknown>;

/** Every unit or layer node of a spec, through layer, vconcat and hconcat. */
function nodes(spec: unknown): Node[] {
  if (spec === null || typeof spec !== 'object') return [];
  const node = spec as Node;
  const children = ['layer', 'vconcat', 'hconcat'].flatMap((k) => (Array.isArray(node[k]) ? (node[k] as unknown[]) : []));
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

  it('marks every lever change with a labelled rule on every time chart and panel', () => {
    const levers = full.summary.levers;
    for (const chart of buildCharts(full).filter((c) => TIME_CHARTS.includes(c.name))) {
      const panels = nodes(chart.spec).filter((n) => Array.isArray(n.layer) && n.width !== undefined);
      expect(panels.length, chart.name).toBeGreaterThan(0);
      for (const panel of panels) {
        const children = (panel.layer as Node[]).flatMap(nodes);
        const rules = children.filter((n) => markType(n) === 'rule').flatMap(dataValues);
        const labels = children.filter((n) => markType(n) === 'text').flatMap(dataValues);
        for (const lever of levers) {
          expect(rules.some((v) => v.date === lever.date), `${chart.name} rule ${lever.date}`).toBe(true);
          expect(labels.some((v) => v.date === lever.date && v.label === lever.label), `${chart.name} label`).toBe(true);
        }
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
    const values = dataValues(nodes(programmeDeparturesChart(full).spec)[0]);
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

describe('costAxisTop', () => {
  it('leaves headroom above the removal cost and the final values, rounded up to two significant digits', () => {
    const cost = fc.double({ min: 1, max: 1e7, noNaN: true });
    fc.assert(
      fc.property(cost, fc.array(fc.option(cost, { nil: null }), { maxLength: 3 }), (removal, finals) => {
        const highest = 1.5 * Math.max(removal, ...finals.filter((v): v is number => v !== null));
        const top = costAxisTop(removal, finals);
        expect(top).toBeGreaterThanOrEqual(highest * (1 - 1e-9));
        expect(top).toBeLessThanOrEqual(highest * 1.1);
        expect(Number(top.toPrecision(2)) / top).toBeCloseTo(1, 9);
      }),
    );
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
