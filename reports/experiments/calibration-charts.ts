/**
 * Vega-Lite charts of a Bayesian calibration (experiments/abc/), from plain records: each parameter's posterior
 * against its prior, the posterior of each pair of parameters, the sampler's tolerance, acceptance rate and
 * effective sample size by generation, and the posterior predictive check of every target. Every spec carries
 * its data, so it stands alone (.vl.json, .svg, .png) and draws offline in the report page.
 */
import { config, SCHEMA } from '../charts/common.js';
import type { ChartSpec } from './charts.js';

/** A posterior histogram bar (x0 to x1, density) or a point of the prior's density curve (x, density). */
export interface MarginalDatum {
  parameter: string;
  curve: 'posterior' | 'prior';
  x: number;
  x1?: number;
  density: number;
}

export interface PredictiveDatum {
  target: string;
  scenario: string;
  kind: string;
  observed: number;
  sdObservation: number;
  sdDiscrepancy: number;
  draws: number;
  modelMedian: number | null;
  modelQ05: number | null;
  modelQ95: number | null;
  predictiveQ05: number | null;
  predictiveQ95: number | null;
  inside: boolean | null;
}

export interface CalibrationChartInput {
  /** `log`: drawn on a log axis (a log-uniform prior), with densities per unit of the logarithm. */
  parameters: Array<{ name: string; path: string; log: boolean }>;
  particles: Array<{ theta: number[]; weight: number }>;
  marginals: MarginalDatum[];
  diagnostics: Array<{ generation: number; tolerance: number | null; acceptanceRate: number; ess: number }>;
  predictive: PredictiveDatum[];
}

const POSTERIOR = '#1f5fa8';
const PRIOR = '#9a9a9a';
const OBSERVED = '#c0392b';
const PANEL = 200;

function marginals(d: CalibrationChartInput): ChartSpec {
  const title = 'Posterior and prior of each parameter';
  return {
    name: 'marginals',
    title,
    caption: 'Bars: the posterior (weighted particles of the last generation) as a density; grey line: the prior\'s density. A parameter with a log-uniform prior is drawn on a log axis, with densities per unit of its logarithm (its prior is then flat). A posterior much narrower than its prior means the targets inform the parameter; one that follows the prior means they do not.',
    spec: {
      $schema: SCHEMA, title: { text: title }, config, data: { values: d.marginals },
      hconcat: d.parameters.map((p, i) => ({
        width: PANEL, height: 160,
        transform: [{ filter: { field: 'parameter', equal: p.name } }],
        layer: [
          {
            transform: [{ filter: { field: 'curve', equal: 'posterior' } }],
            mark: { type: 'rect', color: POSTERIOR, opacity: 0.75 },
            encoding: {
              x: { field: 'x', type: 'quantitative', title: [p.name, `(${p.path})`], scale: { zero: false, ...(p.log && { type: 'log' }) }, axis: { tickCount: 4 } },
              x2: { field: 'x1' },
              y: { field: 'density', type: 'quantitative', title: i === 0 ? 'Density' : null, axis: { labels: false, ticks: false } },
              tooltip: [{ field: 'x', title: 'from', format: '.4~g' }, { field: 'x1', title: 'to', format: '.4~g' }, { field: 'density', title: 'posterior density', format: '.3~g' }],
            },
          },
          {
            transform: [{ filter: { field: 'curve', equal: 'prior' } }],
            mark: { type: 'line', color: PRIOR, strokeWidth: 2 },
            encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'density', type: 'quantitative' } },
          },
        ],
      })),
    },
  };
}

function pairs(d: CalibrationChartInput): ChartSpec | null {
  const n = d.parameters.length;
  if (n < 2) return null;
  const rows = d.particles.map((p, k) => ({ particle: k, weight: p.weight, ...Object.fromEntries(d.parameters.map((q, i) => [q.name, p.theta[i]])) }));
  const panels: object[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const [a, b] = [d.parameters[i], d.parameters[j]];
      panels.push({
        width: 180, height: 180,
        mark: { type: 'circle', color: POSTERIOR, opacity: 0.45 },
        encoding: {
          x: { field: a.name, type: 'quantitative', title: a.name, scale: { zero: false }, axis: { tickCount: 4 } },
          y: { field: b.name, type: 'quantitative', title: b.name, scale: { zero: false }, axis: { tickCount: 4 } },
          size: { field: 'weight', type: 'quantitative', legend: null, scale: { range: [6, 90] } },
          tooltip: [{ field: a.name, format: '.4~g' }, { field: b.name, format: '.4~g' }, { field: 'weight', format: '.3~g' }],
        },
      });
    }
  }
  const title = 'Posterior of each pair of parameters';
  const perRow = 4;
  return {
    name: 'pairs',
    title,
    caption: 'One dot per particle of the last generation, its area proportional to its weight. A slanted cloud means the targets inform a combination of the two parameters more than either alone.',
    spec: {
      $schema: SCHEMA, title: { text: title }, config, data: { values: rows },
      vconcat: Array.from({ length: Math.ceil(panels.length / perRow) }, (_, r) => ({ hconcat: panels.slice(r * perRow, (r + 1) * perRow) })),
    },
  };
}

