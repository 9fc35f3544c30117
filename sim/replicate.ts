import { departureProbabilities } from '../models/departure-lag.js';
import { isRecentArrival, removalPerWeight, removalWeight } from '../models/enforcement.js';
import { behaviouralModel } from '../models/index.js';
import { awarenessProbability } from '../models/information.js';
import { paymentDueStep } from '../models/payment.js';
import { paymentTrustFactor } from '../models/trust.js';
import { DAYS_PER_MONTH } from '../scenarios/calendar.js';
import { meanHouseholdSize } from '../scenarios/population-schema.js';
import type { Scenario } from '../scenarios/schema.js';
import { aggregateLayout, COMMUNITY_FIELDS, F, GROUP_FIELDS, reduceBlocks, type AggregateLayout } from './aggregates.js';
import { epochEnvelope, type StepTerms } from './decision-bound.js';
import { AMOUNT_PARTS } from '../models/payment.js';
import type { Policy } from './policy.js';
import { allocatePopulation, blockCount, State, STATE_MASK, viewPopulation, type Population, type PopulationBuffers } from './population.js';
import { streamKey } from './random/hash.js';
import { replicateKey } from './random/seed.js';
import { censusClassCount, censusWeightSum, type ClassWeights } from './removal-class.js';
import { SeriesCollector } from './series.js';
import { EmploymentCondition, PURPOSES, type ArmContext, type EmploymentContext, type Envelope, type StepContext } from './step-context.js';
import type { PopulationCache } from './population-cache.js';
import type { SynthesisParams } from './synthesis.js';
import type { BlockTask, BlockWork, Executor } from './tasks.js';

/**
 * One replicate, on the main thread: population synthesis and then, step by step, the context every agent reads
 * (from the previous step's aggregates and the rules of models/), the step itself on the workers, and what
 * follows from its aggregates: payments falling due, peers' experience, and the output series.
 */

export const ARMS = ['programme', 'counterfactual'] as const;

/** Per-step series of one replicate, for each arm; counts in persons, money in dollars. */
export type ArmSeries = Record<string, [Float64Array, Float64Array]>;

export interface ReplicateResult {
  series: ArmSeries;
  /** Programme takers who left in the twin too, persons (NaN without the twin). */
  deadweight: number;
  /** Persons per group at the start, and per group the programme takers who left in the twin too (NaN without it). */
  groupPersons: number[];
  groupDeadweight: number[];
}

export interface ReplicateOptions {
  scenario: Scenario;
  policy: Policy;
  replicate: number;
  executor: Executor;
  twin: boolean;
  /** Checking mode (sim/step-context.ts): no fast path, every decision bound verified. */
  check?: boolean;
  /** Reused across replicates when large enough, so a long run allocates its population once. */
  buffers?: PopulationBuffers;
  /** Populations already drawn, restored rather than drawn again (sim/population-cache.ts). */
  populations?: PopulationCache;
  onStep?: () => void;
  /** Called once the population is drawn, before the first step (the benchmark times synthesis with it). */
  onSynthesized?: () => void;
  signal?: AbortSignal;
}

/**
 * Persons each simulated person stands for, and the first agent of each group: agents are split over groups in
 * proportion to the groups' households (persons / mean household size), so that persons are in the groups' shares.
 */
export function populationPlan(s: Scenario): { weight: number; groupStart: number[] } {
  const n = s.population.agents;
  const households = s.population.groups.map((g) => g.persons / meanHouseholdSize(g));
  const total = households.reduce((a, h) => a + h, 0);
  const groupStart: number[] = [];
  let acc = 0;
  for (const h of households) {
    groupStart.push(Math.round((acc / total) * n));
    acc += h;
  }
  let simulated = 0;
  s.population.groups.forEach((g, k) => { simulated += ((groupStart[k + 1] ?? n) - groupStart[k]) * meanHouseholdSize(g); });
  return { weight: s.population.persons / simulated, groupStart };
}

