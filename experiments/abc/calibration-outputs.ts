import { csvFormatRows } from 'd3-dsv';
import type { TopLevelSpec } from 'vega-lite';
import { calibrationCharts, type MarginalDatum, type PredictiveDatum } from '../../reports/experiments/calibration-charts.js';
import { experimentHtml } from '../../reports/experiments/page.js';
import { chartFiles } from '../../reports/chart-files.js';
import { vendorScripts } from '../../reports/vendor.js';
import { canonicalJson } from '../../sim/outputs.js';
import { noisySummary, PREDICTIVE } from './evaluate.js';
import { diagnosticsCsv, generationRows, particlesCsv, posteriorSummaries, summaryCsv, weightedQuantile, type ParameterSummary } from './outputs.js';
import type { AbcPlan } from './plan.js';
import type { EvaluationFile } from './records.js';
import { fromWorkingScale, logWorkingDensity, samplePrior, toWorkingScale, type Prior } from './priors.js';
import { posterior, type AbcState } from './smc.js';

/**
 * Every output of a finished calibration, from its state (recomputed from the records) and its predictive
 * records alone: the same bytes however it was run. Numbers as String(x), the shortest text that reads back
 * to the same double.
 */

const cell = (x: number | null | undefined) => (x !== null && x !== undefined && Number.isFinite(x) ? String(x) : '');
const csv = (rows: string[][]) => `${csvFormatRows(rows)}\n`;

/** The last generation, one row per particle, with its weight: what `departure-sim run --posterior` draws from. */
export function posteriorCsv(names: readonly string[], state: AbcState): string {
  const g = posterior(state);
  return particlesCsv(names, { ...state, generations: g ? [g] : [] });
}

/**
 * The calibration in one file: how the sampler stopped, each generation's tolerance, acceptance rate and ESS,
 * each parameter's prior and posterior summary, and each target's posterior predictive check.
 */
export function summaryJson(plan: AbcPlan, state: AbcState, summaries: readonly ParameterSummary[], checks: readonly PredictiveDatum[]): string {
  const c = plan.calibration;
  return `${canonicalJson({
    calibration: { name: c.name, title: c.title, method: c.method },
    stopped: state.stopped,
    simulations: state.simulations,
    generations: generationRows(state),
    parameters: c.parameters.map((p, i) => ({ name: p.name, path: p.path, prior: p.prior, posterior: summaries[i] ?? null })),
    predictive: checks,
  }, 2)}\n`;
}

/** The parameters and particles that `run --posterior` needs, with each parameter's path and the cases it is set in. */
export function posteriorJson(plan: AbcPlan, state: AbcState): string {
  const c = plan.calibration;
  const g = posterior(state);
  return `${canonicalJson({
    format: 'departure-sim posterior', version: 1, calibration: c.name, title: c.title,
    generation: g?.generation ?? null, stopped: state.stopped,
    parameters: c.parameters.map((p) => ({ name: p.name, path: p.path, prior: p.prior, scenarios: p.scenarios ?? null })),
    scenarios: Object.fromEntries(Object.entries(c.scenarios).map(([k, s]) => [k, s.file])),
    particles: (g?.particles ?? []).map((p) => ({ theta: p.theta, weight: p.weight })),
  }, 2)}\n`;
}

const quantiles = (xs: readonly number[]) => {
  const sorted = [...xs].sort((a, b) => a - b).map((value) => ({ value, weight: 1 }));
  return sorted.length === 0 ? null : { q05: weightedQuantile(sorted, 0.05), median: weightedQuantile(sorted, 0.5), q95: weightedQuantile(sorted, 0.95) };
};

/**
 * The posterior predictive check of every target: the model's figure at parameters drawn from the posterior
 * (simulation noise included), and the same plus a draw of observation error and discrepancy, which is what an
 * observation would scatter like if the model were right.
 */
export function predictiveData(plan: AbcPlan, records: readonly EvaluationFile[]): PredictiveDatum[] {
  const noisy = records.map((r) => noisySummary(plan, r.model, { generation: PREDICTIVE, index: r.index }, true).mean);
  return plan.targets.map((t, j) => {
    const model = quantiles(records.map((r) => r.model.mean[j]).filter((x): x is number => x !== null));
    const observation = quantiles(noisy.map((m) => m[j]).filter(Number.isFinite));
    return {
      target: t.name, scenario: plan.cases[t.caseIndex].key, kind: t.spec.kind, observed: t.value,
      sdObservation: t.sdObservation, sdDiscrepancy: t.sdDiscrepancy, draws: records.length,
      modelMedian: model?.median ?? null, modelQ05: model?.q05 ?? null, modelQ95: model?.q95 ?? null,
      predictiveQ05: observation?.q05 ?? null, predictiveQ95: observation?.q95 ?? null,
      inside: observation ? observation.q05 <= t.value && t.value <= observation.q95 : null,
    };
  });
}

export function predictiveCsv(rows: readonly PredictiveDatum[]): string {
  return csv([
    ['target', 'scenario', 'kind', 'observed', 'sd_observation', 'sd_discrepancy', 'draws', 'model_median', 'model_q05', 'model_q95', 'predictive_q05', 'predictive_q95', 'observed_inside'],
    ...rows.map((r) => [r.target, r.scenario, r.kind, cell(r.observed), cell(r.sdObservation), cell(r.sdDiscrepancy), String(r.draws), cell(r.modelMedian),
      cell(r.modelQ05), cell(r.modelQ95), cell(r.predictiveQ05), cell(r.predictiveQ95), r.inside === null ? '' : String(r.inside)]),
  ]);
}

