import * as z from 'zod';
import { modelParamsSchema, registryVersion, type ModelParams } from '../models/index.js';
import { valuationSchema } from '../models/valuation.js';
import { dayNumber, stepBoundaries } from './calendar.js';
import { LEVER_NAMES, LEVERS, leverSchedule } from './levers.js';
import { checkPopulation, groupName, populationFields, share, statusName } from './population-schema.js';
import { isoDateSchema, LAST_DATE, scheduleOf } from './schedule.js';
import { withThousands } from './thousands.js';

/**
 * The scenario file, version 2: everything a run depends on besides the CLI's execution settings. Strict: an
 * unknown key is an error, so that a misspelt lever can never be silently ignored. Money is in the scenario's
 * currency; defaults that are money (stated in 2025 US dollars in models/README.md) are converted with the
 * scenario's `currency.perUSD2025`. Defaults are documented in models/README.md with their sources.
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
  message: `expected at most ${withThousands(MAX_AMOUNT)} per person: larger amounts lose precision when summed over millions of persons`,
});
const rate = () => z.number().min(0).max(MAX_RATE, {
  message: `expected at most ${withThousands(MAX_RATE)} per month: larger rates act within the step anyway and overflow the arithmetic`,
});
const months = () => z.number().min(0).max(MAX_MONTHS, { message: `expected at most ${MAX_MONTHS} months (100 years)` });
const days = () => z.number().min(0).max(36_525, { message: 'expected at most 36,525 days (100 years)' });

/** Money defaults in 2025 US dollars, converted to the scenario's currency when the file leaves them out. */
export const USD2025_DEFAULTS = { registrationCost: 1500, adminCostPerDeparture: 1500, savingsMedian: 1500, routeScale: 400, adEffect: 0.01 } as const;

const currencySchema = z.strictObject({
  code: z.string().regex(/^[A-Z]{3}$/, { message: 'expected an ISO 4217 code such as USD, EUR, JPY, SEK' }).default('USD'),
  year: z.number().int().min(1900).max(2199).default(2025).describe('Price year of the scenario\'s amounts'),
  perUSD2025: z.number().positive().max(1e6).default(1)
    .describe('Units of this currency, at this price year, worth one 2025 US dollar (exchange rate and deflator): converts money defaults in, and reports out to 2025 US dollars'),
  source: z.string().default('').describe('Where the exchange rate and deflator come from'),
});

const populationSchema = z.strictObject(populationFields).superRefine((p, ctx) => checkPopulation(p, ctx, []))
  .transform((p) => ({ ...p, persons: p.persons ?? Math.round(p.groups.reduce((a, g) => a + g.persons, 0)) }));

const amountParts = {
  otherAdult: scheduleOf(money()).optional().describe('Per adult of the household beyond the first, scenario currency'),
  child: scheduleOf(money()).optional().describe('Per child, scenario currency'),
  household: scheduleOf(money()).optional().describe('Per household of at least amounts.householdMinSize persons, scenario currency'),
};

const amountsSchema = z.strictObject({
  ...amountParts,
  householdMinSize: z.number().int().min(1).max(255).default(1),
  capAdults: money().optional().describe('Most paid for the adults of one household together (e.g. per couple), scenario currency'),
  capHousehold: money().optional().describe('Most paid to one household, scenario currency'),
  byStatus: z.record(statusName, z.strictObject({ stipend: scheduleOf(money()).optional(), ...amountParts })).default({})
    .describe('Amounts that differ by status, replacing those above for people of that status'),
});

const instalmentSchema = z.strictObject({
  share: z.number().gt(0).max(1).describe('Share of the amount'),
  afterDays: days().describe('Days after confirmed arrival that it is paid'),
});

const offerSchema = z.strictObject({
  registerFrom: isoDateSchema,
  registerBy: isoDateSchema.describe('Last day of registration for the offer'),
  departBy: isoDateSchema.optional().describe('Last day of departure for the offer; a later departure gets the ordinary amount'),
  stipend: money().describe('The amount per person (household head) of the offer, scenario currency'),
  description: z.string().default(''),
});

