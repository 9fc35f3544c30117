import { readFile } from 'node:fs/promises';
import * as z from 'zod';

// Only the parts of summary.json (docs/outputs.md) that the report shows are checked; the engine may add more.
const num = z.number().nullable();

const estimateSchema = z.object({ mean: num, lo95: num.optional(), hi95: num.optional() });
export type Estimate = z.infer<typeof estimateSchema>;

// Figures that need the counterfactual twin are null when it is switched off.
const est = estimateSchema.nullable();
const armPair = z.object({ programme: est, counterfactual: est }).nullable();

export const summarySchema = z.looseObject({
  package: z.looseObject({ name: z.string(), version: z.string() }),
  scenario: z.looseObject({
    name: z.string(),
    title: z.string().nullish(),
    description: z.string().nullish(),
    model: z.string().nullish(),
    hash: z.string(),
  }),
  seed: z.union([z.number(), z.string()]),
  replicates: z.number(),
  agents: z.number(),
  weight: z.number(),
  persons: z.number(),
  counterfactual: z.boolean(),
  // Absent in runs written before interval kinds were recorded, whose intervals were of simulation noise only.
  intervalKind: z.enum(['simulation-noise', 'parameters-and-simulation-noise']).optional(),
  intervals: z.string().optional(),
  // With run --posterior: the calibration whose posterior the replicates drew their parameters from.
  posterior: z.looseObject({
    calibration: z.string(),
    title: z.string(),
    parameters: z.array(z.looseObject({ name: z.string(), path: z.string() })),
  }).nullish(),
  horizon: z.looseObject({
    start: z.string(),
    end: z.string(),
    steps: z.number(),
    stepUnit: z.string(),
    stepLength: z.number(),
  }),
  // Absent in runs written before scenario format 2, which were in 2025 US dollars.
  currency: z.looseObject({ code: z.string(), year: z.number(), perUSD2025: z.number() }).optional(),
  headline: z.looseObject({
    programmeDepartures: est,
    additionalDepartures: est,
    deadweightShare: est,
    unassistedDepartures: armPair,
    removals: armPair,
    spend: z.looseObject({
      stipends: est,
      // Due for departures inside the horizon but paid after it; included in `programme`.
      stipendsOwed: est.optional(),
      travel: est,
      admin: est,
      advertising: est,
      programme: est,
      removals: est,
    }),
    costPerAdditionalDeparture: est,
    netCostPerAdditionalDeparture: est,
    naiveCostPerProgrammeDeparture: est,
    removalCost: z.number(),
  }),
  byGroup: z.array(
    z.looseObject({
      group: z.string(),
      persons: z.number(),
      programmeDepartures: est,
      additionalDepartures: est,
      uptakeRate: est,
      deadweightShare: est.optional(),
    }),
  ),
  observations: z.array(z.looseObject({
    name: z.string(), series: z.string(), group: z.string().nullable(), arm: z.string(), from: z.string(), to: z.string(),
    observed: z.number(), sd: z.number(), source: z.string(), simulated: est, standardisedError: z.number().nullable(),
  })).optional(),
  levers: z.array(
    z.looseObject({
      date: z.string(),
      lever: z.string(),
      value: z.unknown(),
      label: z.string().nullish(),
    }),
  ),
  command: z.string(),
  resolvedScenario: z.unknown().optional(),
});
export type Summary = z.infer<typeof summarySchema>;
export type Lever = Summary['levers'][number];

export function parseSummary(json: unknown): Summary {
  const result = summarySchema.safeParse(json);
  if (!result.success) {
    throw new Error(`summary.json does not match docs/outputs.md:\n${z.prettifyError(result.error)}`);
  }
  return result.data;
}

export async function readSummary(path: string): Promise<Summary> {
  return parseSummary(JSON.parse(await readFile(path, 'utf8')));
}
