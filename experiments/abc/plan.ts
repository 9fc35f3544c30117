import { dayNumber, stepBoundaries } from '../../scenarios/calendar.js';
import { InputError, type InputProblem } from '../../scenarios/errors.js';
import { readJson } from '../../scenarios/read-json.js';
import type { Scenario } from '../../scenarios/schema.js';
import { SERIES } from '../../sim/series.js';
import { pointScenario, prepareBase, type BoundParameter } from '../load.js';
import { parseWith } from '../../scenarios/parse.js';
import type { Target } from './distance.js';
import { abcCalibrationSchema, type AbcCalibration, type TargetSpec, type WindowSpec } from './file-schema.js';
import { samplePrior } from './priors.js';
import { abcSettingsSchema, type AbcConfig } from './smc.js';

/**
 * A version 2 calibration read and checked before anything runs: the file against its schema, each case
 * scenario (with its fixed values and agents) against the scenario schema, every parameter path in every
 * scenario it is set in, each prior's far quantiles as scenario values, and every target's series, group and
 * window against its scenario. Problems name the field, the value and what was expected (exit 2).
 */

/** A case scenario ready to be evaluated at any parameter vector. */
export interface CasePlan {
  key: string;
  file: string;
  raw: Record<string, unknown>;
  base: Scenario;
  replicates: number;
  /** The calibration's parameters set in this scenario: their index in the parameter vector, and their binding. */
  parameters: Array<{ index: number; bound: BoundParameter }>;
  /** Whether a target needs the counterfactual twin. */
  twin: boolean;
}

/** A target with its observed value and the sds the distance divides by. */
export interface ResolvedTarget {
  name: string;
  spec: TargetSpec;
  /** The case scenario's index in `cases`. */
  caseIndex: number;
  /** For an observation target, the observation's window. */
  window?: WindowSpec;
  value: number;
  sdObservation: number;
  sdDiscrepancy: number;
  weight: number;
  source: string;
}

export interface AbcPlan {
  file: string;
  calibration: AbcCalibration;
  cases: CasePlan[];
  targets: ResolvedTarget[];
  config: AbcConfig;
  /** The calibration as resolved (scenarios inlined): identical for every shard and resumption of one calibration. */
  resolved: unknown;
}

/** Whether a parsed calibration file is of version 2 (an ABC-SMC calibration). */
export function isAbcCalibrationFile(raw: unknown): boolean {
  return Boolean(raw && typeof raw === 'object' && !Array.isArray(raw) && (raw as { version?: unknown }).version === 2);
}

const TWIN_FIGURES = new Set(['additional_departures', 'deadweight_share', 'removals_counterfactual', 'cost_per_additional_departure', 'net_cost_per_additional_departure']);

// The prior quantiles checked as scenario values: a normal prior has no bounds, so its far tails stand for them.
const FAR_QUANTILES = [1e-6, 1 - 1e-6];

export function planAbcCalibration(file: string, raw: unknown = readJson(file, 'calibration'), o: { agents?: number } = {}): AbcPlan {
  const c = parseWith(abcCalibrationSchema, raw, file);
  const keys = Object.keys(c.scenarios);
  const cases = keys.map((key): CasePlan => {
    const sc = c.scenarios[key];
    const mine = c.parameters.map((p, index) => ({ p, index })).filter(({ p }) => !p.scenarios || p.scenarios.includes(key));
    const base = prepareBase(file, sc.file, sc.fixed, o.agents ?? sc.agents, mine.map(({ p }) => p), `scenarios.${key} parameters`);
    return {
      key, file: sc.file, raw: base.raw, base: base.scenario, replicates: sc.replicates,
      parameters: mine.map(({ p, index }, i) => ({ index, bound: { ...base.parameters[i], at: `parameters[${index}]` } })),
      twin: false,
    };
  });
  for (const cp of cases) {
    for (const { index, bound } of cp.parameters) {
      const prior = c.parameters[index].prior;
      for (const q of FAR_QUANTILES) {
        const v = samplePrior(prior, q);
        const values = cp.parameters.map((x) => (x.index === index ? v : samplePrior(c.parameters[x.index].prior, 0.5)));
        pointScenario(file, cp.raw, cp.parameters.map((x) => x.bound), values, {}, `scenarios.${cp.key}: prior of ${bound.at} at its ${q < 0.5 ? 'lower' : 'upper'} tail (${v})`);
      }
    }
  }
  const targets = c.targets.map((t, i) => resolveTarget(file, c, cases, t, i));
  for (const t of targets) if (needsTwin(t)) cases[t.caseIndex].twin = true;
  const settings = abcSettingsSchema.parse(Object.fromEntries(Object.entries(c.method).filter(([k]) => k in abcSettingsSchema.shape)));
  const config: AbcConfig = {
    parameters: c.parameters.map((p) => ({ name: p.name, prior: p.prior })),
    targets: targets.map((t): Target => ({ value: t.value, sdObservation: t.sdObservation, sdDiscrepancy: t.sdDiscrepancy, weight: t.weight })),
    settings,
  };
  const resolved = { calibration: c, agents: o.agents ?? null, scenarios: Object.fromEntries(cases.map((cp) => [cp.key, cp.base])) };
  return { file, calibration: c, cases, targets, config, resolved };
}

