import * as z from 'zod';
import { isoDateSchema } from '../scenarios/schedule.js';

/**
 * Experiment and calibration files. Strict like scenarios: an unknown key is an error. A parameter names a
 * numeric value inside the base scenario by path; what it may take is checked against the scenario schema
 * itself when the design is built (every point's scenario goes through parseScenario).
 */

const name = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected lower-case letters, digits and dashes' });
const parameterName = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'expected a name of letters, digits and underscores (it becomes a CSV column)' });
const fixedValue = z.union([z.number(), z.string(), z.boolean()]);

const rangeParameter = z.strictObject({
  name: parameterName,
  path: z.string().min(1).describe('Path into the scenario, e.g. programme.stipend or enforcement.removalsPerDay[1].value'),
  min: z.number(),
  max: z.number(),
  /** Grid designs only: evenly spaced levels from min to max. */
  levels: z.number().int().min(2).max(1000).optional(),
  integer: z.boolean().default(false).describe('Round every value to a whole number (counts, days)'),
});

const listParameter = z.strictObject({
  name: parameterName,
  path: z.string().min(1),
  values: z.array(z.number()).min(1),
  integer: z.boolean().default(false),
});

const parameter = z.union([rangeParameter, listParameter]);
export type Parameter = z.output<typeof parameter>;

const design = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('grid'), parameters: z.array(parameter).min(1) }),
  z.strictObject({ kind: z.literal('latin-hypercube'), parameters: z.array(rangeParameter).min(1), samples: z.number().int().min(2), seed: z.number().int().min(0).default(1) }),
  z.strictObject({
    kind: z.literal('morris'), parameters: z.array(rangeParameter).min(1), trajectories: z.number().int().min(2),
    levels: z.number().int().min(2).multipleOf(2).default(4).describe('Grid levels per factor (even, so the step is half the range plus a level)'),
    seed: z.number().int().min(0).default(1),
  }),
  z.strictObject({ kind: z.literal('saltelli'), parameters: z.array(rangeParameter).min(2), samples: z.number().int().min(2), seed: z.number().int().min(0).default(1) }),
]);
export type Design = z.output<typeof design>;

const common = {
  version: z.literal(1),
  name,
  title: z.string().min(1),
  description: z.string().default(''),
  base: z.string().min(1).describe('Base scenario file, relative to this file'),
  fixed: z.record(z.string(), fixedValue).default({}).describe('Values set in the base scenario for every point, by path'),
  agents: z.number().int().positive().optional().describe('Agents per run (overrides population.agents)'),
  replicates: z.number().int().min(1).max(1000).default(3),
};

export const experimentSchema = z.strictObject({
  ...common,
  seeds: z.array(z.number().int().min(0).max(2 ** 32 - 1)).min(1).default([1])
    .describe('The seed column: the design is crossed with these seeds; every point at one seed shares its random numbers'),
  budget: z.number().int().positive().default(2000).describe('Most runs (points x replicates) allowed'),
  design,
});
export type Experiment = z.output<typeof experimentSchema>;

/** Flow series that a calibration target can sum over a date window, programme arm. */
const TARGET_SERIES = ['registrations', 'departures_assisted', 'departures_unassisted', 'removals', 'abandonments'] as const;

export const calibrationSchema = z.strictObject({
  ...common,
  seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  parameters: z.array(z.strictObject({
    name: parameterName,
    path: z.string().min(1),
    min: z.number(),
    max: z.number(),
    start: z.number().optional().describe('Starting value (default: the base scenario\'s value)'),
  })).min(1),
  targets: z.array(z.strictObject({
    name: parameterName,
    series: z.enum(TARGET_SERIES),
    from: isoDateSchema,
    to: isoDateSchema.describe('Last day counted (inclusive)'),
    value: z.number().positive(),
    weight: z.number().positive().default(1),
    tolerance: z.number().positive().default(0.1).describe('Largest relative error accepted: a fit missing the target by more is reported as a miss'),
    source: z.string().default(''),
  })).min(1),
  method: z.strictObject({
    maxEvaluations: z.number().int().min(3).max(10_000).default(80),
    tolerance: z.number().positive().default(1e-4).describe('Stop when the simplex\'s objective values differ by less'),
    initialStep: z.number().positive().max(1).default(0.15).describe('Initial simplex step, as a share of each range'),
  }).prefault({}),
});
export type Calibration = z.output<typeof calibrationSchema>;
