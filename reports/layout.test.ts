import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { config, SCHEMA } from './charts/common.js';
import { buildCharts } from './charts/index.js';
import { comparisonCharts } from './compare/charts.js';
import { doseResponse, heatmap, incrementalCost, morris, scatter, sobol, type ChartSpec } from './experiments/charts.js';
import { renderSvg } from './render.js';
import { fixtureRunData } from './test-support/run-data.js';
import { collisions, parseTransform, svgLayout } from './test-support/svg-layout.js';
import { fixtureComparison } from './test-support/comparison-data.js';
import { gridData, lhsData, morrisData, REMOVALS_PER_DAY, slopeData, sobolData, STIPEND, TRUST_PRIOR } from './test-support/sweep-data.js';

/**
 * "No overlapping labels at the default size, checked by rendering": every chart of the run report, the sweep
 * report and the comparison report is drawn to SVG as the report writes it, and the boxes of its text (axis labels, titles, legend
 * entries, annotations, the lever key) are measured with DejaVu Sans' own widths. No two may touch, and no rule
 * drawn as a mark (a lever change, a reference line) may run through text.
 */
async function problems(spec: unknown): Promise<string[]> {
  const layout = svgLayout(await renderSvg(spec as TopLevelSpec));
  expect(layout.texts.length).toBeGreaterThan(1);
  return collisions(layout).map((c) => `${c.where}: ${c.a} / ${c.b}`);
}