const programmeSchema = z.strictObject({
  enabled: z.boolean().default(true).describe('false: the programme arm equals the counterfactual'),
  start: isoDateSchema.optional().describe('First day people can register; required when enabled'),
  end: isoDateSchema.optional().describe('Last day people can register; registered people still depart and are paid'),
  stipend: scheduleOf(money()).default(0).describe('Paid after confirmed arrival per person (the household head with households), scenario currency; fixed at registration'),
  amounts: amountsSchema.prefault({}),
  offers: z.array(offerSchema).max(20).default([]).describe('Time-limited amounts, e.g. a higher stipend for those who register and depart by a date'),
  instalments: z.array(instalmentSchema).min(1).max(12).optional()
    .describe('When the amount is paid; default: all of it paymentDelayDays after confirmed arrival'),
  travelAssistance: scheduleOf(share()).default(1).describe('Share of the travel cost paid by the programme'),
  paymentDelayDays: scheduleOf(days()).optional().describe('Days from confirmed arrival to payment (default 0); not with instalments'),
  paymentReliability: scheduleOf(share()).default(1).describe('Probability a due stipend is paid'),
  capitalisedBenefit: share().default(0)
    .describe('Share of the unemployment benefit still due that the programme pays as a lump sum (Spain 2008: 1), added to the amounts'),
  adminCostPerDeparture: money().optional().describe('Processing cost per programme departure, scenario currency (default USD 1,500 of 2025, converted; assumption)'),
  registrationCost: money().optional()
    .describe('Cost of registering for someone with no trust in the authority running it (fear of exposure), scaled by 1 - trust, scenario currency (default USD 1,500 of 2025, converted; calibrated on CBP Home)'),
  advertisingPerMonth: scheduleOf(z.number().min(0).max(MAX_TOTAL, { message: `expected at most ${withThousands(MAX_TOTAL)} a month: larger sums lose precision` }))
    .default(0).describe('Advertising spend, scenario currency per month'),
  eligibility: z.strictObject({
    statuses: z.array(statusName).optional().describe('Statuses that may take part (default: all)'),
    groups: z.array(groupName).optional().describe('Groups that may take part (default: all)'),
    minYears: z.number().min(0).max(100).default(0).describe('Fewest years in the country (whole years at the start plus the time elapsed)'),
    maxYears: z.number().min(0).max(100).optional().describe('Most years in the country, counted likewise'),
    employment: z.enum(['any', 'unemployed', 'employed', 'benefit']).default('any')
      .describe('Who may take part by employment: anyone, the unemployed, the employed, or the unemployed still drawing benefit'),
  }).prefault({}),
  noReturnYears: z.union([z.number().min(0).max(100), z.literal('permanent')]).default(0)
    .describe('Years a programme departer commits not to come back to live or work (or "permanent")'),
  repayOnReturn: z.boolean().default(false).describe('A programme departer who comes back repays the amount'),
  deprioritisation: z.strictObject({
    factor: share().default(1).describe('Removal weight of a registered person relative to an unregistered one (1: none)'),
    months: months().default(0).describe('How long deprioritisation lasts from registration while not yet departed'),
  }).prefault({}),
  legalReturn: z.strictObject({
    probability: share().default(0).describe('Probability that a programme departer is later allowed back legally'),
    credibility: share().default(0.2).describe('How far people believe the promise, before personal trust (assumption)'),
    waitYears: z.number().min(0).max(100).default(5).describe('Years before a legal return'),
    waivesBars: z.boolean().default(false).describe('true: the promise waives the re-entry bars of statuses that have them'),
  }).prefault({}),
  departureRate: rate().default(0.7).describe('Monthly rate at which registered people depart (assumption: a mean lag of about 6 weeks)'),
  abandonRate: rate().default(0.05).describe('Monthly rate at which registered people give up (assumption)'),
});

const enforcementSchema = z.strictObject({
  removalsPerDay: scheduleOf(z.number().min(0).max(1e8, { message: 'expected at most 100,000,000 a day' })).default(0).describe('Removal capacity, persons per day'),
  removalCost: money().default(0).describe('Cost of one removal (per person), scenario currency'),
  detentionMonths: months().default(2).describe('Months of earnings lost to detention before removal (assumption)'),
  thirdCountryShare: share().default(0).describe('Share of removals to a third country'),
  thirdCountryMonths: months().default(24).describe('Extra penalty of third-country removal, months of earnings (assumption)'),
  recentArrivalFactor: z.number().min(0).max(1000).default(2).describe('Removal weight of people under 2 years in the country, relative to others of their status (assumption)'),
});

const informationSchema = z.strictObject({
  initialAwareness: share().default(0).describe('Share aware of the programme when it opens (one that ran before the horizon)'),
  outreach: scheduleOf(share()).default(0).describe('Share of eligible people an agency contacts each month (letters, counselling), who then know of the programme'),
  newsShock: rate().default(0).describe('Extra awareness in a step in which a programme lever changes or a change is announced, as a one-off rate (assumption)'),
  newsRate: rate().default(0.066).describe('Monthly rate of learning of the programme from news, once it runs (posterior median of the joint calibration, models/README.md section 6.2)'),
  adEffect: rate().optional().describe('Monthly awareness rate per unit of currency of advertising per person per month (default 0.01 per 2025 US dollar, converted; calibrated on CBP Home)'),
  peerEffect: rate().default(0.1).describe('Monthly awareness rate per unit share of aware peers (calibrated on CBP Home)'),
  trustPrior: z.number().positive().max(1e12).default(300).describe('Pseudo-count, in persons per community, of the prior on payment reliability (assumption)'),
  lossAversion: z.number().min(1).max(1000).default(2).describe('Weight of an unpaid stipend against a paid one in trust (assumption)'),
});

