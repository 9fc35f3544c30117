import { InputError } from '../scenarios/errors.js';
import { readJson } from '../scenarios/read-json.js';
import type { Scenario } from '../scenarios/schema.js';
import { dayNumber, stepBoundaries } from '../scenarios/calendar.js';
import { writeFolderAtomically } from '../sim/output-folder.js';
import { canonicalJson, scenarioHash } from '../sim/outputs.js';
import type { RunOutput } from '../sim/run.js';
import { windowSums } from '../sim/windows.js';
import { runScenario } from '../sim/run.js';
import { estimate, type Estimate } from '../sim/stats.js';
import type { Executor } from '../sim/tasks.js';
import { baseValue, pointScenario, prepareBase, type BoundParameter } from './load.js';
import { parseWith } from '../scenarios/parse.js';
import { nelderMead } from './nelder-mead.js';
import { calibrationSchema, type Calibration } from './schema.js';

/**
 * Calibration: choose the free parameters that bring simulated figures closest to observed targets. The
 * objective is the weighted mean of squared relative errors, (simulated - target) / target, with the simulated
 * figure the mean over replicates. Every evaluation uses the same seed (common random numbers), so the
 * objective is a deterministic function of the parameters and Nelder-Mead can compare points fairly.
 */

export interface CalibrationPlan {
  file: string;
  calibration: Calibration;
  raw: Record<string, unknown>;
  parameters: BoundParameter[];
  start: number[];
  base: Scenario;
}

export function planCalibration(file: string, options: { agents?: number; raw?: unknown } = {}): CalibrationPlan {
  const input = options.raw ?? readJson(file, 'calibration');
  const adjusted = input && typeof input === 'object' && !Array.isArray(input) && options.agents !== undefined ? { ...input, agents: options.agents } : input;
  const c = parseWith(calibrationSchema, adjusted, file);
  const { raw, scenario, parameters } = prepareBase(file, c.base, c.fixed, c.agents, c.parameters, 'parameters');
  const start = c.parameters.map((p, i) => {
    if (!(p.min < p.max)) throw new InputError(file, [{ path: `parameters[${i}].max`, value: p.max, expected: `expected a number > min (${p.min})` }]);
    const v = p.start ?? baseValue(scenario, parameters[i]);
    if (v < p.min || v > p.max) throw new InputError(file, [{ path: `parameters[${i}].start`, value: v, expected: `expected a start within [${p.min}, ${p.max}] (the base scenario's value is used when start is left out)` }]);
    return v;
  });
  for (const [i, p] of c.parameters.entries()) {
    for (const end of [p.min, p.max]) pointScenario(file, raw, parameters, start.map((v, j) => (j === i ? end : v)), {}, `parameters[${i}] range end ${end}`);
  }
  const base = pointScenario(file, raw, parameters, start, { seed: c.seed, replicates: c.replicates }, 'start');
  const days = stepBoundaries(base.time.start, base.time.steps, base.time.stepUnit, base.time.stepLength);
  c.targets.forEach((t, i) => {
    const [from, to] = [dayNumber(t.from), dayNumber(t.to)];
    if (from < days[0] || to >= days[days.length - 1] || to < from) {
      throw new InputError(file, [{ path: `targets[${i}]`, value: `${t.from} to ${t.to}`, expected: `expected a window inside the simulated horizon (${base.time.start} for ${base.time.steps} ${base.time.stepUnit}s), from not after to` }]);
    }
  });
  return { file, calibration: c, raw, parameters, start, base };
}

export interface TargetFit {
  name: string;
  series: string;
  from: string;
  to: string;
  target: number;
  simulated: Estimate;
  relativeError: number;
  /** The relative error the file accepts for this target. */
  tolerance: number;
  /** Whether the fit misses the target by more than its tolerance (or simulates nothing where something was seen). */
  missed: boolean;
  weight: number;
  source: string;
}

export function targetFits(c: Calibration, out: RunOutput): TargetFit[] {
  return c.targets.map((t) => {
    const simulated = estimate(windowSums(out.scenario, out.replicates, t.series, 'programme', t.from, t.to));
    const relativeError = ((simulated.mean ?? 0) - t.value) / t.value;
    return {
      name: t.name, series: t.series, from: t.from, to: t.to, target: t.value, simulated, relativeError,
      tolerance: t.tolerance, missed: !(Math.abs(relativeError) <= t.tolerance), weight: t.weight, source: t.source,
    };
  });
}

function objective(fits: readonly TargetFit[]): number {
  const w = fits.reduce((s, f) => s + f.weight, 0);
  return fits.reduce((s, f) => s + f.weight * f.relativeError ** 2, 0) / w;
}

export interface CalibrationResult {
  values: number[];
  fitted: Scenario;
  fits: TargetFit[];
  objective: number;
  evaluations: number;
  converged: boolean;
  /** Every evaluation in order: parameter values and objective. */
  trace: Array<{ values: number[]; objective: number }>;
}

export async function calibrate(plan: CalibrationPlan, executor: Executor, o: { signal?: AbortSignal; onEvaluation?: (n: number, max: number) => void } = {}): Promise<CalibrationResult> {
  const c = plan.calibration;
  const ps = c.parameters;
  const toValues = (u: number[]) => u.map((x, i) => ps[i].min + x * (ps[i].max - ps[i].min));
  const scenarioAt = (values: number[]) => pointScenario(plan.file, plan.raw, plan.parameters, values, { seed: c.seed, replicates: c.replicates }, 'calibration point');
  const trace: CalibrationResult['trace'] = [];
  const run = (s: Scenario) => runScenario(s, { executor, twin: false, signal: o.signal, reusePopulations: true });
  const result = await nelderMead(async (u) => {
    const values = toValues(u);
    const value = objective(targetFits(c, await run(scenarioAt(values))));
    trace.push({ values, objective: value });
    o.onEvaluation?.(trace.length, c.method.maxEvaluations);
    return value;
  }, plan.start.map((v, i) => (v - ps[i].min) / (ps[i].max - ps[i].min)), c.method);
  const values = toValues(result.x);
  const fitted = scenarioAt(values);
  const fits = targetFits(c, await run(fitted));
  return { values, fitted, fits, objective: objective(fits), evaluations: result.evaluations, converged: result.converged, trace };
}

export async function writeCalibration(plan: CalibrationPlan, r: CalibrationResult, out: { path: string; force?: boolean }): Promise<void> {
  const c = plan.calibration;
  const report = {
    calibration: { name: c.name, title: c.title, description: c.description, base: c.base, seed: c.seed, replicates: c.replicates, agents: plan.base.population.agents },
    method: {
      name: 'Nelder-Mead on common random numbers',
      objective: 'weighted mean of ((simulated - target) / target)^2; simulated = mean over replicates of the programme arm',
      ...c.method,
    },
    evaluations: r.evaluations,
    converged: r.converged,
    objective: r.objective,
    parameters: c.parameters.map((p, i) => ({ name: p.name, path: p.path, min: p.min, max: p.max, start: plan.start[i], fitted: r.values[i] })),
    targets: r.fits,
    fittedScenarioHash: scenarioHash(r.fitted),
  };
  const trace = [['evaluation', ...c.parameters.map((p) => p.name), 'objective'].join(',')]
    .concat(r.trace.map((t, i) => [i + 1, ...t.values, t.objective].join(','))).join('\n') + '\n';
  await writeFolderAtomically({ path: out.path, kind: 'calibration', force: out.force }, {
    'fitted-scenario.json': JSON.stringify(r.fitted, null, 2) + '\n',
    'fit.json': canonicalJson(report, 2) + '\n',
    'trace.csv': trace,
  });
}
