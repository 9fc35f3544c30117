import { ORIGINS } from '../models/groups.js';
import { stepIntensity } from '../models/index.js';
import { groupParams, type Scenario } from '../scenarios/schema.js';
import { aggregateLayout, COMMUNITY_FIELDS, F, ORIGIN_FIELDS, reduceBlocks, type AggregateLayout } from './aggregates.js';
import type { Policy } from './policy.js';
import { epochEnvelope, type Envelope, type StepTerms } from './hazard-bound.js';
import { allocatePopulation, blockCount, viewPopulation, type PopulationBuffers } from './population.js';
import { streamKey } from './random/hash.js';
import { replicateKey } from './random/seed.js';
import { PURPOSES, type ArmContext, type StepContext } from './step.js';
import type { SynthesisParams } from './synthesis.js';
import type { BlockTask, BlockWork, Executor } from './tasks.js';

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
  /** Per future step: [stipend dollars, paid by community..., unpaid by community...] maturing then. */
  readonly pending = new Map<number, { dollars: number; paid: Float64Array; unpaid: Float64Array }>();

  constructor(readonly arm: number, readonly layout: AggregateLayout) {
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

  const series: ArmSeries = {};
  const put = (name: string, arm: number, t: number, value: number) => {
    series[name] ??= [new Float64Array(policy.steps), new Float64Array(policy.steps)];
    series[name][arm][t] = value;
  };
  const groups = ORIGINS.map((g) => groupParams(s, g));
  const model = s.model;
  const cum = [new Map<string, number>(), new Map<string, number>()];
  const addCum = (arm: number, name: string, v: number) => {
    const x = (cum[arm].get(name) ?? 0) + v;
    cum[arm].set(name, x);
    return x;
  };
  let deadweight = 0;

  const terms = stepTerms(s, policy, weight);
  const simulated = twin ? arms : arms.slice(0, 1);
  let epochLast = -1;
  let envelope: Envelope | undefined;

  for (let t = 0; t < policy.steps; t++) {
    const months = policy.months[t];
    const stipendPaid = arms.map((a) => a.mature(t));
    const armContexts = arms.map((a) => armContext(s, policy, t, a, a.arm === 0, communitySize, weight)) as [ArmContext, ArmContext];
    // A new epoch of decision bounds once the last one ends or this step's removal risk falls outside it.
    const fresh = t > epochLast || simulated.some((a) => armContexts[a.arm].removalPerWeight / months > envelope!.removalRate);
    if (fresh) ({ envelope, last: epochLast } = epochEnvelope(terms, t, Math.min(...simulated.map((a) => removalWeightSum(s, a)))));
    const ctx: StepContext = {
      step: t,
      months,
      keys: Array.from({ length: PURPOSES }, (_, p) => streamKey(key, 1, t, p)),
      elapsedYears: terms[t].elapsedYears,
      model,
      intensity: terms[t].intensity,
      valuation: s.valuation,
      background: terms[t].background,
      penaltyMonths: s.enforcement.detentionMonths + s.enforcement.thirdCountryShare * s.enforcement.thirdCountryMonths,
      protectedFactor: s.enforcement.protectedFactor,
      recentFactor: s.enforcement.recentArrivalFactor,
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
      arms: armContexts,
    };
    await runTasks(executor, shared, { kind: 'step', ctx }, o.signal);
    const total = reduceBlocks(aggView, blocks, layout);

    for (const a of simulated) {
      a.totals = total.slice(a.arm * layout.armFields, (a.arm + 1) * layout.armFields);
      const arm = a.arm;
      const due = t + policy.delaySteps[t];
      a.schedulePayments(due, a.field(F.stipendDue));
      // A delay shorter than half a step pays within the step itself.
      if (due === t) stipendPaid[arm] += a.mature(t);
      put('stipends_owed', arm, t, a.owed() * weight);
      for (let k = 0; k < communities; k++) a.departed[k] += a.field(F.community + COMMUNITY_FIELDS * k + 1);
      const alive = a.field(F.present) + a.field(F.registered) + a.field(F.preparing);
      const flows: Record<string, number> = {
        registrations: a.field(F.registrations),
        departures_assisted: a.field(F.departedAssisted),
        departures_unassisted: a.field(F.departedUnassisted),
        removals: a.field(F.removed),
        abandonments: a.field(F.abandoned),
      };
      put('present', arm, t, a.field(F.present) * weight);
      put('registered', arm, t, a.field(F.registered) * weight);
      put('preparing', arm, t, a.field(F.preparing) * weight);
      put('aware', arm, t, a.field(F.aware) * weight);
      put('awareness_share', arm, t, alive > 0 ? a.field(F.aware) / alive : 0);
      put('trust_payment', arm, t, a.field(F.present) > 0 ? a.field(F.trustSum) / a.field(F.present) : 0);
      for (const [name, v] of Object.entries(flows)) put(name, arm, t, v * weight);
      put('cum_departures_assisted', arm, t, addCum(arm, 'assisted', flows.departures_assisted) * weight);
      put('cum_departures_unassisted', arm, t, addCum(arm, 'unassisted', flows.departures_unassisted) * weight);
      put('cum_removals', arm, t, addCum(arm, 'removals', flows.removals) * weight);
      put('cum_departures_total', arm, t,
        addCum(arm, 'total', flows.departures_assisted + flows.departures_unassisted + flows.removals) * weight);
      const spend = {
        stipends: stipendPaid[arm] * weight,
        travel: a.field(F.travelSpend) * weight,
        admin: flows.departures_assisted * s.programme.adminCostPerDeparture * weight,
        advertising: arm === 0 ? policy.advertising[t] : 0,
        removals: flows.removals * s.enforcement.removalCost * weight,
      };
      for (const [name, v] of Object.entries(spend)) put(`spend_${name}`, arm, t, v);
      put('cum_spend_programme', arm, t, addCum(arm, 'programme', spend.stipends + spend.travel + spend.admin + spend.advertising));
      put('cum_spend_removals', arm, t, addCum(arm, 'removalSpend', spend.removals));
      ORIGINS.forEach((origin, g) => {
        const assisted = a.field(F.origin + ORIGIN_FIELDS * g);
        const all = a.field(F.origin + ORIGIN_FIELDS * g + 1);
        put(`departures_assisted.${origin}`, arm, t, assisted * weight);
        put(`cum_departures_assisted.${origin}`, arm, t, addCum(arm, `a.${origin}`, assisted) * weight);
        put(`cum_departures_total.${origin}`, arm, t, addCum(arm, `t.${origin}`, all) * weight);
      });
    }
    if (ctx.last && twin) deadweight = total[F.deadweight] * weight;
    o.onStep?.();
  }
  return {
    series,
    deadweight: twin ? deadweight : NaN,
    originPersons,
  };
}