export function synthesisParams(s: Scenario, key: number): SynthesisParams {
  const pop = s.population;
  const cumulative = (xs: number[]) => xs.map((_, k) => xs.slice(0, k + 1).reduce((a, b) => a + b, 0));
  return {
    key, groupStart: populationPlan(s).groupStart, localities: pop.localities, statuses: pop.statuses.length,
    groups: pop.groups.map((g) => ({
      earningsMedian: g.earningsMedian, yearsMedian: g.yearsMedian, familyShare: g.familyShare,
      statusCumulative: cumulative(pop.statuses.map((st) => g.statuses[st.name] ?? 0)),
      adultsCumulative: g.household && cumulative(g.household.adults),
      childrenCumulative: g.household && cumulative(g.household.children),
      initialUnemployment: g.employment?.initialUnemployment ?? 0,
      benefitMonths: g.employment?.benefitMonths ?? 0,
    })),
    earningsSigma: pop.earningsSigma, yearsSigma: pop.yearsSigma, ageMean: pop.ageMean, ageSd: pop.ageSd,
    savingsMedian: pop.savingsMedian, savingsSigma: pop.savingsSigma,
    discountRateMedian: pop.discountRateMedian, discountRateSigma: pop.discountRateSigma,
    riskBiasMedian: pop.riskBiasMedian, riskBiasSigma: pop.riskBiasSigma, trustMean: pop.trustMean, trustSd: pop.trustSd,
  };
}

/** One task per thread over all blocks, which the threads claim between them. */
async function runTasks(executor: Executor, shared: Pick<BlockTask, 'pop' | 'aggs' | 'layout' | 'blocks'>, work: BlockWork, signal?: AbortSignal) {
  signal?.throwIfAborted();
  const task: BlockTask = { ...shared, claim: new SharedArrayBuffer(4), ...work };
  const tasks = Array.from({ length: Math.min(executor.threads, shared.blocks) }, () => executor.run(task));
  // Wait for every task, even after one fails, so no worker is still answering when the caller closes the pool.
  const settled = await Promise.allSettled(tasks);
  const failure = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
  signal?.throwIfAborted();
}

/** What the main thread carries from step to step for one arm: the census and peers' experience. */
class ArmTracker {
  readonly totals: Float64Array;
  readonly departed: Float64Array;
  readonly paidKnown: Float64Array;
  readonly unpaidKnown: Float64Array;
  /** Per future step: stipend agent-dollars, and paid and unpaid departers by community, falling due then. */
  readonly pending = new Map<number, { dollars: number; paid: Float64Array; unpaid: Float64Array }>();
  /**
   * This arm's per-community terms of a step's context (ArmContext), refilled for every step: a step's context is
   * done with (read, or copied to the workers) before the next one is built, and a new array costs an off-heap
   * allocation (about 3 µs on this machine), some fifteen of them a step in all.
   */
  readonly awareness: Float64Array;
  readonly trustFactor: Float64Array;
  readonly peerDeparted: Float64Array;

  constructor(readonly arm: 0 | 1, readonly layout: AggregateLayout) {
    this.totals = new Float64Array(layout.armFields);
    this.departed = new Float64Array(layout.communities);
    this.awareness = new Float64Array(layout.communities);
    this.trustFactor = new Float64Array(layout.communities);
    this.peerDeparted = new Float64Array(layout.communities);
    this.paidKnown = new Float64Array(layout.communities);
    this.unpaidKnown = new Float64Array(layout.communities);
  }

  field(f: number): number {
    return this.totals[f];
  }

  /** This arm's slice of a step's aggregates (both arms), copied: the caller refills `total` every step. */
  takeCensus(total: Float64Array): void {
    this.totals.set(total.subarray(this.arm * this.layout.armFields, (this.arm + 1) * this.layout.armFields));
  }

