import { InputError } from '../scenarios/errors.js';
import { readJson } from '../scenarios/read-json.js';
import type { Scenario } from '../scenarios/schema.js';
import { designRows, designSize } from './designs.js';
import { parseScenario } from '../scenarios/parse.js';
import { baseValue, bindParameters, pointScenario, prepareBase, type BoundParameter } from './load.js';
import { parseWith } from '../scenarios/parse.js';
import { experimentSchema, type Experiment } from './schema.js';

/** One run of a sweep: a design row at one seed; point i is design row i mod rows at seed number floor(i / rows). */
export interface Point {
  index: number;
  /** Parameter values in the design's parameter order. */
  values: number[];
  seed: number;
  scenario: Scenario;
}

/** A validated experiment with every point's scenario built; nothing has run yet. */
export interface Plan {
  file: string;
  experiment: Experiment;
  parameters: BoundParameter[];
  points: Point[];
  /** The experiment as resolved (base scenario inlined), identical for every shard of one sweep. */
  resolved: unknown;
}

export interface PlanOptions {
  /** Overrides the file's `agents`. */
  agents?: number;
  replicates?: number;
}

/** The most points a sweep may have: point files are named with six digits, and every point's scenario is held in memory. */
export const MAX_POINTS = 100_000;

export function pointName(index: number): string {
  return `p${String(index).padStart(6, '0')}`;
}

/**
 * Read and check an experiment: the file against its schema, every parameter path, both ends of every range,
 * the budget, and then every point's scenario through the scenario schema, all before anything runs.
 */
export function planExperiment(file: string, options: PlanOptions = {}): Plan {
  const raw = readJson(file, 'experiment');
  const adjusted = raw && typeof raw === 'object' && !Array.isArray(raw)
    ? { ...raw, ...(options.agents !== undefined ? { agents: options.agents } : {}), ...(options.replicates !== undefined ? { replicates: options.replicates } : {}) }
    : raw;
  const experiment = parseWith(experimentSchema, adjusted, file);
  const d = experiment.design;
  const base = prepareBase(file, experiment.base, experiment.fixed, experiment.agents, d.parameters, 'design.parameters');
  const parameters = base.parameters;

  const size = designSize(d) * experiment.seeds.length;
  if (size > MAX_POINTS) {
    throw new InputError(file, [{
      path: 'design', value: `${size.toLocaleString('en-US')} points`,
      expected: `expected at most ${MAX_POINTS.toLocaleString('en-US')} points (design rows x seeds): each point is a whole simulation, and its scenario is built before anything runs`,
    }]);
  }
  const runs = size * experiment.replicates;
  if (runs > experiment.budget) {
    throw new InputError(file, [{
      path: 'budget', value: experiment.budget,
      expected: `expected at least ${runs} runs: the design has ${designSize(d)} rows x ${experiment.seeds.length} seed(s) x ${experiment.replicates} replicates; raise the budget or shrink the design`,
    }]);
  }
  d.parameters.forEach((p, i) => {
    if ('min' in p && !(p.min < p.max)) {
      throw new InputError(file, [{ path: `${parameters[i].at}.max`, value: p.max, expected: `expected a number > min (${p.min}) for parameter "${p.name}"` }]);
    }
  });
  // Check both ends of every range first, so that a bound outside the schema is reported as such.
  for (const [i, p] of d.parameters.entries()) {
    if (!('min' in p)) continue;
    for (const end of [p.min, p.max]) {
      const values = parameters.map((q, j) => (j === i ? end : baseValue(base.scenario, q)));
      pointScenario(file, base.raw, parameters, values, {}, `${parameters[i].at} range end ${end}`);
    }
  }
  const points = designPoints(file, experiment, base.raw, parameters);
  return { file, experiment, parameters, points, resolved: { experiment, baseScenario: base.scenario } };
}

/** Every point's scenario: design rows crossed with the seeds, design rows varying fastest. */
function designPoints(file: string, experiment: Experiment, raw: Record<string, unknown>, parameters: BoundParameter[]): Point[] {
  const points: Point[] = [];
  for (const seed of experiment.seeds) {
    for (const values of designRows(experiment.design)) {
      const index = points.length;
      const scenario = pointScenario(file, raw, parameters, values, { seed, replicates: experiment.replicates }, `point ${index}`);
      points.push({ index, values, seed, scenario });
    }
  }
  return points;
}

/**
 * The plan of a sweep from its folder's experiment.json (the experiment resolved, base scenario inlined): what
 * `merge` checks each point file against, so that a point from another experiment or setting is refused.
 */
export function planFromFolder(experimentJson: string, source: string): Plan {
  let resolved: { experiment?: unknown; baseScenario?: unknown };
  try {
    resolved = JSON.parse(experimentJson);
  } catch (e) {
    throw new InputError(source, [{ path: 'experiment.json', value: experimentJson.slice(0, 40), expected: `expected the JSON a sweep writes (${(e as Error).message})` }]);
  }
  const experiment = parseWith(experimentSchema, resolved.experiment, `${source} experiment.json`);
  const baseScenario = parseScenario(resolved.baseScenario, `${source} experiment.json (baseScenario)`);
  const raw = structuredClone(baseScenario) as unknown as Record<string, unknown>;
  const parameters = bindParameters(source, baseScenario, experiment.design.parameters, 'design.parameters');
  return { file: source, experiment, parameters, points: designPoints(source, experiment, raw, parameters), resolved };
}