/** The arm's sum of removal weights over agents still in the country, as of the last census, in agents. */
function removalWeightSum(s: Scenario, a: ArmTracker): number {
  const e = s.enforcement;
  let sum = 0;
  for (let cls = 0; cls < 8; cls++) {
    const w = (cls & 1 ? e.protectedFactor : 1) * (cls & 2 ? e.recentArrivalFactor : 1) * (cls & 4 ? s.programme.deprioritisation.factor : 1);
    sum += a.field(F.removalClass + cls) * w;
  }
  return sum;
}

/** What each step's context takes from the scenario and policy alone, and the decision bounds' envelope needs. */
function stepTerms(s: Scenario, policy: Policy, weight: number): StepTerms[] {
  const lr = s.programme.legalReturn;
  return policy.months.map((months, t) => ({
    elapsedYears: policy.months.slice(0, t).reduce((a, m) => a + m, 0) / 12,
    intensity: stepIntensity(s.model, months),
    background: 1 - Math.pow(1 - s.emigration.baselineAnnualRate, months / 12),
    open: policy.open[t],
    stipend: policy.stipend[t],
    travelShare: policy.travelShare[t],
    legalReturn: policy.open[t] ? lr.probability * lr.credibility : 0,
    capacityRate: policy.removals[t] / weight / months,
  }));
}

/** The arm's view of this step: removal odds from last step's census, awareness and trust from peers. */
function armContext(s: Scenario, policy: Policy, t: number, a: ArmTracker, programmeArm: boolean,
  communitySize: Float64Array, weight: number): ArmContext {
  const p = s.programme;
  const months = policy.months[t];
  const open = programmeArm && policy.open[t];
  const deprioritisedSteps = Math.round(p.deprioritisation.months / months);
  const sumWeights = removalWeightSum(s, a);
  const capacityAgents = policy.removals[t] / weight;
  const communities = communitySize.length;
  const info = s.information;
  const adPerPerson = policy.advertising[t] / months / s.population.persons;
  const prior = s.population.trustMean;
  // Typed arrays: a task's context is copied to a worker every step, and these copy as one block each.
  const awareness = new Float64Array(communities);
  const trustFactor = new Float64Array(communities).fill(1);
  const peerDeparted = new Float64Array(communities);
  for (let k = 0; k < communities; k++) {
    const size = communitySize[k] || 1;
    peerDeparted[k] = a.departed[k] / size;
    if (!open) continue;
    const awareShare = (a.field(F.community + COMMUNITY_FIELDS * k) + a.paidKnown[k]) / size;
    const rate = info.newsRate + info.adEffect * adPerPerson + info.peerEffect * Math.min(1, awareShare);
    awareness[k] = 1 - Math.exp(-rate * months);
    // Beta-Bernoulli belief about payment, centred on the population's prior trust; failures weigh more.
    // Experience counts in persons, so the belief does not depend on how many agents stand for them.
    const k0 = info.trustPrior;
    const paid = a.paidKnown[k] * weight;
    const posterior = (prior * k0 + paid) / (k0 + paid + info.lossAversion * a.unpaidKnown[k] * weight);
    trustFactor[k] = posterior / prior;
  }
  const depart = p.departureRate * months;
  const abandon = p.abandonRate * months;
  const leave = 1 - Math.exp(-(depart + abandon));
  return {
    programme: open,
    removalPerWeight: sumWeights > 0 ? capacityAgents / sumWeights : 0,
    deprioritisedFactor: p.deprioritisation.factor,
    deprioritisedSteps,
    awareness,
    trustFactor,
    peerDeparted,
    stipendByStep: programmeArm ? Float64Array.from(policy.stipend) : new Float64Array(policy.steps),
    travelShare: programmeArm ? policy.travelShare[t] : 0,
    departProbability: depart + abandon > 0 ? (leave * depart) / (depart + abandon) : 0,
    abandonProbability: depart + abandon > 0 ? (leave * abandon) / (depart + abandon) : 0,
    paymentReliability: policy.reliability[t],
  };
}