  /** Money falling due at step `due`; with `experience`, this step's paid and unpaid departers become known then. */
  schedulePayments(due: number, dollars: number, experience: boolean) {
    const c = this.layout.communities;
    const slot = this.pending.get(due) ?? { dollars: 0, paid: new Float64Array(c), unpaid: new Float64Array(c) };
    slot.dollars += dollars;
    if (experience) {
      for (let k = 0; k < c; k++) {
        slot.paid[k] += this.totals[this.layout.community + COMMUNITY_FIELDS * k + 2];
        slot.unpaid[k] += this.totals[this.layout.community + COMMUNITY_FIELDS * k + 3];
      }
    }
    this.pending.set(due, slot);
  }

  /** Stipends paid at step t; peers learn of payments (and of failures) when they fall due. */
  mature(t: number): number {
    const slot = this.pending.get(t);
    if (!slot) return 0;
    this.pending.delete(t);
    for (let k = 0; k < this.layout.communities; k++) {
      this.paidKnown[k] += slot.paid[k];
      this.unpaidKnown[k] += slot.unpaid[k];
    }
    return slot.dollars;
  }

  owed(): number {
    let d = 0;
    for (const slot of this.pending.values()) d += slot.dollars;
    return d;
  }

  /** The sum of removal weights over persons still in the country, as of the last census, for a step `elapsedYears` in. */
  removalWeightSum(s: Scenario, elapsedYears: number): number {
    return censusWeightSum((k) => this.field(F.removalClass + k), classWeights(s), elapsedYears);
  }
}

function classWeights(s: Scenario): ClassWeights {
  return {
    status: s.population.statuses.map((st) => st.removalWeight),
    recentArrivalFactor: s.enforcement.recentArrivalFactor,
    deprioritisedFactor: s.programme.deprioritisation.factor,
  };
}

export async function runReplicate(o: ReplicateOptions): Promise<ReplicateResult> {
  const { scenario: s, policy, executor, twin } = o;
  const n = s.population.agents;
  const groups = s.population.groups;
  const statuses = s.population.statuses;
  const { weight } = populationPlan(s);
  const communities = groups.length * s.population.localities;
  const layout = aggregateLayout(censusClassCount(statuses.length), groups.length, communities);
  const blocks = blockCount(n);
  const buffers = o.buffers && o.buffers.n === n ? o.buffers : allocatePopulation(n);
  const aggs = new SharedArrayBuffer(blocks * layout.blockFields * 8);
  const aggView = new Float64Array(aggs);
  const key = replicateKey(s.seed, o.replicate);
  const params = synthesisParams(s, key);

  const shared = { pop: buffers, aggs, layout, blocks };
  if (!o.populations?.restore(params, buffers, aggView)) {
    await runTasks(executor, shared, { kind: 'synthesize', params }, o.signal);
    o.populations?.store(params, buffers, aggView);
  }
  o.onSynthesized?.();
  const arms = [new ArmTracker(0, layout), new ArmTracker(1, layout)];
  const total = new Float64Array(layout.blockFields);
  reduceBlocks(aggView, blocks, layout, total);
  for (const a of arms) a.takeCensus(total);

  // Persons by community and by group. Indexed rather than for-of: on the main thread, between synthesis and step
  // 0, for-of cost 7-26 ms at 1e6 agents.
  const communitySize = new Float64Array(communities);
  const groupSize = new Float64Array(groups.length);
  const pop = viewPopulation(buffers);
  const { community, origin, persons } = pop;
  for (let i = 0; i < n; i++) {
    communitySize[community[i]] += persons[i];
    groupSize[origin[i]] += persons[i];
  }

  const steps = new ReplicateSteps(s, policy, key, arms, communitySize, weight, twin, o.check ?? false);
  for (let t = 0; t < policy.steps; t++) {
    const stipendPaid = arms.map((arm) => arm.mature(t));
    const ctx = steps.context(t);
    await runTasks(executor, shared, { kind: 'step', ctx }, o.signal);
    reduceBlocks(aggView, blocks, layout, total);
    steps.account(ctx, total, stipendPaid, pop);
    o.onStep?.();
  }
  return {
    series: steps.collector.series,
    deadweight: twin ? steps.deadweight : NaN,
    groupPersons: Array.from(groupSize, (x) => x * weight),
    groupDeadweight: steps.groupDeadweight,
  };
}