function diagnostics(d: CalibrationChartInput): ChartSpec {
  const rows = d.diagnostics.filter((g) => g.tolerance !== null);
  const title = 'The sampler by generation';
  const panel = (field: string, label: string, format: string, data: object[]) => ({
    width: 200, height: 150, data: { values: data },
    layer: [
      { mark: { type: 'line', color: POSTERIOR, strokeWidth: 2 }, encoding: { x: { field: 'generation', type: 'quantitative', axis: { tickMinStep: 1, format: 'd' } }, y: { field, type: 'quantitative', title: label, scale: { zero: true } } } },
      { mark: { type: 'point', filled: true, color: POSTERIOR }, encoding: { x: { field: 'generation', type: 'quantitative' }, y: { field, type: 'quantitative' }, tooltip: [{ field: 'generation' }, { field, title: label, format }] } },
    ],
  });
  return {
    name: 'diagnostics',
    title,
    caption: 'Tolerance (the largest distance accepted; generation 0 accepts every prior draw), the share of simulations accepted, and the effective sample size of the weighted particles, by generation (diagnostics.csv).',
    spec: {
      $schema: SCHEMA, title: { text: title }, config,
      hconcat: [panel('tolerance', 'Tolerance', '.3~g', rows), panel('acceptanceRate', 'Acceptance rate', '.1%', d.diagnostics), panel('ess', 'Effective sample size', ',.0f', d.diagnostics)],
    },
  };
}

function predictive(d: CalibrationChartInput): ChartSpec {
  const title = 'Posterior predictive check of every target';
  const rows = d.predictive.map((p) => ({ ...p, label: `${p.target} (${p.scenario})` }));
  return {
    name: 'predictive',
    title,
    caption: 'Red diamond: the observed figure. Thick bar: the model\'s 90% interval at parameters drawn from the posterior (simulation noise included), tick at its median. Thin line: the 90% interval of an observation, adding observation error and model discrepancy. An observation outside the thin line is one the calibrated model does not reproduce.',
    spec: {
      $schema: SCHEMA, title: { text: title }, config, data: { values: rows },
      vconcat: rows.map((p) => ({
        width: 560, height: 36,
        transform: [{ filter: { field: 'target', equal: p.target } }],
        encoding: { y: { field: 'label', type: 'nominal', title: null, axis: { labelLimit: 260 } } },
        layer: [
          { mark: { type: 'rule', color: PRIOR, strokeWidth: 2 }, encoding: { x: { field: 'predictiveQ05', type: 'quantitative', title: null, scale: { zero: false } }, x2: { field: 'predictiveQ95' } } },
          { mark: { type: 'bar', color: POSTERIOR, opacity: 0.6, height: 12 }, encoding: { x: { field: 'modelQ05', type: 'quantitative' }, x2: { field: 'modelQ95' } } },
          { mark: { type: 'tick', color: POSTERIOR, thickness: 2, size: 18 }, encoding: { x: { field: 'modelMedian', type: 'quantitative' } } },
          {
            mark: { type: 'point', shape: 'diamond', filled: true, color: OBSERVED, size: 90 },
            encoding: {
              x: { field: 'observed', type: 'quantitative' },
              tooltip: [{ field: 'target' }, { field: 'observed', format: ',.4~g' }, { field: 'modelMedian', title: 'model median', format: ',.4~g' },
                { field: 'modelQ05', title: 'model 5%', format: ',.4~g' }, { field: 'modelQ95', title: 'model 95%', format: ',.4~g' },
                { field: 'predictiveQ05', title: 'observation 5%', format: ',.4~g' }, { field: 'predictiveQ95', title: 'observation 95%', format: ',.4~g' }],
            },
          },
        ],
      })),
    },
  };
}

export function calibrationCharts(d: CalibrationChartInput): ChartSpec[] {
  return [marginals(d), pairs(d), diagnostics(d), ...(d.predictive.length > 0 ? [predictive(d)] : [])].filter((c): c is ChartSpec => c !== null);
}
