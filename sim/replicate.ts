import { backgroundLeaveProbability } from '../models/background.js';
import { departureProbabilities } from '../models/departure-lag.js';
import { isRecentArrival, removalPerWeight, removalWeight } from '../models/enforcement.js';
import { ORIGINS } from '../models/groups.js';
import { behaviouralModel } from '../models/index.js';
import { awarenessProbability } from '../models/information.js';
import { paymentDueStep } from '../models/payments.js';
import { paymentTrustFactor } from '../models/trust.js';
import { groupParams, type Scenario } from '../scenarios/schema.js';
import { aggregateLayout, COMMUNITY_FIELDS, F, reduceBlocks, type AggregateLayout } from './aggregates.js';
import { epochEnvelope, type StepTerms } from './decision-bound.js';
import type { Policy } from './policy.js';
import { allocatePopulation, blockCount, FLAG_PROTECTED, State, STATE_MASK, viewPopulation, type Population, type PopulationBuffers } from './population.js';
import { streamKey } from './random/hash.js';
import { replicateKey } from './random/seed.js';
import { censusWeightSum } from './removal-class.js';
import { SeriesCollector } from './series.js';
import { PURPOSES, type ArmContext, type Envelope, type StepContext } from './step-context.js';
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
  /** Persons per origin group at the start. */
  originPersons: number[];
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
  onStep?: () => void;
  /** Called once the population is drawn, before the first step (the benchmark times synthesis with it). */
  onSynthesized?: () => void;
  signal?: AbortSignal;
}

