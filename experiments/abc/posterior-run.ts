import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { csvFormatRows } from 'd3-dsv';
import * as z from 'zod';
import { InputError, type InputProblem } from '../../scenarios/errors.js';
import { readJson } from '../../scenarios/read-json.js';
import type { Scenario } from '../../scenarios/schema.js';
import { canonicalJson } from '../../sim/outputs.js';
import { streamKey, uniform } from '../../sim/random/hash.js';
import { bindParameters, pointScenario } from '../load.js';
import { parseWith } from '../../scenarios/parse.js';
import { priorSchema } from './priors.js';
import { pick } from './smc.js';

/**
 * `departure-sim run SCENARIO --posterior CALIBRATION`: each replicate of the scenario runs at parameters drawn
 * from a calibration's posterior (its posterior.json), so that the run's intervals hold the uncertainty of the
 * calibrated parameters as well as simulation noise. Replicate r takes the particle that a counter-based
 * uniform of (seed, r) picks by weight: the same scenario, seed and posterior give the same draws, whatever the
 * number of workers.
 */

/** Stream tag of the posterior draws of a run, apart from the engine's 1 and 2 and the calibration's 3 to 7. */
const POSTERIOR_TAG = 8;

const posteriorFileSchema = z.strictObject({
  format: z.literal('departure-sim posterior'),
  version: z.literal(1),
  calibration: z.string(),
  title: z.string(),
  generation: z.number().int().min(0).nullable(),
  stopped: z.string().nullable(),
  parameters: z.array(z.strictObject({ name: z.string(), path: z.string(), prior: priorSchema, scenarios: z.array(z.string()).nullable() })).min(1),
  scenarios: z.record(z.string(), z.string()),
  particles: z.array(z.strictObject({ theta: z.array(z.number()), weight: z.number().min(0) })),
});
type PosteriorFile = z.output<typeof posteriorFileSchema>;

export interface Posterior {
  /** The posterior.json read. */
  file: string;
  /** Its content as calibrate writes it, copied into the run folder so that the run can be repeated from there. */
  text: string;
  data: PosteriorFile;
}

/** The posterior of a calibration: its output folder, or the posterior.json in it. */
export function readPosterior(path: string): Posterior {
  const file = existsSync(path) && statSync(path).isDirectory() ? join(path, 'posterior.json') : path;
  if (!existsSync(file)) {
    throw new InputError('--posterior', [{ path: '--posterior', value: path, expected: 'expected the output folder of departure-sim calibrate (version 2, ABC-SMC) or the posterior.json in it' }]);
  }
  const raw = readJson(file, 'posterior');
  const format = raw && typeof raw === 'object' ? (raw as { format?: unknown }).format : undefined;
  if (format !== 'departure-sim posterior') {
    // Another file altogether (a calibration file, a scenario): one line, not every field it lacks.
    throw new InputError(file, [{ path: 'format', value: format, expected: 'expected "departure-sim posterior": the posterior.json that departure-sim calibrate writes for an ABC-SMC calibration' }]);
  }
  const data = parseWith(posteriorFileSchema, raw, file);
  const problems: InputProblem[] = data.particles.flatMap((p, k) => p.theta.length === data.parameters.length ? [] : [{
    path: `particles[${k}].theta`, value: p.theta, expected: `expected ${data.parameters.length} values, one per parameter`,
  }]);
  if (data.particles.length === 0 || !(data.particles.reduce((s, p) => s + p.weight, 0) > 0)) {
    problems.push({ path: 'particles', value: data.particles.length, expected: 'expected particles with a positive total weight: the posterior of a calibration that finished at least one generation' });
  }
  if (problems.length) throw new InputError(file, problems);
  return { file, text: `${canonicalJson(data, 2)}\n`, data };
}

export interface PosteriorRun {
  /** The scenario of each replicate, already validated. */
  scenarios: Scenario[];
  /** The particle each replicate drew and its values of the applied parameters. */
  draws: Array<{ replicate: number; particle: number; values: number[] }>;
  /** Parameters set in the run, and those left at the scenario's value (calibrated for other cases only). */
  applied: Array<{ name: string; path: string }>;
  notApplied: Array<{ name: string; path: string; scenarios: string[] }>;
  /** What summary.json says of the posterior. */
  summary: object;
  /** Files for the run folder: the posterior (so the run repeats from the folder) and posterior-draws.csv, a row per replicate. */
  files: Record<string, string>;
}

/**
 * The replicates' scenarios: `raw` is the scenario file as composed with the command line's overrides, `base` the
 * scenario it validates to. Parameters calibrated in every case scenario are applied; one calibrated only for
 * some cases is applied when `caseKey` names one of them, and otherwise left at the scenario's value.
 */
export function planPosteriorRun(scenarioFile: string, raw: Record<string, unknown>, base: Scenario, posterior: Posterior, caseKey?: string): PosteriorRun {
  const post = posterior.data;
  const cases = Object.keys(post.scenarios);
  if (caseKey !== undefined && !cases.includes(caseKey)) {
    throw new InputError('--posterior-case', [{ path: '--posterior-case', value: caseKey, expected: `expected one of the calibration's case scenarios (${cases.join(', ')})` }]);
  }
  const everywhere = (s: string[] | null) => s === null || cases.every((c) => s.includes(c));
  const chosen = post.parameters.map((p, index) => ({ ...p, index, at: `parameters[${index}]` }))
    .filter((p) => everywhere(p.scenarios) || (caseKey !== undefined && p.scenarios!.includes(caseKey)));
  const notApplied = post.parameters.filter((p) => !chosen.some((c) => c.name === p.name)).map((p) => ({ name: p.name, path: p.path, scenarios: p.scenarios ?? [] }));
  const bound = bindParameters(posterior.file, base, chosen, 'parameters');
  let total = 0;
  const cumulative = post.particles.map((p) => (total += p.weight));
  const same = (s: Scenario) => canonicalJson([s.population.agents, s.population.groups.map((g) => g.name), s.time]);
  const draws = Array.from({ length: base.replicates }, (_, replicate) => {
    const particle = pick(cumulative, uniform(streamKey(base.seed, POSTERIOR_TAG, replicate), 0));
    return { replicate, particle, values: chosen.map((p) => post.particles[particle].theta[p.index]) };
  });
  const scenarios = draws.map((d) => {
    const s = pointScenario(scenarioFile, raw, bound, d.values, {}, `replicate ${d.replicate} at particle ${d.particle} of ${posterior.file}`);
    if (same(s) !== same(base)) {
      throw new InputError(posterior.file, [{
        path: 'parameters', value: chosen.map((p) => p.path),
        expected: 'expected parameters that leave the scenario\'s agents, groups and horizon as they are: every replicate must simulate the same population over the same steps',
      }]);
    }
    return s;
  });
  const applied = chosen.map((p) => ({ name: p.name, path: p.path }));
  return {
    scenarios, draws, applied, notApplied,
    summary: {
      calibration: post.calibration, title: post.title, generation: post.generation, particles: post.particles.length,
      sha256: createHash('sha256').update(posterior.text).digest('hex'),
      case: caseKey ?? null, parameters: applied, notApplied,
      draws: 'posterior-draws.csv',
    },
    files: {
      'posterior.json': posterior.text,
      'posterior-draws.csv': `${csvFormatRows([['replicate', 'particle', ...applied.map((p) => p.name)],
        ...draws.map((d) => [String(d.replicate), String(d.particle), ...d.values.map(String)])])}\n`,
    },
  };
}