function needsTwin(t: ResolvedTarget): boolean {
  const s = t.spec;
  const arms = [t.window?.arm, s.kind === 'window' ? s.arm : undefined, s.kind === 'share' || s.kind === 'ratio' ? s.numerator.arm : undefined,
    s.kind === 'ratio' ? s.denominator.arm : undefined];
  return arms.some((a) => a === 'counterfactual' || a === 'difference') || (s.kind === 'figure' && TWIN_FIGURES.has(s.figure));
}

function resolveTarget(file: string, c: AbcCalibration, cases: CasePlan[], t: TargetSpec, i: number): ResolvedTarget {
  const at = `targets[${i}]`;
  const caseIndex = cases.findIndex((cp) => cp.key === t.scenario);
  const cp = cases[caseIndex];
  const problems: InputProblem[] = [];
  let window: WindowSpec | undefined;
  let value: number;
  let sd: number | undefined = t.sd;
  let source: string;
  if (t.kind === 'observation') {
    const o = cp.base.observations.find((x) => x.name === t.observation);
    if (!o) {
      throw new InputError(file, [{ path: `${at}.observation`, value: t.observation, expected: `expected the name of an observation of scenario ${t.scenario} (${cp.base.observations.map((x) => x.name).join(', ') || 'it has none'})` }]);
    }
    window = { series: o.series, group: o.group, arm: o.arm, from: o.from, to: o.to };
    value = o.value;
    sd ??= t.relativeSd === undefined ? o.sd : undefined;
    source = o.source;
  } else {
    value = t.value;
    source = t.source;
  }
  const windows: Array<[string, WindowSpec]> = [];
  if (window) windows.push([at, window]);
  if (t.kind === 'window') windows.push([at, t]);
  if (t.kind === 'share' || t.kind === 'ratio') windows.push([`${at}.numerator`, t.numerator]);
  if (t.kind === 'ratio') windows.push([`${at}.denominator`, t.denominator]);
  for (const [path, w] of windows) problems.push(...checkWindow(cp.base, w, path));
  if (t.kind === 'share' && 'persons' in t.denominator && t.denominator.persons !== 'all') {
    const groups = new Set(cp.base.population.groups.map((g) => g.name));
    t.denominator.persons.forEach((g, k) => {
      if (!groups.has(g)) problems.push({ path: `${at}.denominator.persons[${k}]`, value: g, expected: `expected a group of scenario ${t.scenario} (${[...groups].join(', ')})` });
    });
  }
  if (problems.length) throw new InputError(file, problems);
  const sdObservation = sd ?? (t.relativeSd ?? 0) * Math.abs(value);
  const sdDiscrepancy = (t.discrepancy ?? c.discrepancy) * Math.abs(value);
  if (!(sdObservation > 0 || sdDiscrepancy > 0)) {
    throw new InputError(file, [{ path: `${at}.sd`, value: sdObservation, expected: 'expected a positive observation sd or model discrepancy, so that a miss has a finite size' }]);
  }
  return { name: t.name, spec: t, caseIndex, window, value, sdObservation, sdDiscrepancy, weight: t.weight, source };
}

/** A window's series must be a flow (of the group, if one is named) and its days inside the simulated horizon. */
function checkWindow(s: Scenario, w: WindowSpec, at: string): InputProblem[] {
  const problems: InputProblem[] = [];
  const flows = SERIES.filter((d) => d.kind === 'flow' && (w.group === undefined || d.byGroup));
  if (!flows.some((d) => d.name === w.series)) {
    problems.push({ path: `${at}.series`, value: w.series, expected: `expected a flow series${w.group === undefined ? '' : ' kept by group'} (${[...new Set(flows.map((d) => d.name))].join(', ')})` });
  }
  if (w.group !== undefined && !s.population.groups.some((g) => g.name === w.group)) {
    problems.push({ path: `${at}.group`, value: w.group, expected: `expected a group of the scenario (${s.population.groups.map((g) => g.name).join(', ')})` });
  }
  const days = stepBoundaries(s.time.start, s.time.steps, s.time.stepUnit, s.time.stepLength);
  const [from, to] = [dayNumber(w.from), dayNumber(w.to)];
  if (from < days[0] || to >= days[days.length - 1] || to < from) {
    problems.push({ path: `${at}.to`, value: `${w.from} to ${w.to}`, expected: `expected a window inside the simulated horizon of ${s.name} (${s.time.start} for ${s.time.steps} ${s.time.stepUnit}s), from not after to` });
  }
  return problems;
}
