import { dirname, resolve } from 'node:path';
import { InputError, type InputProblem } from '../scenarios/errors.js';
import { composeScenario } from '../scenarios/compose.js';
import { readJson } from '../scenarios/read-json.js';
import { parseScenario } from '../scenarios/parse.js';
import type { Scenario } from '../scenarios/schema.js';
import { getPath, parsePath, setPath, type PathKey } from './paths.js';

/** A parameter of an experiment or calibration, with its path split and its place in the file. */
export interface BoundParameter {
  name: string;
  path: string;
  keys: PathKey[];
  /** Where the parameter is declared in the file, for error messages, e.g. `design.parameters[1]`. */
  at: string;
}

/** The base scenario's own value of a parameter (its first value, for a schedule), to hold it while another varies. */
export function baseValue(s: Scenario, p: BoundParameter): number {
  const v = getPath(s, p.keys);
  return typeof v === 'number' ? v : (v as Array<{ value: number }>)[0].value;
}

/** The base scenario as a raw object with the file's `fixed` values and `agents` applied, and its parameters bound. */
export function prepareBase(
  file: string, baseRel: string, fixed: Record<string, unknown>, agents: number | undefined,
  params: ReadonlyArray<{ name: string; path: string }>, paramsAt: string,
): { raw: Record<string, unknown>; scenario: Scenario; parameters: BoundParameter[] } {
  const baseFile = resolve(dirname(file), baseRel);
  // The base with what it builds on (extends, a population file) merged in, so that paths reach every value.
  const raw = composeScenario(baseFile, readJson(baseFile, 'base scenario'));
  const problems: InputProblem[] = [];
  for (const [path, value] of Object.entries(fixed)) {
    const keys = parsePath(path);
    if (!keys || !setPath(raw, keys, value)) problems.push({ path: `fixed["${path}"]`, value, expected: 'expected a path into the scenario such as time.steps' });
  }
  if (agents !== undefined) setPath(raw, ['population', 'agents'], agents);
  if (problems.length) throw new InputError(file, problems);
  let scenario: Scenario;
  try {
    scenario = parseScenario(raw, `${file} (base ${baseRel} with fixed values)`);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(file, e.problems.map((p) => ({ ...p, path: `base scenario: ${p.path}` })));
  }
  return { raw, scenario, parameters: bindParameters(file, scenario, params, paramsAt) };
}

/**
 * Each parameter's path checked against the resolved scenario: it must lead to a number (a schedule counts:
 * setting it to a number makes the lever constant), and names must be unique. A parameter is named in messages
 * by its `at`, or else as `paramsAt[i]`.
 */
export function bindParameters(file: string, scenario: Scenario, params: ReadonlyArray<{ name: string; path: string; at?: string }>,
  paramsAt: string): BoundParameter[] {
  const problems: InputProblem[] = [];
  const parameters: BoundParameter[] = [];
  const names = new Set<string>();
  params.forEach((p, i) => {
    const at = p.at ?? `${paramsAt}[${i}]`;
    const keys = parsePath(p.path);
    const resolved = keys ? getPath(scenario, keys) : undefined;
    const isNumberOrSchedule = typeof resolved === 'number' || (Array.isArray(resolved) && resolved.every((e) => typeof e?.value === 'number'));
    if (!keys || !isNumberOrSchedule) {
      problems.push({ path: `${at}.path`, value: p.path, expected: `expected the path of a numeric value in the scenario (parameter "${p.name}"; e.g. programme.stipend, information.newsRate, enforcement.removalsPerDay[1].value)` });
    }
    if (names.has(p.name)) problems.push({ path: `${at}.name`, value: p.name, expected: 'expected a name not used by another parameter' });
    names.add(p.name);
    parameters.push({ name: p.name, path: p.path, keys: keys ?? [], at });
  });
  if (problems.length) throw new InputError(file, problems);
  return parameters;
}

/**
 * The scenario of one point: the base with the parameter values (and seed) set, validated by the scenario
 * schema; a value the schema rejects is reported against the parameter that set it.
 */
export function pointScenario(
  file: string, raw: Record<string, unknown>, parameters: readonly BoundParameter[], values: readonly number[],
  set: Record<string, unknown>, label: string,
): Scenario {
  const s = structuredClone(raw);
  parameters.forEach((p, i) => setPath(s, p.keys, values[i]));
  for (const [k, v] of Object.entries(set)) s[k] = v;
  try {
    return parseScenario(s, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(file, e.problems.map((prob) => {
      const i = parameters.findIndex((p) => prob.path === p.path || prob.path.startsWith(`${p.path}.`) || prob.path.startsWith(`${p.path}[`));
      const who = i >= 0 ? `${parameters[i].at} (${parameters[i].name} = ${values[i]} at ${parameters[i].path})` : prob.path;
      return { ...prob, path: `${label}: ${who}`, expected: `${prob.expected}${i >= 0 ? ` (scenario path ${prob.path})` : ''}` };
    }));
  }
}