export function synthesisParams(s: Scenario, key: number): SynthesisParams {
  const n = s.population.agents;
  const groups = ORIGINS.map((o) => groupParams(s, o));
  const total = groups.reduce((a, g) => a + g.personsMillions, 0);
  const originStart: number[] = [];
  let acc = 0;
  for (const g of groups) {
    originStart.push(Math.round((acc / total) * n));
    acc += g.personsMillions;
  }
  const pop = s.population;
  return {
    key, originStart, localities: pop.localities, groups,
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
  totals: Float64Array;
  readonly departed: Float64Array;
  readonly paidKnown: Float64Array;
  readonly unpaidKnown: Float64Array;
  /** Per future step: stipend agent-dollars, and paid and unpaid departers by community, falling due then. */
  readonly pending = new Map<number, { dollars: number; paid: Float64Array; unpaid: Float64Array }>();

  constructor(readonly arm: 0 | 1, readonly layout: AggregateLayout) {
    this.totals = new Float64Array(layout.armFields);
    this.departed = new Float64Array(layout.communities);
    this.paidKnown = new Float64Array(layout.communities);
    this.unpaidKnown = new Float64Array(layout.communities);
  }

  field(f: number): number {
    return this.totals[f];
  }

  schedulePayments(due: number, dollars: number) {
    const c = this.layout.communities;
    const slot = this.pending.get(due) ?? { dollars: 0, paid: new Float64Array(c), unpaid: new Float64Array(c) };
    slot.dollars += dollars;
    for (let k = 0; k < c; k++) {
      slot.paid[k] += this.totals[F.community + COMMUNITY_FIELDS * k + 2];
      slot.unpaid[k] += this.totals[F.community + COMMUNITY_FIELDS * k + 3];
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

  /** The sum of removal weights over agents still in the country, as of the last census, for a step `elapsedYears` in. */
  removalWeightSum(s: Scenario, elapsedYears: number): number {
    return censusWeightSum((k) => this.field(F.removalClass + k), removalWeights(s), elapsedYears);
  }
}

function removalWeights(s: Scenario) {
  const e = s.enforcement;
  return { protectedFactor: e.protectedFactor, recentArrivalFactor: e.recentArrivalFactor, deprioritisedFactor: s.programme.deprioritisation.factor };
}

export async function runReplicate(o: ReplicateOptions): Promise<ReplicateResult> {
  const { scenario: s, policy, executor, twin } = o;
  const n = s.population.agents;
  const weight = s.population.persons / n;
  const communities = ORIGINS.length * s.population.localities;
  const layout = aggregateLayout(communities);
  const blocks = blockCount(n);
  const buffers = o.buffers && o.buffers.n === n ? o.buffers : allocatePopulation(n);
  const aggs = new SharedArrayBuffer(blocks * layout.blockFields * 8);
  const aggView = new Float64Array(aggs);
  const key = replicateKey(s.seed, o.replicate);
  const params = synthesisParams(s, key);

  const shared = { pop: buffers, aggs, layout, blocks };
  await runTasks(executor, shared, { kind: 'synthesize', params }, o.signal);
  o.onSynthesized?.();
  const arms = [new ArmTracker(0, layout), new ArmTracker(1, layout)];
  const initial = reduceBlocks(aggView, blocks, layout);
  for (const a of arms) a.totals = initial.slice(a.arm * layout.armFields, (a.arm + 1) * layout.armFields);

  const communitySize = new Float64Array(communities);
  // Indexed rather than for-of: on the main thread, between synthesis and step 0, for-of cost 7-26 ms at 1e6.
  const community = viewPopulation(buffers).community;
  for (let i = 0; i < n; i++) communitySize[community[i]]++;
  const originPersons = ORIGINS.map((_, g) => ((params.originStart[g + 1] ?? n) - params.originStart[g]) * weight);

  const collector = new SeriesCollector(ORIGINS, policy.steps);
  const groups = ORIGINS.map((g) => groupParams(s, g));
  let deadweight = 0;

  const terms = stepTerms(s, policy, weight);
  const simulated = twin ? arms : arms.slice(0, 1);
  let epochLast = -1;
  let envelope: Envelope | undefined;

  for (let t = 0; t < policy.steps; t++) {
    const months = policy.months[t];
    const stipendPaid = arms.map((a) => a.mature(t));
    const armContexts = arms.map((a) => armContext(s, policy, t, terms[t].elapsedYears, a, communitySize, weight)) as [ArmContext, ArmContext];
    // A new epoch of decision bounds once the last one ends or this step's removal risk falls outside it.
    const fresh = t > epochLast || simulated.some((a) => armContexts[a.arm].removalPerWeight / months > envelope!.removalRate);
    if (fresh) ({ envelope, last: epochLast } = epochEnvelope(terms, t, Math.min(...simulated.map((a) => a.removalWeightSum(s, terms[t].elapsedYears)))));
    const e = s.enforcement;
    const ctx: StepContext = {
      step: t,
      months,
      keys: Array.from({ length: PURPOSES }, (_, p) => streamKey(key, 1, t, p)),
      elapsedYears: terms[t].elapsedYears,
      model: s.model,
      intensity: terms[t].intensity,
      valuation: s.valuation,
      background: terms[t].background,
      penaltyMonths: e.detentionMonths + e.thirdCountryShare * e.thirdCountryMonths,
      protectedFactor: e.protectedFactor,
      recentFactor: e.recentArrivalFactor,
      deprioritisedFactor: s.programme.deprioritisation.factor,
      deprioritisedSteps: Math.round(s.programme.deprioritisation.months / months),
      legalReturn: {
        value: terms[t].legalReturn,
        waitMonths: s.programme.legalReturn.waitYears * 12,
        bars: !s.programme.legalReturn.waivesBars,
      },
      envelope: fresh ? envelope : undefined,
      groups: {
        wageRatio: groups.map((g) => g.wageRatio),
        travelCost: groups.map((g) => g.travelCost),
        danger: groups.map((g) => g.danger),
        legalPathway: groups.map((g) => g.legalPathway),
      },
      twin,
      last: t === policy.steps - 1,
      check: o.check ?? false,
      arms: armContexts,
    };
    await runTasks(executor, shared, { kind: 'step', ctx }, o.signal);
    const total = reduceBlocks(aggView, blocks, layout);

    for (const a of simulated) {
      a.totals = total.slice(a.arm * layout.armFields, (a.arm + 1) * layout.armFields);
      if (ctx.check && t + 1 < policy.steps) checkCensus(s, viewPopulation(buffers), a, ctx, terms[t + 1].elapsedYears);
      const due = paymentDueStep(t, policy.levers.paymentDelayDays[t], policy.days[t]);
      a.schedulePayments(due, a.field(F.stipendDue));
      // A delay shorter than half a step pays within the step itself.
      if (due === t) stipendPaid[a.arm] += a.mature(t);
      for (let k = 0; k < communities; k++) a.departed[k] += a.field(F.community + COMMUNITY_FIELDS * k + 1);
      collector.record(a.arm, t, {
        weight, totals: a.totals, stipendsPaid: stipendPaid[a.arm], stipendsOwed: a.owed(),
        advertising: a.arm === 0 ? advertisingSpend(policy, t) : 0,
        adminCostPerDeparture: s.programme.adminCostPerDeparture, removalCost: s.enforcement.removalCost,
      });
    }
    if (ctx.last && twin) deadweight = total[F.deadweight] * weight;
    o.onStep?.();
  }
  return {
    series: collector.series,
    deadweight: twin ? deadweight : NaN,
    originPersons,
  };
}

/**
 * Checking mode: the census's sum of removal weights for the next step must equal the sum over the agents
 * themselves, each weighted as the next step weighs it (recent arrivals by their years then, deprioritised
 * registrants as the step counted them).
 */
function checkCensus(s: Scenario, pop: Population, a: ArmTracker, ctx: StepContext, elapsedNext: number): void {
  const weights = removalWeights(s);
  const states = a.arm === 0 ? pop.stateP : pop.stateC;
  let direct = 0;
  for (let i = 0; i < pop.n; i++) {
    const state = states[i] & STATE_MASK;
    if (state > State.Preparing) continue;
    const deprioritised = state === State.Registered && ctx.step + 1 - pop.regStep[i] < ctx.deprioritisedSteps;
    direct += removalWeight(weights, (pop.flags[i] & FLAG_PROTECTED) !== 0, isRecentArrival(pop.years[i] + elapsedNext), deprioritised);
  }
  const census = a.removalWeightSum(s, elapsedNext);
  if (!(Math.abs(census - direct) <= 1e-9 * direct)) {
    throw new Error(`census of removal weights off at step ${ctx.step}, arm ${a.arm}: ${census} against ${direct} over the agents (sim/removal-class.ts)`);
  }
}

/** Advertising dollars spent during step t: the day-averaged monthly spend times the step's months. */
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
  return policy.months.map((months, t) => ({
    elapsedYears: policy.months.slice(0, t).reduce((a, m) => a + m, 0) / 12,
    intensity: model.intensity(s.model, months),
    background: backgroundLeaveProbability(s.emigration.baselineAnnualRate, months),
    open: policy.open[t],
    stipend: policy.levers.stipend[t],
    travelShare: policy.levers.travelAssistance[t],
    legalReturn: policy.open[t] ? lr.probability * lr.credibility : 0,
    capacityRate: removalCapacity(policy, t) / weight / months,
  }));
}

/** The arm's view of a step: removal odds from last step's census, awareness and trust from peers. */
function armContext(s: Scenario, policy: Policy, t: number, elapsedYears: number, a: ArmTracker, communitySize: Float64Array, weight: number): ArmContext {
  const p = s.programme;
  const programmeArm = a.arm === 0;
  const months = policy.months[t];
  const open = programmeArm && policy.open[t];
  const communities = communitySize.length;
  const adPerPerson = advertisingSpend(policy, t) / months / s.population.persons;
  const trust = { prior: s.population.trustMean, strength: s.information.trustPrior, lossAversion: s.information.lossAversion };
  // Typed arrays: a task's context is copied to a worker every step, and these copy as one block each.
  const awareness = new Float64Array(communities);
  const trustFactor = new Float64Array(communities).fill(1);
  const peerDeparted = new Float64Array(communities);
  for (let k = 0; k < communities; k++) {
    const size = communitySize[k] || 1;
    peerDeparted[k] = a.departed[k] / size;
    if (!open) continue;
    const awareShare = (a.field(F.community + COMMUNITY_FIELDS * k) + a.paidKnown[k]) / size;
    awareness[k] = awarenessProbability(s.information, adPerPerson, awareShare, months);
    trustFactor[k] = paymentTrustFactor(trust, a.paidKnown[k], a.unpaidKnown[k], weight);
  }
  const lag = departureProbabilities(p.departureRate, p.abandonRate, months);
  return {
    programme: open,
    removalPerWeight: removalPerWeight(removalCapacity(policy, t) / weight, a.removalWeightSum(s, elapsedYears)),
    awareness,
    trustFactor,
    peerDeparted,
    stipend: programmeArm ? Float64Array.from(policy.levers.stipend) : new Float64Array(policy.steps),
    travelShare: programmeArm ? policy.levers.travelAssistance[t] : 0,
    departProbability: lag.depart,
    abandonProbability: lag.abandon,
    paymentReliability: policy.levers.paymentReliability[t],
  };
}
