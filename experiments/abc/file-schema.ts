import * as z from 'zod';
import { isoDateSchema } from '../../scenarios/schedule.js';
import { SWEEP_SERIES } from '../measures.js';
import { priorSchema } from './priors.js';
import { abcSettingsSchema } from './smc.js';

/**
 * Calibration files of version 2: Bayesian calibration (ABC-SMC) of named parameters with priors, against
 * targets drawn from several case scenarios at once. Strict like every input: an unknown key is an error.
 * Version 1 files (experiments/schema.ts) are the Nelder-Mead quick mode.
 */

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected lower-case letters, digits and dashes' });
const identifier = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'expected a name of letters, digits and underscores (it becomes a CSV column)' });
const fixedValue = z.union([z.number(), z.string(), z.boolean()]);

const caseScenario = z.strictObject({
  file: z.string().min(1).describe('Scenario file, relative to the calibration file'),
  fixed: z.record(z.string(), fixedValue).default({}).describe('Values set in the scenario for every evaluation, by path (e.g. time.steps)'),
  agents: z.number().int().positive().optional().describe('Agents per run (overrides population.agents)'),
  replicates: z.number().int().min(1).max(100).default(2).describe('Replicates per evaluation: their spread is the simulation noise in the distance'),
});

const parameter = z.strictObject({
  name: identifier,
  path: z.string().min(1).describe('Path into the scenario, e.g. model.statusQuo or enforcement.removalsPerDay[1].value'),
  prior: priorSchema,
  scenarios: z.array(identifier).min(1).optional().describe('The case scenarios this parameter is set in (default: all of them)'),
});

/** A flow series summed over a window of days, as sim/windows.ts computes it. */
const windowSpec = {
  series: z.string().min(1).describe('A flow series of results.csv, e.g. departures_assisted, registrations, removals'),
  group: z.string().min(1).optional().describe('A group\'s series; default: the whole population'),
  arm: z.enum(['programme', 'counterfactual', 'difference']).default('programme'),
  from: isoDateSchema,
  to: isoDateSchema.describe('Last day counted (inclusive)'),
};
const windowSchema = z.strictObject(windowSpec);
export type WindowSpec = z.output<typeof windowSchema>;

/** What was observed, and how uncertain the observation is: sd or relativeSd (a share of the value). */
const observed = {
  value: z.number().describe('The observed figure'),
  sd: z.number().positive().optional().describe('Observation uncertainty: one standard deviation, in the unit of value'),
  relativeSd: z.number().positive().optional().describe('Observation uncertainty as a share of the observed value'),
  source: z.string().default(''),
};
const common = {
  name: identifier,
  scenario: identifier.describe('The case scenario this target is computed from (a key of scenarios)'),
  weight: z.number().positive().default(1).describe('Weight of this target in the distance'),
  discrepancy: z.number().min(0).optional().describe('Model discrepancy as a share of the observed value (default: the file\'s discrepancy)'),
};

export const FIGURES = SWEEP_SERIES.map(([n]) => n) as [string, ...string[]];

const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common, kind: z.literal('observation'),
    observation: identifier.describe('The name of one of the scenario\'s observations: its series, window, value and sd'),
    sd: observed.sd, relativeSd: observed.relativeSd,
  }),
  z.strictObject({ ...common, kind: z.literal('window'), ...windowSpec, ...observed }),
  z.strictObject({
    ...common, kind: z.literal('share'), numerator: windowSchema,
    denominator: z.union([
      z.strictObject({ persons: z.union([z.literal('all'), z.array(z.string().min(1)).min(1)]).describe('Persons at the start: all, or the groups listed') }),
      z.strictObject({ value: z.number().positive().describe('A fixed pool, e.g. the eligible persons the source counts') }),
    ]),
    ...observed,
  }),
  z.strictObject({
    ...common, kind: z.literal('ratio'), numerator: windowSchema, denominator: windowSchema,
    complement: z.boolean().default(false).describe('Compare 1 - ratio instead of the ratio'), ...observed,
  }),
  z.strictObject({
    ...common, kind: z.literal('figure'),
    figure: z.enum(FIGURES).describe('A headline figure at the end of the horizon, per replicate (the series of a sweep)'),
    complement: z.boolean().default(false).describe('Compare 1 - figure, e.g. 1 - deadweight_share for "money decisive for 4%"'),
    ...observed,
  }),
]);
export type TargetSpec = z.output<typeof targetSchema>;

export const abcMethodSchema = abcSettingsSchema.extend({
  kind: z.literal('abc-smc'),
  predictive: z.number().int().min(0).max(10_000).default(50)
    .describe('Posterior predictive simulations at the end: parameter sets drawn from the posterior, each simulated afresh'),
  observationNoise: z.boolean().default(true)
    .describe('Add a draw of the observation error and model discrepancy to each simulated target (noisy ABC, Wilkinson 2013), so that the posterior accounts for them'),
});
export type AbcMethod = z.output<typeof abcMethodSchema>;

export const abcCalibrationSchema = z.strictObject({
  version: z.literal(2),
  name,
  title: z.string().min(1),
  description: z.string().default(''),
  scenarios: z.record(identifier, caseScenario).refine((r) => Object.keys(r).length > 0, { message: 'expected at least one scenario' })
    .describe('The case scenarios, by a short name that targets and parameters refer to'),
  parameters: z.array(parameter).min(1).max(50),
  discrepancy: z.number().min(0).default(0).describe('Model discrepancy of every target, as a share of its observed value: how far a well-tuned model may still be from reality'),
  targets: z.array(targetSchema).min(1).max(200),
  method: abcMethodSchema,
}).superRefine((c, ctx) => {
  const scenarios = new Set(Object.keys(c.scenarios));
  const issue = (path: PropertyKey[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path, input, message });
  const known = `expected one of the scenarios (${[...scenarios].join(', ')})`;
  const names = new Set<string>();
  c.parameters.forEach((p, i) => {
    if (names.has(p.name)) issue(['parameters', i, 'name'], p.name, 'expected a name not used by another parameter');
    names.add(p.name);
    p.scenarios?.forEach((s, k) => {
      if (!scenarios.has(s)) issue(['parameters', i, 'scenarios', k], s, known);
    });
  });
  const targets = new Set<string>();
  c.targets.forEach((t, i) => {
    if (targets.has(t.name)) issue(['targets', i, 'name'], t.name, 'expected a name not used by another target');
    targets.add(t.name);
    if (!scenarios.has(t.scenario)) issue(['targets', i, 'scenario'], t.scenario, known);
    if (t.sd !== undefined && t.relativeSd !== undefined) issue(['targets', i, 'relativeSd'], t.relativeSd, 'expected sd or relativeSd, not both');
    if (t.kind !== 'observation' && t.sd === undefined && t.relativeSd === undefined) {
      issue(['targets', i, 'sd'], undefined, 'expected the observation\'s uncertainty: sd (in the unit of value) or relativeSd (a share of value)');
    }
    if (t.kind !== 'observation' && t.relativeSd !== undefined && t.value === 0) {
      issue(['targets', i, 'relativeSd'], t.relativeSd, 'expected sd for an observed value of 0 (a share of 0 is 0)');
    }
  });
  if (c.method.batchSize > c.method.maxSimulations) {
    issue(['method', 'batchSize'], c.method.batchSize, `expected at most maxSimulations (${c.method.maxSimulations})`);
  }
});
export type AbcCalibration = z.output<typeof abcCalibrationSchema>;