const emigrationSchema = z.strictObject({
  baselineAnnualRate: scheduleOf(share()).default(0.01).describe('Annual rate of leaving for reasons outside the model, with or without the programme (assumption); a group may have its own'),
});

const timeSchema = z.strictObject({
  start: isoDateSchema.describe('First day of the first step'),
  steps: z.number().int().min(1).max(2000).describe('Number of steps'),
  stepUnit: z.enum(['day', 'week', 'month']).default('month'),
  stepLength: z.number().int().min(1).max(12).default(1),
});

const observationSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, { message: 'expected a name of letters, digits and underscores' }),
  series: z.string().min(1).describe('A flow series of results.csv, e.g. departures_assisted or registrations'),
  group: groupName.optional().describe('A group\'s series; default: the whole population'),
  arm: z.enum(['programme', 'counterfactual', 'difference']).default('programme'),
  from: isoDateSchema,
  to: isoDateSchema.describe('Last day counted (inclusive)'),
  value: z.number().min(0),
  sd: z.number().positive().describe('Observation uncertainty (one standard deviation), same unit as value'),
  source: z.string().min(1),
});

/** The scenario's fields, with the `model` section of the behavioural models registered now. */
function baseSchema() {
  return z.strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors'),
    version: z.literal(2).describe('Version of the scenario format (version 1 files are migrated when read)'),
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'expected lower-case letters, digits and dashes' }),
    title: z.string().min(1),
    description: z.string().default(''),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
    replicates: z.number().int().min(1).max(1000).default(5),
    currency: currencySchema.prefault({}),
    time: timeSchema,
    population: populationSchema,
    // The registered models' parameters; typed by the contract every model meets (models/model.ts).
    model: modelParamsSchema() as unknown as z.ZodType<ModelParams & Record<string, unknown>, ModelParams & Record<string, unknown>>,
    valuation: valuationSchema.prefault({}),
    programme: programmeSchema.prefault({}),
    enforcement: enforcementSchema.prefault({}),
    information: informationSchema.prefault({}),
    emigration: emigrationSchema.prefault({}),
    observations: z.array(observationSchema).max(100).default([]).describe('Observed figures to compare the run with: window sums of a series'),
  });
}
type BaseScenario = z.output<ReturnType<typeof baseSchema>>;

/** The scenario as a schema: its fields, the checks across them, and money defaults in its currency. */
function buildScenarioSchema() {
  return baseSchema().superRefine(checkScenario).transform(fillMoneyDefaults);
}