export async function calibrationOutputs(plan: AbcPlan, state: AbcState, predictive: readonly EvaluationFile[]): Promise<Record<string, string | Uint8Array>> {
  const c = plan.calibration;
  const names = c.parameters.map((p) => p.name);
  const summaries = posteriorSummaries(names, state);
  const checks = predictiveData(plan, predictive);
  const files: Record<string, string | Uint8Array> = {
    'posterior.csv': posteriorCsv(names, state),
    'posterior.json': posteriorJson(plan, state),
    'posterior-summary.csv': summaryCsv(summaries),
    'particles.csv': particlesCsv(names, state),
    'diagnostics.csv': diagnosticsCsv(state),
    'predictive.csv': predictiveCsv(checks),
    'summary.json': summaryJson(plan, state, summaries, checks),
  };
  const g = posterior(state);
  const charts = g ? calibrationCharts({
    parameters: c.parameters.map((p) => ({ name: p.name, path: p.path, log: p.prior.kind === 'log-uniform' })),
    particles: g.particles.map((p) => ({ theta: p.theta, weight: p.weight })),
    marginals: marginalData(c.parameters, g.particles),
    diagnostics: state.generations.map((x) => ({ generation: x.generation, tolerance: x.tolerance, acceptanceRate: x.particles.length / x.evaluations, ess: x.ess })),
    predictive: checks,
  }) : [];
  const dataFiles = [...Object.keys(files), 'calibration.json'].sort();
  Object.assign(files, await chartFiles(charts.map((chart) => ({ name: chart.name, spec: chart.spec as unknown as TopLevelSpec }))));
  const missed = checks.filter((x) => x.inside === false).map((x) => x.target);
  files['report.html'] = experimentHtml({
    title: c.title,
    description: c.description,
    facts: [
      ['Calibration', `${c.name}: ABC-SMC (adaptive tolerance; Beaumont et al. 2009, Del Moral et al. 2012), ${c.method.particles} particles`],
      ['Cases', plan.cases.map((cp) => `${cp.key}: ${cp.file} (${cp.base.population.agents.toLocaleString('en-US')} agents, ${cp.replicates} replicate${cp.replicates === 1 ? '' : 's'} per evaluation)`).join('; ')],
      ['Stopped', `${state.stopped} after ${state.generations.length} generation${state.generations.length === 1 ? '' : 's'} and ${state.simulations.toLocaleString('en-US')} evaluations`],
      ['Distance', 'root weighted mean of (simulated - observed)^2 / (sd_observation^2 + sd_discrepancy^2 + variance of the replicate mean)'
        + (c.method.observationNoise ? '; each simulated target carries a draw of observation error and discrepancy (noisy ABC)' : '; no observation noise added (the posterior ignores observation error)')],
      ...summaries.map((s): [string, string] => [`Posterior of ${s.parameter}`, `median ${fmt(s.median)}, 90% credible interval ${fmt(s.q05)} to ${fmt(s.q95)} (mean ${fmt(s.mean)}, sd ${fmt(s.sd)})`]),
      ['Posterior predictive check', checks.length === 0 ? 'no predictive simulations' : missed.length === 0
        ? `every observation lies inside its 90% predictive interval (${checks[0].draws} draws)`
        : `outside the 90% predictive interval: ${missed.join(', ')} (${checks[0].draws} draws)`],
    ],
    files: dataFiles,
    charts,
    vendor: await vendorScripts(),
  });
  return files;
}

const fmt = (x: number) => String(Number(x.toPrecision(4)));

const BINS = 20;
const CURVE_POINTS = 100;

/**
 * Each parameter's posterior as a weighted histogram (density), and its prior's density over the range that
 * holds both the particles and the prior's central 99%. Both are taken on the prior's working scale: for a
 * log-uniform prior, bins of equal width in the logarithm and densities per unit of it, drawn on a log axis.
 */
export function marginalData(parameters: ReadonlyArray<{ name: string; prior: Prior }>, particles: ReadonlyArray<{ theta: number[]; weight: number }>): MarginalDatum[] {
  return parameters.flatMap((p, i) => {
    const natural = (y: number) => fromWorkingScale(p.prior, y);
    const ys = particles.map((q) => toWorkingScale(p.prior, q.theta[i]));
    let [lo, hi] = [Math.min(...ys), Math.max(...ys)];
    if (!(hi > lo)) [lo, hi] = [lo - 0.5 * Math.abs(lo || 1) * 1e-3, hi + 0.5 * Math.abs(hi || 1) * 1e-3];
    const width = (hi - lo) / BINS;
    const mass = new Array<number>(BINS).fill(0);
    ys.forEach((y, k) => (mass[Math.min(BINS - 1, Math.floor((y - lo) / width))] += particles[k].weight));
    const bars = mass.map((m, b): MarginalDatum => ({ parameter: p.name, curve: 'posterior', x: natural(lo + b * width), x1: natural(lo + (b + 1) * width), density: m / width }));
    const tail = (u: number) => toWorkingScale(p.prior, samplePrior(p.prior, u));
    const [from, to] = [Math.min(lo, tail(0.005)), Math.max(hi, tail(0.995))];
    const curve = Array.from({ length: CURVE_POINTS + 1 }, (_, k): MarginalDatum => {
      const y = from + ((to - from) * k) / CURVE_POINTS;
      return { parameter: p.name, curve: 'prior', x: natural(y), density: Math.exp(logWorkingDensity(p.prior, y)) };
    });
    return [...bars, ...curve];
  });
}
