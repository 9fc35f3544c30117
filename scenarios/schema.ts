import { z } from 'zod';
import { GROUP_DEFAULTS, ORIGINS, type Origin } from '../models/groups.js';
import { modelParamsSchema, registryVersion, type ModelParams } from '../models/index.js';
import { valuationSchema } from '../models/valuation.js';
import { dayNumber, stepBoundaries } from './calendar.js';
import { LEVER_NAMES, LEVERS, leverSchedule } from './levers.js';
import { isoDateSchema, LAST_DATE, scheduleOf } from './schedule.js';

/**
 * The scenario file: everything a run depends on besides the CLI's execution settings. Strict: an unknown
 * key is an error, so that a misspelt lever can never be silently ignored. Defaults are documented in
 * models/README.md with their sources.
 */

/**
 * Upper bounds that keep every value where the model's arithmetic is exact enough: sums of money over millions of
 * persons stay far below 2^53, rates and months stay finite through exponentials and annuities.
 */
const MAX_AMOUNT = 1e8;
const MAX_TOTAL = 1e11;
const MAX_RATE = 1e4;
const MAX_MONTHS = 1200;
const money = () => z.number().min(0).max(MAX_AMOUNT, {
  message: `expected at most ${MAX_AMOUNT.toLocaleString('en-US')} per person: larger amounts lose precision when summed over millions of persons`,
});
const share = () => z.number().min(0).max(1);
const rate = () => z.number().min(0).max(MAX_RATE, {
  message: `expected at most ${MAX_RATE.toLocaleString('en-US')} per month: larger rates act within the step anyway and overflow the arithmetic`,
});
const months = () => z.number().min(0).max(MAX_MONTHS, { message: `expected at most ${MAX_MONTHS} months (100 years)` });

const groupOverride = z.strictObject({
  personsMillions: z.number().min(0).max(1e4).optional(),
  wageRatio: z.number().min(1).max(1000).optional(),
  earningsMedian: money().optional(),
  travelCost: money().optional(),
  danger: share().optional(),
  legalPathway: share().optional(),
  protectedShare: share().optional(),
  familyShare: share().optional(),
  yearsMedian: z.number().min(0).max(80).optional(),
});

const groupsSchema = z
  .strictObject(Object.fromEntries(ORIGINS.map((o) => [o, groupOverride.optional()])) as Record<Origin, z.ZodOptional<typeof groupOverride>>)
  .default({});

const populationSchema = z.strictObject({
  persons: z.number().int().positive().max(1e10).default(14_000_000).describe('Persons represented (Pew 2023: 14.0M)'),
  agents: z.number().int().positive().default(1_000_000).describe('Simulated agents; each stands for persons/agents persons'),
  localities: z.number().int().min(1).max(1000).default(40).describe('Localities per origin group; a community is origin x locality'),
  groups: groupsSchema,
  earningsSigma: z.number().min(0).max(3).default(0.4).describe('Log-sd of earnings within a group (assumption)'),
  yearsSigma: z.number().min(0).max(3).default(0.7).describe('Log-sd of years in the US within a group (assumption)'),
  ageMean: z.number().min(18).max(80).default(38).describe('Mean age (assumption close to Pew/MPI profiles)'),
  ageSd: z.number().min(0).max(30).default(11),
  savingsMedian: money().default(1500).describe('Median liquid savings, dollars (assumption)'),
  savingsSigma: z.number().min(0).max(3).default(1.0),
  discountRateMedian: z.number().min(0).max(2).default(0.1).describe('Median annual discount rate (assumption)'),
  discountRateSigma: z.number().min(0).max(3).default(0.5),
  riskBiasMedian: z.number().positive().default(1.5).describe('Median ratio of perceived to actual removal risk (assumption; KFF 2025: 75% worry)'),
  riskBiasSigma: z.number().min(0).max(3).default(0.6),
  trustMean: share().default(0.5).describe('Mean trust that the government keeps its promises (assumption)'),
  trustSd: z.number().min(0).max(0.5).default(0.2),
});

const programmeSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('false: the programme arm equals the counterfactual'),
  start: isoDateSchema.default('2025-03-10').describe('First day agents can register (CBP Home relaunch, 10 Mar 2025)'),
  stipend: scheduleOf(money()).default(0).describe('Dollars paid after confirmed arrival, fixed at registration'),
  travelAssistance: scheduleOf(share()).default(1).describe('Share of the travel cost paid by the programme'),
  paymentDelayDays: scheduleOf(z.number().min(0).max(36_525, { message: 'expected at most 36,525 days (100 years)' })).default(30).describe('Days from confirmed arrival to payment'),
  paymentReliability: scheduleOf(share()).default(0.9).describe('Probability a due stipend is paid (ProPublica, Dec 2025: reports of failures)'),
  adminCostPerDeparture: money().default(1500).describe('Processing cost per assisted departure, dollars (assumption)'),
  advertisingPerMonth: scheduleOf(z.number().min(0).max(MAX_TOTAL, { message: `expected at most ${MAX_TOTAL.toLocaleString('en-US')} a month: larger sums lose precision` }))
    .default(0).describe('Advertising spend, dollars per month'),
  deprioritisation: z.strictObject({
    factor: share().default(0.2).describe('Removal weight of a registered agent relative to an unregistered one'),
    months: months().default(3).describe('How long deprioritisation lasts without departure ("meaningful strides")'),
  }).prefault({}),
  legalReturn: z.strictObject({
    probability: share().default(0).describe('Probability that a programme departer is later allowed back legally'),
    credibility: share().default(0.2).describe('How far agents believe the promise, before personal trust'),
    waitYears: z.number().min(0).max(100).default(5).describe('Years before a legal return'),
    waivesBars: z.boolean().default(false).describe('true: the promise waives the 3- and 10-year re-entry bars'),
  }).prefault({}),
  departureRate: rate().default(0.7).describe('Monthly rate at which registered agents depart'),
  abandonRate: rate().default(0.05).describe('Monthly rate at which registered agents give up'),
});

