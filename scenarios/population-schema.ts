import * as z from 'zod';
import { scheduleOf } from './schedule.js';

/**
 * The population of a scenario as data: its groups (any number, any names, each with its size and every per-group
 * parameter), the legal statuses its people hold, and how households are composed. A scenario gives it inline or
 * takes it from a population file (`"extends": "populations/....json"`) and changes what it needs.
 */

export const share = () => z.number().min(0).max(1);
const logSd = () => z.number().min(0).max(3);

/** A status name: lower-case, so it can be written in files and column headers as it is. */
export const statusName = z.string().regex(/^[a-z][a-z0-9-]*$/, { message: 'expected lower-case letters, digits and dashes, starting with a letter' });
/** A group name as reports, CSV files and summaries show it. */
export const groupName = z.string().regex(/^[A-Za-z][A-Za-z0-9 ._'-]*$/, { message: 'expected a name of letters, digits, spaces, dots, dashes and apostrophes, starting with a letter' });

export const statusSchema = z.strictObject({
  name: statusName.describe('e.g. unauthorised, tps, pending-asylum, tolerated, permanent-resident'),
  description: z.string().default('').describe('What the status is, and the source of its figures'),
  removalWeight: z.number().min(0).max(1000).default(1)
    .describe('Weight in the share-out of removal capacity, relative to 1; 0 for people who cannot be removed'),
  reentryBars: z.boolean().default(false)
    .describe('US re-entry bars apply to a legal return: 3 years after more than 180 days of unlawful presence, 10 after a year or more'),
  returnProbability: share().default(0)
    .describe('Probability of being allowed back to live and work after leaving on one\'s own (0 without a legal route back)'),
  returnWaitYears: z.number().min(0).max(100).default(0).describe('Years before that return is possible'),
});
export type Status = z.output<typeof statusSchema>;

export const householdSchema = z.strictObject({
  adults: z.array(share()).min(1).max(8).describe('Probabilities of 1, 2, ... adults (normalised to sum to 1)'),
  children: z.array(share()).min(1).max(16).default([1]).describe('Probabilities of 0, 1, 2, ... children (normalised to sum to 1)'),
});
export type Household = z.output<typeof householdSchema>;

const rateSchedule = () => scheduleOf(z.number().min(0).max(100));

export const employmentSchema = z.strictObject({
  initialUnemployment: share().default(0).describe('Share unemployed at the start'),
  jobLossRate: rateSchedule().default(0).describe('Monthly rate of losing one\'s job (a schedule: a recession raises it)'),
  jobFindRate: rateSchedule().default(0.1).describe('Monthly rate of finding a job while unemployed (assumption: a mean spell of 10 months)'),
  benefitMonths: z.number().min(0).max(120).default(0).describe('Months of unemployment benefit on losing a job (0: none)'),
  replacementRate: share().default(0).describe('Benefit as a share of earnings'),
  floorShare: share().default(0).describe('Income while unemployed without benefit, as a share of earnings (family, informal work, assistance)'),
});
export type Employment = z.output<typeof employmentSchema>;

export const groupSchema = z.strictObject({
  name: groupName,
  description: z.string().default('').describe('Who the group is, and the sources of its figures'),
  persons: z.number().min(0).max(1e10).describe('Persons in the group; with population.persons, only the groups\' proportions count'),
  earningsMedian: z.number().min(0).max(1e8).describe('Median monthly earnings in the country (per household when households are drawn), scenario currency'),
  wageRatio: z.number().min(1).max(1000).describe('Earnings in the country over earnings at home, same worker'),
  travelCost: z.number().min(0).max(1e8).describe('One-way travel home per person, scenario currency'),
  danger: share().default(0).describe('Danger at home, 0 (none) to 1 (severe)'),
  legalPathway: share().default(0).describe('Share with a realistic legal route back, for a promise of legal return'),
  familyShare: share().default(0).describe('Share with family ties in the country that stay behind (e.g. citizen children or spouse)'),
  yearsMedian: z.number().min(0).max(80).describe('Median whole years in the country'),
  statuses: z.record(statusName, share()).describe('Share of the group in each status (they sum to 1)'),
  household: householdSchema.optional().describe('Household composition; without it, every agent is one person'),
  employment: employmentSchema.optional().describe('Job loss, job finding and unemployment benefit; without it, everyone stays in work'),
  baselineAnnualRate: scheduleOf(share()).optional()
    .describe('The group\'s own annual rate of leaving for reasons outside the model, replacing emigration.baselineAnnualRate'),
});
export type Group = z.output<typeof groupSchema>;

export const populationFields = {
  description: z.string().default('').describe('What the population is, and the sources of its figures'),
  persons: z.number().int().positive().max(1e10).optional()
    .describe('Persons represented; default: the sum of the groups\' persons'),
  agents: z.number().int().positive().default(1_000_000).describe('Simulated agents (households, or persons without households)'),
  localities: z.number().int().min(1).max(1000).default(40).describe('Localities per group; a community is a group x locality, for peer effects'),
  groups: z.array(groupSchema).min(1).max(64),
  statuses: z.array(statusSchema).min(1).max(16),
  earningsSigma: logSd().default(0.4).describe('Log-sd of earnings within a group (assumption)'),
  yearsSigma: logSd().default(0.7).describe('Log-sd of years in the country within a group (assumption)'),
  ageMean: z.number().min(18).max(80).default(38).describe('Mean age (of the household head) (assumption)'),
  ageSd: z.number().min(0).max(30).default(11),
  savingsMedian: z.number().min(0).max(1e8).optional().describe('Median liquid savings, scenario currency (default USD 1,500 of 2025, converted; assumption)'),
  savingsSigma: logSd().default(1.0),
  discountRateMedian: z.number().min(0).max(2).default(0.1).describe('Median annual discount rate (assumption)'),
  discountRateSigma: logSd().default(0.5),
  riskBiasMedian: z.number().positive().max(1000).default(1.5).describe('Median ratio of perceived to actual removal risk (assumption)'),
  riskBiasSigma: logSd().default(0.6),
  trustMean: share().default(0.5).describe('Mean trust that the government keeps its promises (assumption)'),
  trustSd: z.number().min(0).max(0.5).default(0.2),
};

/** Checks across fields of a population: unique names, statuses that exist, shares that add up. */
export function checkPopulation(p: { groups: Group[]; statuses: Status[] }, ctx: z.RefinementCtx, at: PropertyKey[]): void {
  const statuses = new Set<string>();
  p.statuses.forEach((s, k) => {
    if (statuses.has(s.name)) ctx.addIssue({ code: 'custom', path: [...at, 'statuses', k, 'name'], input: s.name, message: 'expected a status name not used by another status' });
    statuses.add(s.name);
  });
  const groups = new Set<string>();
  p.groups.forEach((g, k) => {
    if (groups.has(g.name)) ctx.addIssue({ code: 'custom', path: [...at, 'groups', k, 'name'], input: g.name, message: 'expected a group name not used by another group' });
    groups.add(g.name);
    for (const name of Object.keys(g.statuses)) {
      if (!statuses.has(name)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'groups', k, 'statuses', name], input: g.statuses[name], message: `expected one of the population's statuses (${[...statuses].join(', ')})` });
      }
    }
    const total = Object.values(g.statuses).reduce((a, b) => a + b, 0);
    if (Math.abs(total - 1) > 1e-9) {
      ctx.addIssue({ code: 'custom', path: [...at, 'groups', k, 'statuses'], input: g.statuses, message: `expected shares that sum to 1 (they sum to ${total})` });
    }
    for (const part of ['adults', 'children'] as const) {
      const dist = g.household?.[part];
      if (dist && !(dist.reduce((a, b) => a + b, 0) > 0)) {
        ctx.addIssue({ code: 'custom', path: [...at, 'groups', k, 'household', part], input: dist, message: 'expected at least one probability > 0' });
      }
    }
  });
  if (p.groups.every((g) => !(g.persons > 0))) {
    ctx.addIssue({ code: 'custom', path: [...at, 'groups'], input: p.groups.length, message: 'expected at least one group with persons > 0: the groups\' sizes are the population\'s shares' });
  }
}

/** Expected persons per agent of a group: the mean household size, or 1 without households. */
export function meanHouseholdSize(g: Group): number {
  if (!g.household) return 1;
  const mean = (dist: number[], first: number) => {
    const total = dist.reduce((a, b) => a + b, 0);
    return dist.reduce((a, p, k) => a + p * (k + first), 0) / total;
  };
  return mean(g.household.adults, 1) + mean(g.household.children, 0);
}