// The schedule of the shipped cbp-home-2025 scenario and its closing: eight changes, several only days apart.
const CBP_LEVERS = [
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

// A change every three weeks for two years, with a label long enough to wrap in the key.
const DENSE_LEVERS = Array.from({ length: 35 }, (_, i) => {
  const date = new Date(Date.UTC(2025, 0, 6 + 21 * i)).toISOString().slice(0, 10);
  return { date, lever: 'stipend', value: 1000 + 100 * i, label: i === 3 ? `stipend $${1000 + 100 * i} for sign-ups before the end of the quarter, paid after confirmed arrival, with travel assistance` : `stipend $${(1000 + 100 * i).toLocaleString('en-US')}` };
});

describe('run report charts, rendered, have no overlapping text', () => {
  const variants = {
    'the fixture run': fixtureRunData(),
    'one replicate': fixtureRunData({ replicates: 1 }),
    'no counterfactual twin': fixtureRunData({ counterfactual: false }),
    'the cbp-home-2025 lever schedule': fixtureRunData({ levers: CBP_LEVERS }),
    'a change every three weeks': fixtureRunData({ levers: DENSE_LEVERS }),
    'no lever changes': fixtureRunData({ levers: [] }),
  };
  for (const [variant, run] of Object.entries(variants)) {
    it(variant, async () => {
      for (const chart of buildCharts(run)) expect(await problems(chart.spec), chart.name).toEqual([]);
    });
  }
});

describe('sweep report charts, rendered, have no overlapping text', () => {
  const stipendLevels = Array.from({ length: 11 }, (_, i) => 1000 * i);
  const two = gridData([STIPEND, REMOVALS_PER_DAY], { stipend: stipendLevels, removalsPerDay: [742, 950, 1200, 1500] });
  const charts: Record<string, ChartSpec> = {
    'dose-response, one parameter': doseResponse(gridData([STIPEND], { stipend: stipendLevels }), [STIPEND]),
    'dose-response, two parameters': doseResponse(two, [STIPEND, REMOVALS_PER_DAY]),
    'incremental cost, one parameter': incrementalCost(slopeData(stipendLevels), [STIPEND], 17_121),
    'incremental cost, two parameters': incrementalCost(slopeData(stipendLevels, [742, 950, 1200, 1500]), [STIPEND, REMOVALS_PER_DAY], 17_121),
    'heatmap of additional departures': heatmap(two, [STIPEND, REMOVALS_PER_DAY], 'additional_departures'),
    'heatmap of the cost': heatmap(two, [STIPEND, REMOVALS_PER_DAY], 'cost_per_additional_departure'),
    'heatmap, a fine grid': heatmap(
      gridData([STIPEND, REMOVALS_PER_DAY], { stipend: Array.from({ length: 41 }, (_, i) => 250 * i), removalsPerDay: [742, 1500] }),
      [STIPEND, REMOVALS_PER_DAY],
      'additional_departures',
    ),
    'heatmap with no defined value': heatmap(
      gridData([STIPEND, REMOVALS_PER_DAY], { stipend: [0], removalsPerDay: [742, 1500] }).map((d) => ({ ...d, mean: null, lo95: null, hi95: null })),
      [STIPEND, REMOVALS_PER_DAY],
      'cost_per_additional_departure',
    ),
    'scatter, one parameter': scatter(lhsData([STIPEND], 12), [STIPEND]),
    'scatter, three parameters': scatter(lhsData([STIPEND, REMOVALS_PER_DAY, TRUST_PRIOR], 20), [STIPEND, REMOVALS_PER_DAY, TRUST_PRIOR]),
    'Morris, two parameters': morris(morrisData(['stipend', 'removalsPerDay'])),
    'Morris, twelve parameters': morris(morrisData(Array.from({ length: 12 }, (_, i) => `parameter${i + 1}`))),
    'Sobol, three parameters': sobol(sobolData(['stipend', 'removalsPerDay', 'trustPrior'])),
  };
  for (const [name, chart] of Object.entries(charts)) {
    it(name, async () => {
      expect(await problems(chart.spec), 'page').toEqual([]);
      if (chart.exportSpec) expect(await problems(chart.exportSpec), 'export').toEqual([]);
    });
  }
});

describe('comparison report charts, rendered, have no overlapping text', () => {
  for (const chart of comparisonCharts(fixtureComparison())) {
    it(chart.name, async () => {
      expect(await problems(chart.spec)).toEqual([]);
    });
  }
});

describe('the overlap check', () => {
  it('fails on a deliberately crowded spec: forty tick labels in 200 pixels', async () => {
    const crowded = {
      $schema: SCHEMA,
      config,
      width: 200,
      height: 100,
      data: { values: Array.from({ length: 40 }, (_, i) => ({ x: 1000 * i, y: i })) },
      mark: 'point',
      encoding: {
        x: { field: 'x', type: 'quantitative', axis: { tickCount: 40, labelOverlap: false, format: ',d' } },
        y: { field: 'y', type: 'quantitative' },
      },
    };
    const found = await problems(crowded);
    expect(found.length).toBeGreaterThan(10);
    expect(found[0]).toMatch(/^text over text: "[\d,]+" \(role-axis-label\)/);
  });

  it('fails when labels sit on their rules, as the lever labels used to', async () => {
    const levers = [
      { date: '2025-03-01', label: 'advertising $20.0M/month', row: 0 },
      { date: '2025-03-10', label: 'programme opens', row: 1 },
      { date: '2025-05-05', label: 'stipend $1,000', row: 2 },
    ];
    const x = { field: 'date', type: 'temporal', scale: { domain: ['2025-01-01', '2027-12-01'] } };
    const spec = {
      $schema: SCHEMA,
      config,
      width: 720,
      height: 200,
      data: { values: levers },
      layer: [
        { mark: { type: 'rule', strokeDash: [4, 3] }, encoding: { x, y: { value: { expr: '-4 - 12 * datum.row' } }, y2: { value: 200 } } },
        { mark: { type: 'text', align: 'left', baseline: 'bottom', dx: -2, fontSize: 10 }, encoding: { x, y: { value: { expr: '-4 - 12 * datum.row' } }, text: { field: 'label' } } },
      ],
    };
    const found = await problems(spec);
    expect(found.some((p) => p.startsWith('rule through text: "advertising $20.0M/month"'))).toBe(true);
  });

  it('counts labels that touch without a gap, like "0%0.5%"', () => {
    const svg = (x2: number) =>
      `<svg><g transform="translate(10,20)"><g class="mark-text role-axis-label"><text text-anchor="start" transform="translate(0,16)" font-size="11px">0%</text>` +
      `<text text-anchor="start" transform="translate(${x2},16)" font-size="11px">0.5%</text></g></g></svg>`;
    expect(collisions(svgLayout(svg(18)))).toHaveLength(1);
    expect(collisions(svgLayout(svg(25)))).toEqual([]);
  });

  it('places rotated and multi-line text where the SVG draws it', () => {
    const layout = svgLayout(
      '<svg><g transform="translate(100,50)"><text text-anchor="middle" transform="translate(-40,100) rotate(-90)" font-size="10px">Persons</text>' +
        '<text text-anchor="start" transform="translate(0,0)" font-size="10px"><tspan>first</tspan><tspan x="0" dy="14">second</tspan></text></g></svg>',
    );
    const [rotated, first, second] = layout.texts;
    expect(rotated.right - rotated.left).toBeCloseTo(10, 5);
    expect(rotated.bottom - rotated.top).toBeGreaterThan(30);
    expect((rotated.top + rotated.bottom) / 2).toBeCloseTo(150, 5);
    expect(second.top - first.top).toBeCloseTo(14, 5);
    expect(parseTransform('translate(3,4) rotate(90)')).toEqual([expect.closeTo(0, 9), 1, -1, expect.closeTo(0, 9), 3, 4]);
  });
});