/**
 * What the main thread does around each step of a replicate: the context every agent reads before it, and the
 * accounting of its aggregates after. Apart from runReplicate, whose awaits made V8 compile one large function
 * many times over (two fifths of a sweep's compiling, on the cores the workers need).
 */
class ReplicateSteps {
  readonly collector: SeriesCollector;
  deadweight = 0;
  groupDeadweight: number[];
  private readonly terms: StepTerms[];
  private readonly simulated: ArmTracker[];
  private epochLast = -1;
  private envelope: Envelope | undefined;
  private readonly noOffer: NoOffer;
  /** The parts of every step's context that do not change from step to step. */
  private readonly fixed: Pick<StepContext, 'model' | 'valuation' | 'stepDays' | 'capitalisedBenefit' | 'penaltyMonths' | 'statusWeight'
    | 'recentFactor' | 'deprioritisedFactor' | 'statuses' | 'groups' | 'eligibility' | 'amountCaps' | 'registrationCost' | 'twin' | 'check'>;

  constructor(private readonly s: Scenario, private readonly policy: Policy, private readonly key: number, private readonly arms: ArmTracker[],
    private readonly communitySize: Float64Array, private readonly weight: number, private readonly twin: boolean, check: boolean) {
    const groups = s.population.groups;
    const statuses = s.population.statuses;
    this.collector = new SeriesCollector(groups.map((g) => g.name), policy.steps);
    this.groupDeadweight = groups.map(() => NaN);
    this.terms = stepTerms(s, policy, weight);
    this.noOffer = { amounts: new Float64Array(policy.amounts.length), offerHead: new Float64Array(policy.offerHead.length),
      offerDeadline: new Int32Array(policy.steps).fill(-1) };
    this.simulated = twin ? arms : arms.slice(0, 1);
    const eligible = s.programme.eligibility;
    const a = s.programme.amounts;
    const e = s.enforcement;
    this.fixed = {
      model: s.model,
      valuation: s.valuation,
      stepDays: Int32Array.from(policy.stepDays),
      capitalisedBenefit: s.programme.capitalisedBenefit,
      penaltyMonths: e.detentionMonths + e.thirdCountryShare * e.thirdCountryMonths,
      statusWeight: statuses.map((st) => st.removalWeight),
      recentFactor: e.recentArrivalFactor,
      deprioritisedFactor: s.programme.deprioritisation.factor,
      statuses: {
        returnProbability: statuses.map((st) => st.returnProbability),
        returnWaitMonths: statuses.map((st) => st.returnWaitYears * 12),
        bars: statuses.map((st) => st.reentryBars),
      },
      groups: {
        wageRatio: groups.map((g) => g.wageRatio),
        travelCost: groups.map((g) => g.travelCost),
        danger: groups.map((g) => g.danger),
        legalPathway: groups.map((g) => g.legalPathway),
      },
      eligibility: {
        status: Uint8Array.from(statuses, (st) => (eligible.statuses === undefined || eligible.statuses.includes(st.name) ? 1 : 0)),
        group: Uint8Array.from(groups, (g) => (eligible.groups === undefined || eligible.groups.includes(g.name) ? 1 : 0)),
        minYears: eligible.minYears,
        maxYears: eligible.maxYears ?? Infinity,
        employment: EMPLOYMENT_CONDITIONS[eligible.employment],
      },
      amountCaps: { householdMinSize: a.householdMinSize, capAdults: a.capAdults ?? Infinity, capHousehold: a.capHousehold ?? Infinity },
      registrationCost: s.programme.registrationCost,
      twin,
      check,
    };
  }