/** Checks that involve more than one field: dates against the horizon, names against the population. */
function checkScenario(s: BaseScenario, ctx: z.RefinementCtx): void {
  const start = dayNumber(s.time.start);
  const issue = (path: PropertyKey[], input: unknown, message: string) => ctx.addIssue({ code: 'custom', path, input, message });
  const firstDateOk = (sched: unknown, path: PropertyKey[]) => {
    // Refinements also run over input that failed elsewhere; only a well-formed schedule is compared.
    const first = Array.isArray(sched) ? (sched[0] as { from?: unknown } | undefined)?.from : undefined;
    if (typeof first === 'string' && dayNumber(first) > start) {
      issue([...path, 0, 'from'], first, `expected a date on or before time.start (${s.time.start}), so the lever has a value from the first step`);
    }
  };
  for (const lever of LEVER_NAMES) firstDateOk(leverSchedule(s, lever), [LEVERS[lever].section, lever]);
  firstDateOk(s.information.outreach, ['information', 'outreach']);
  firstDateOk(s.emigration.baselineAnnualRate, ['emigration', 'baselineAnnualRate']);
  s.population.groups.forEach((g, k) => {
    firstDateOk(g.baselineAnnualRate, ['population', 'groups', k, 'baselineAnnualRate']);
    firstDateOk(g.employment?.jobLossRate, ['population', 'groups', k, 'employment', 'jobLossRate']);
    firstDateOk(g.employment?.jobFindRate, ['population', 'groups', k, 'employment', 'jobFindRate']);
  });
  const a = s.programme.amounts;
  for (const part of ['otherAdult', 'child', 'household'] as const) firstDateOk(a[part], ['programme', 'amounts', part]);
  const statuses = new Set(s.population.statuses.map((x) => x.name));
  const groups = new Set(s.population.groups.map((g) => g.name));
  for (const [name, parts] of Object.entries(a.byStatus)) {
    if (!statuses.has(name)) issue(['programme', 'amounts', 'byStatus', name], name, `expected one of the population's statuses (${[...statuses].join(', ')})`);
    for (const [part, sched] of Object.entries(parts)) firstDateOk(sched, ['programme', 'amounts', 'byStatus', name, part]);
  }
  s.programme.eligibility.statuses?.forEach((name, k) => {
    if (!statuses.has(name)) issue(['programme', 'eligibility', 'statuses', k], name, `expected one of the population's statuses (${[...statuses].join(', ')})`);
  });
  s.programme.eligibility.groups?.forEach((name, k) => {
    if (!groups.has(name)) issue(['programme', 'eligibility', 'groups', k], name, `expected one of the population's groups (${[...groups].join(', ')})`);
  });
  s.observations.forEach((o, k) => {
    if (o.group !== undefined && !groups.has(o.group)) issue(['observations', k, 'group'], o.group, `expected one of the population's groups (${[...groups].join(', ')})`);
    if (!(dayNumber(o.from) <= dayNumber(o.to))) issue(['observations', k, 'to'], o.to, `expected a date on or after from (${o.from})`);
  });
  if (s.programme.enabled && s.programme.start === undefined) issue(['programme', 'start'], undefined, 'expected the first day of registration (YYYY-MM-DD) for a programme that is enabled');
  if (s.programme.start && s.programme.end && dayNumber(s.programme.end) < dayNumber(s.programme.start)) {
    issue(['programme', 'end'], s.programme.end, `expected a date on or after programme.start (${s.programme.start})`);
  }
  const instalments = s.programme.instalments;
  if (instalments) {
    const total = instalments.reduce((x, i) => x + i.share, 0);
    if (Math.abs(total - 1) > 1e-9) issue(['programme', 'instalments'], total, `expected shares that sum to 1 (they sum to ${total})`);
    if (s.programme.paymentDelayDays !== undefined) issue(['programme', 'paymentDelayDays'], s.programme.paymentDelayDays, 'expected no paymentDelayDays with instalments: each instalment says when it is paid');
  }
  s.programme.offers.forEach((o, k) => {
    const overlaps = s.programme.offers.slice(0, k).some((p) => dayNumber(o.registerFrom) <= dayNumber(p.registerBy) && dayNumber(p.registerFrom) <= dayNumber(o.registerBy));
    if (overlaps) issue(['programme', 'offers', k, 'registerFrom'], o.registerFrom, 'expected an offer whose registration window does not overlap an earlier offer\'s');
    if (dayNumber(o.registerBy) < dayNumber(o.registerFrom)) issue(['programme', 'offers', k, 'registerBy'], o.registerBy, `expected a date on or after registerFrom (${o.registerFrom})`);
    if (o.departBy && dayNumber(o.departBy) < dayNumber(o.registerFrom)) issue(['programme', 'offers', k, 'departBy'], o.departBy, `expected a date on or after registerFrom (${o.registerFrom})`);
  });
  const end = horizonEndDay(s.time.start, s.time.steps, s.time.stepUnit, s.time.stepLength);
  if (!(end <= dayNumber(LAST_DATE))) {
    issue(['time', 'steps'], s.time.steps, `expected fewer steps: the horizon would end after ${LAST_DATE}, the last date the model's calendar represents`);
  }
  if (s.population.persons !== undefined && s.population.agents > s.population.persons) {
    issue(['population', 'agents'], s.population.agents, `expected at most population.persons (${s.population.persons}): an agent stands for one person or more`);
  }
}

/** Money defaults the file left out, in its currency (models/README.md states them in 2025 US dollars). */
function fillMoneyDefaults(s: BaseScenario) {
  const k = s.currency.perUSD2025;
  const d = USD2025_DEFAULTS;
  const { programme: p, population: pop, valuation: val, information: info } = s;
  return {
    ...s,
    programme: { ...p, registrationCost: p.registrationCost ?? d.registrationCost * k, adminCostPerDeparture: p.adminCostPerDeparture ?? d.adminCostPerDeparture * k },
    population: { ...pop, savingsMedian: pop.savingsMedian ?? d.savingsMedian * k },
    valuation: { ...val, routeScale: val.routeScale ?? d.routeScale * k },
    information: { ...info, adEffect: info.adEffect ?? d.adEffect / k },
  };
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

/** The day after the horizon's last day. */
function horizonEndDay(start: string, steps: number, unit: 'day' | 'week' | 'month', length: number): number {
  const boundaries = stepBoundaries(start, steps, unit, length);
  return boundaries[boundaries.length - 1] - 1;
}