const enforcementSchema = z.strictObject({
  removalsPerDay: scheduleOf(z.number().min(0).max(1e8, { message: 'expected at most 100,000,000 a day' })).default(742).describe('Removal capacity, persons per day (ICE FY2024: 742)'),
  removalCost: money().default(17121).describe('Cost of one removal, dollars (DHS, 2025)'),
  detentionMonths: months().default(2).describe('Months detained before removal (assumption from 60-73k detained)'),
  thirdCountryShare: share().default(0).describe('Share of removals to a third country'),
  thirdCountryMonths: months().default(24).describe('Extra penalty of third-country removal, months of earnings (assumption)'),
  protectedFactor: share().default(0.15).describe('Removal weight of protected agents (assumption)'),
  recentArrivalFactor: z.number().min(0).max(1000).default(2).describe('Removal weight of agents in the US under 2 years (assumption)'),
});

const informationSchema = z.strictObject({
  newsRate: rate().default(0.025).describe('Monthly rate of learning of the programme from news, once it runs (assumption)'),
  adEffect: rate().default(0.01).describe('Monthly awareness rate per advertising dollar per person per month (assumption)'),
  peerEffect: rate().default(0.1).describe('Monthly awareness rate per unit share of aware peers (assumption)'),
  trustPrior: z.number().positive().max(1e12).default(300).describe('Pseudo-count, in persons per community, of the prior on payment reliability (assumption)'),
  lossAversion: z.number().min(1).max(1000).default(2).describe('Weight of an unpaid stipend against a paid one in trust (assumption)'),
});

const emigrationSchema = z.strictObject({
  baselineAnnualRate: share().default(0.01).describe('Annual rate of leaving for non-economic reasons, with or without the programme (assumption)'),
});

const timeSchema = z.strictObject({
  start: isoDateSchema.describe('First day of the first step'),
  steps: z.number().int().min(1).max(2000).describe('Number of steps'),
  stepUnit: z.enum(['day', 'week', 'month']).default('month'),
  stepLength: z.number().int().min(1).max(12).default(1),
});

/** The scenario as a schema, with the `model` section of the behavioural models registered now. */
function buildScenarioSchema() {
  return z.strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors'),
    version: z.literal(1).describe('Version of the scenario format'),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected lower-case letters, digits and dashes' }),
    title: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    replicates: z.number().int().min(1).max(1000).default(5),
    time: timeSchema,
    population: populationSchema.prefault({}),
    // The registered models' parameters; typed by the contract every model meets (models/model.ts).
    model: modelParamsSchema() as unknown as z.ZodType<ModelParams & Record<string, unknown>, ModelParams & Record<string, unknown>>,
    valuation: valuationSchema.prefault({}),
    programme: programmeSchema.prefault({}),
    enforcement: enforcementSchema.prefault({}),
    information: informationSchema.prefault({}),
    emigration: emigrationSchema.prefault({}),
  }).superRefine((s, ctx) => {
    const start = dayNumber(s.time.start);
    for (const lever of LEVER_NAMES) {
      const sched: unknown = leverSchedule(s, lever);
      // Refinements also run over input that failed elsewhere; only a well-formed schedule is compared.
      const first = Array.isArray(sched) ? (sched[0] as { from?: unknown } | undefined)?.from : undefined;
      if (typeof first === 'string' && dayNumber(first) > start) {
        ctx.addIssue({
          code: 'custom', path: [LEVERS[lever].section, lever, 0, 'from'], input: first,
          message: `expected a date on or before time.start (${s.time.start}), so the lever has a value from the first step`,
        });
      }
    }
    const groups = ORIGINS.map((o) => groupParams(s, o));
    if (groups.every((g) => !(g.personsMillions > 0))) {
      ctx.addIssue({
        code: 'custom', path: ['population', 'groups'], input: s.population.groups,
        message: 'expected at least one group with personsMillions > 0: the groups\' sizes are the population\'s shares',
      });
    }
    const end = horizonEndDay(s.time.start, s.time.steps, s.time.stepUnit, s.time.stepLength);
    if (!(end <= dayNumber(LAST_DATE))) {
      ctx.addIssue({
        code: 'custom', path: ['time', 'steps'], input: s.time.steps,
        message: `expected fewer steps: the horizon would end after ${LAST_DATE}, the last date the model's calendar represents`,
      });
    }
    if (s.population.agents > s.population.persons) {
      ctx.addIssue({
        code: 'custom', path: ['population', 'agents'], input: s.population.agents,
        message: `expected at most population.persons (${s.population.persons}): an agent stands for one person or more`,
      });
    }
  });
}

type ScenarioSchema = ReturnType<typeof buildScenarioSchema>;
let built: { version: number; schema: ScenarioSchema } | undefined;

/** The scenario schema, rebuilt when a behavioural model has been registered since it was last built. */
export function scenarioSchema(): ScenarioSchema {
  if (built?.version !== registryVersion()) built = { version: registryVersion(), schema: buildScenarioSchema() };
  return built.schema;
}

export type Scenario = z.output<ScenarioSchema>;
export type ScenarioInput = z.input<ScenarioSchema>;

export function groupParams(s: Scenario, o: Origin) {
  return { ...GROUP_DEFAULTS[o], ...(s.population.groups[o] ?? {}) };
}

/** The day after the horizon's last day. */
function horizonEndDay(start: string, steps: number, unit: 'day' | 'week' | 'month', length: number): number {
  const days = stepBoundaries(start, steps, unit, length);
  return days[days.length - 1] - 1;
}