  /** Step t's context, from the arms' census and peers' experience so far (after this step's payments matured). */
  context(t: number): StepContext {
    const { s, policy, terms, simulated } = this;
    const months = policy.months[t];
    const statusCount = s.population.statuses.length;
    const groupCount = s.population.groups.length;
    const armContexts = this.arms.map((arm) => armContext(s, policy, t, terms[t].elapsedYears, arm, this.communitySize, this.weight, this.noOffer)) as [ArmContext, ArmContext];
    // A new epoch of decision bounds once the last one ends or this step's removal risk falls outside it.
    const fresh = t > this.epochLast || simulated.some((arm) => armContexts[arm.arm].removalPerWeight / months > this.envelope!.removalRate);
    if (fresh) ({ envelope: this.envelope, last: this.epochLast } = epochEnvelope(terms, t, Math.min(...simulated.map((arm) => arm.removalWeightSum(s, terms[t].elapsedYears)))));
    const lr = s.programme.legalReturn;
    const noReturn = s.programme.noReturnYears;
    const f = this.fixed;
    // A literal rather than a spread of `fixed`: the hot loops read the context, and a spread built a slower object.
    return {
      step: t,
      months,
      keys: Array.from({ length: PURPOSES }, (_, p) => streamKey(this.key, 1, t, p)),
      elapsedYears: terms[t].elapsedYears,
      model: f.model,
      intensity: terms[t].intensity,
      valuation: f.valuation,
      stepDays: f.stepDays,
      background: policy.groups.background.slice(t * groupCount, (t + 1) * groupCount),
      employment: employmentContext(s, policy, t),
      outreach: policy.outreach[t],
      capitalisedBenefit: f.capitalisedBenefit,
      changeMonths: policy.changeMonths[t],
      changeAmounts: policy.changeAmounts.slice(t * statusCount * AMOUNT_PARTS, (t + 1) * statusCount * AMOUNT_PARTS),
      penaltyMonths: f.penaltyMonths,
      statusWeight: f.statusWeight,
      recentFactor: f.recentFactor,
      deprioritisedFactor: f.deprioritisedFactor,
      deprioritisedSteps: Math.round(s.programme.deprioritisation.months / months),
      statuses: f.statuses,
      programmeReturn: {
        promise: terms[t].promise,
        promiseWaitMonths: lr.waitYears * 12,
        waivesBars: lr.waivesBars,
        commitmentMonths: noReturn === 'permanent' ? Infinity : noReturn * 12,
        repayOnReturn: s.programme.repayOnReturn,
      },
      envelope: this.envelope!,
      newEpoch: fresh,
      groups: f.groups,
      eligibility: f.eligibility,
      amountCaps: f.amountCaps,
      instalments: policy.instalments[t].map((i) => ({ share: i.share, months: i.days / DAYS_PER_MONTH })),
      registrationCost: f.registrationCost,
      twin: f.twin,
      last: t === policy.steps - 1,
      check: f.check,
      arms: armContexts,
    };
  }

  /** After step `ctx.step`: its aggregates `total` become each arm's census, payments are scheduled, series recorded. */
  account(ctx: StepContext, total: Float64Array, stipendPaid: number[], pop: Population): void {
    const { s, policy, weight } = this;
    const t = ctx.step;
    const layout = this.arms[0].layout;
    for (const arm of this.simulated) {
      arm.takeCensus(total);
      if (ctx.check && t + 1 < policy.steps) checkCensus(s, pop, arm, ctx, this.terms[t + 1].elapsedYears);
      // Each instalment falls due on its own step; peers learn of the payment (or its failure) with the first.
      const due = policy.instalments[t].map((i) => paymentDueStep(t, i.days, policy.days[t]));
      const first = Math.min(...due);
      policy.instalments[t].forEach((i, k) => arm.schedulePayments(due[k], i.share * arm.field(F.stipendDue), due[k] === first && due.indexOf(first) === k));
      // A delay shorter than half a step pays within the step itself.
      if (due.includes(t)) stipendPaid[arm.arm] += arm.mature(t);
      for (let k = 0; k < layout.communities; k++) arm.departed[k] += arm.field(layout.community + COMMUNITY_FIELDS * k + 1);
      this.collector.record(arm.arm, t, {
        weight, totals: arm.totals, groupOffset: layout.group, stipendsPaid: stipendPaid[arm.arm], stipendsOwed: arm.owed(),
        advertising: arm.arm === 0 ? advertisingSpend(policy, t) : 0,
        adminCostPerDeparture: s.programme.adminCostPerDeparture, removalCost: s.enforcement.removalCost,
      });
    }
    if (ctx.last && this.twin) {
      this.deadweight = total[F.deadweight] * weight;
      this.groupDeadweight = s.population.groups.map((_, g) => total[layout.group + GROUP_FIELDS * g + 2] * weight);
    }
  }
}

/**
 * Checking mode: the census's sum of removal weights for the next step must equal the sum over the agents
 * themselves, each weighted as the next step weighs it (recent arrivals by their years then, deprioritised
 * registrants as the step counted them).
 */
function checkCensus(s: Scenario, pop: Population, a: ArmTracker, ctx: StepContext, elapsedNext: number): void {
  const states = a.arm === 0 ? pop.stateP : pop.stateC;
  const statuses = s.population.statuses;
  let direct = 0;
  for (let i = 0; i < pop.n; i++) {
    const state = states[i] & STATE_MASK;
    if (state > State.Preparing) continue;
    const deprioritised = state === State.Registered && ctx.step + 1 - pop.regStep[i] < ctx.deprioritisedSteps;
    direct += pop.persons[i] * removalWeight(statuses[pop.cls[i] % statuses.length].removalWeight, s.enforcement.recentArrivalFactor,
      s.programme.deprioritisation.factor, isRecentArrival(pop.years[i] + elapsedNext), deprioritised);
  }
  const census = a.removalWeightSum(s, elapsedNext);
  if (!(Math.abs(census - direct) <= 1e-9 * direct)) {
    throw new Error(`census of removal weights off at step ${ctx.step}, arm ${a.arm}: ${census} against ${direct} over the agents (sim/removal-class.ts)`);
  }
}

const EMPLOYMENT_CONDITIONS = { any: EmploymentCondition.Any, unemployed: EmploymentCondition.Unemployed, employed: EmploymentCondition.Employed,
  benefit: EmploymentCondition.Benefit } as const;

/** The groups' employment in step t, or null when no group models it (models/employment.ts). */
function employmentContext(s: Scenario, policy: Policy, t: number): EmploymentContext | null {
  const groups = s.population.groups;
  if (!groups.some((g) => g.employment)) return null;
  const r = policy.groups;
  const at = (x: Float64Array) => x.slice(t * groups.length, (t + 1) * groups.length);
  return {
    modelled: Uint8Array.from(groups, (g) => (g.employment ? 1 : 0)),
    lossRate: at(r.jobLossRate),
    findRate: at(r.jobFindRate),
    lossProbability: at(r.jobLoss),
    findProbability: at(r.jobFind),
    replacementRate: Float64Array.from(groups, (g) => g.employment?.replacementRate ?? 0),
    floorShare: Float64Array.from(groups, (g) => g.employment?.floorShare ?? 0),
    benefitMonths: Float64Array.from(groups, (g) => g.employment?.benefitMonths ?? 0),
  };
}

/** Advertising spent during step t: the day-averaged monthly spend times the step's months. */
function advertisingSpend(policy: Policy, t: number): number {
  return policy.levers.advertisingPerMonth[t] * policy.months[t];
}

/** Removal capacity during step t, persons: the day-averaged daily capacity times the step's days. */
function removalCapacity(policy: Policy, t: number): number {
  return policy.levers.removalsPerDay[t] * policy.days[t];
}

/** What each step's context takes from the scenario and policy alone, and the decision bounds' envelope needs. */
function stepTerms(s: Scenario, policy: Policy, weight: number): StepTerms[] {
  const lr = s.programme.legalReturn;
  const model = behaviouralModel(s.model.name);
  const statuses = s.population.statuses.length;
  const groups = s.population.groups.length;
  return policy.months.map((months, t) => {
    // The step's amounts by status, the head counting an offer's amount where it is higher.
    const amounts = policy.amounts.slice(t * statuses * AMOUNT_PARTS, (t + 1) * statuses * AMOUNT_PARTS);
    for (let k = 0; k < statuses; k++) amounts[k * AMOUNT_PARTS] = Math.max(amounts[k * AMOUNT_PARTS], policy.offerHead[t * statuses + k]);
    return {
      elapsedYears: policy.months.slice(0, t).reduce((a, m) => a + m, 0) / 12,
      intensity: model.intensity(s.model, months),
      background: Math.max(...policy.groups.background.subarray(t * groups, (t + 1) * groups)),
      open: policy.open[t],
      anticipates: policy.open[t] && policy.changeMonths[t] < Infinity,
      jobLossRate: policy.groups.jobLossRate.slice(t * groups, (t + 1) * groups),
      jobFindRate: policy.groups.jobFindRate.slice(t * groups, (t + 1) * groups),
      amounts,
      travelShare: policy.levers.travelAssistance[t],
      promise: policy.open[t] ? lr.probability * lr.credibility : 0,
      capacityRate: removalCapacity(policy, t) / weight / months,
    };
  });
}

/** The twin's terms of the programme: no amounts and no offers, at every step. */
type NoOffer = Pick<ArmContext, 'amounts' | 'offerHead' | 'offerDeadline'>;

/** The arm's view of a step: removal odds from last step's census, awareness and trust from peers. */
function armContext(s: Scenario, policy: Policy, t: number, elapsedYears: number, a: ArmTracker, communitySize: Float64Array, weight: number,
  noOffer: NoOffer): ArmContext {
  const p = s.programme;
  const programmeArm = a.arm === 0;
  const months = policy.months[t];
  const open = programmeArm && policy.open[t];
  const communities = communitySize.length;
  const layout = a.layout;
  const adPerPerson = advertisingSpend(policy, t) / months / s.population.persons;
  const trust = { prior: s.population.trustMean, strength: s.information.trustPrior, lossAversion: s.information.lossAversion };
  // Typed arrays: a task's context is copied to a worker every step, and these copy as one block each. The arm's own,
  // refilled here.
  const { awareness, trustFactor, peerDeparted } = a;
  awareness.fill(0);
  trustFactor.fill(1);
  // The payment record goes on shaping trust after registration closes, while payments still fall due.
  const opened = programmeArm && policy.open.slice(0, t + 1).some((x) => x);
  const shock = policy.news[t] ? s.information.newsShock : 0;
  const initial = open && !policy.open.slice(0, t).some((x) => x) ? s.information.initialAwareness : 0;
  for (let k = 0; k < communities; k++) {
    const size = communitySize[k] || 1;
    peerDeparted[k] = a.departed[k] / size;
    if (opened) trustFactor[k] = paymentTrustFactor(trust, a.paidKnown[k], a.unpaidKnown[k], weight);
    if (!open) continue;
    const awareShare = (a.field(layout.community + COMMUNITY_FIELDS * k) + a.paidKnown[k]) / size;
    awareness[k] = awarenessProbability(s.information, adPerPerson, awareShare, months, shock, initial);
  }
  const lag = departureProbabilities(p.departureRate, p.abandonRate, months);
  return {
    programme: open,
    removalPerWeight: removalPerWeight(removalCapacity(policy, t) / weight, a.removalWeightSum(s, elapsedYears)),
    awareness,
    trustFactor,
    peerDeparted,
    amounts: programmeArm ? policy.amounts : noOffer.amounts,
    offerHead: programmeArm ? policy.offerHead : noOffer.offerHead,
    offerDeadline: programmeArm ? policy.offerDeadline : noOffer.offerDeadline,
    travelShare: programmeArm ? policy.levers.travelAssistance[t] : 0,
    departProbability: lag.depart,
    abandonProbability: lag.abandon,
    paymentReliability: policy.levers.paymentReliability[t],
  };
}
