import seedrandom from 'seedrandom';
import { utility, type UtilityParams } from '../models/utility.js';
import { annuity, type Valuation } from '../models/valuation.js';
import type { Scenario } from '../scenarios/schema.js';
import { resolvePolicy, type Policy } from '../sim/policy.js';
import { betaLike, betaLikeTerms, lognormal, standardNormal } from '../sim/random/distributions.js';

/**
 * The `utility` model written the straightforward way: one object per agent with a `step()` method, one
 * thread, a sequential generator, plain objects for the step's context. It follows MODEL.md and the same
 * equations as the engine (sim/step.ts, sim/replicate.ts), but not its random numbers, so the two agree on
 * aggregates only within sampling noise. It exists to measure what the engine's design buys; it is never
 * used for results.
 */

const enum S { Present, Registered, Preparing, DepartedAssisted, DepartedUnassisted, Removed }

/** What one arm's agents see in one step. */
interface ArmView {
  programme: boolean;
  removalPerWeight: number;
  deprioritisedFactor: number;
  deprioritisedSteps: number;
  awareness: number[];
  trustFactor: number[];
  stipendByStep: ArrayLike<number>;
  travelShare: number;
  departProbability: number;
  abandonProbability: number;
  paymentReliability: number;
}

/** What one arm's agents report back from one step. */
class ArmTally {
  registrations = 0;
  departedAssisted = 0;
  departedUnassisted = 0;
  removed = 0;
  /** Removal weight of agents still in the US, for next step's removal odds. */
  weightSum = 0;
  aware: number[];
  departed: number[];
  paid: number[];
  unpaid: number[];
  constructor(communities: number) {
    this.aware = new Array(communities).fill(0);
    this.departed = new Array(communities).fill(0);
    this.paid = new Array(communities).fill(0);
    this.unpaid = new Array(communities).fill(0);
  }
}

interface World {
  s: Scenario;
  m: UtilityParams;
  step: number;
  elapsedYears: number;
  months: number;
  review: number;
  background: number;
  rng: () => number;
  arms: ArmView[];
  tallies: ArmTally[];
  wageRatio: number[];
  travelCost: number[];
  danger: number[];
  legalPathway: number[];
  legalReturnValue: number;
}

class Agent {
  state = [S.Present, S.Present];
  aware = [false, false];
  regStep = 0;

  constructor(
    readonly origin: number, readonly community: number, readonly years: number, readonly age: number,
    readonly family: boolean, readonly statusWeight: number, readonly earnings: number, readonly savings: number,
    readonly discount: number, readonly riskBias: number, readonly trust: number, readonly idio: number,
  ) {}

  removalWeight(w: World, arm: number, step: number): number {
    const recent = this.years + w.elapsedYears < 2;
    let weight = this.statusWeight * (recent ? w.s.enforcement.recentArrivalFactor : 1);
    if (this.state[arm] === S.Registered && step - this.regStep < w.arms[arm].deprioritisedSteps) weight *= w.arms[arm].deprioritisedFactor;
    return weight;
  }

  step(w: World, arm: number): void {
    if (this.state[arm] >= S.DepartedAssisted) return;
    const a = w.arms[arm];
    const out = w.tallies[arm];
    const val = w.s.valuation;
    const travelCost = w.travelCost[this.origin];
    if (a.programme && !this.aware[arm] && w.rng() < a.awareness[this.community]) this.aware[arm] = true;
    const trustPay = Math.min(1, this.trust * a.trustFactor[this.community]);
    let state = this.state[arm];
    if (w.rng() < a.removalPerWeight * this.removalWeight(w, arm, w.step)) {
      state = S.Removed;
    } else if (state === S.Present) {
      const yearsNow = this.years + w.elapsedYears;
      const monthsLeft = (val.workingAge - this.age - w.elapsedYears) * 12;
      const baseWeight = this.statusWeight * (yearsNow < 2 ? w.s.enforcement.recentArrivalFactor : 1);
      const p = Math.min(1, a.removalPerWeight * baseWeight * this.riskBias) / w.months;
      const premium = this.earnings * (1 - 1 / w.wageRatio[this.origin]);
      const homeMonths = (this.family ? val.familyTieMonths : 0) + val.dangerMonths * w.danger[this.origin];
      const penalty = this.earnings * (w.s.enforcement.detentionMonths + w.s.enforcement.thirdCountryShare * w.s.enforcement.thirdCountryMonths + homeMonths);
      const ann = annuity(this.discount + p, monthsLeft);
      const v: Valuation = {
        earnings: this.earnings,
        stay: premium * ann - p * ann * penalty,
        leaveOwn: -travelCost - this.earnings * homeMonths,
        programmeGain: 0,
        affordability: 0,
        peerDepartedShare: 0,
        idio: this.idio,
      };
      let route = 0;
      if (a.programme && this.aware[arm]) {
        let returnValue = 0;
        const lr = w.s.programme.legalReturn;
        if (w.legalReturnValue > 0) {
          const wait = !lr.waivesBars ? Math.max(lr.waitYears * 12, yearsNow >= 1 ? 120 : 36) : lr.waitYears * 12;
          returnValue = w.legalReturnValue * this.trust * w.legalPathway[this.origin] * premium * Math.exp(-this.discount * wait) * annuity(this.discount, monthsLeft - wait);
        }
        const x = (trustPay * a.stipendByStep[w.step] + a.travelShare * travelCost - w.s.programme.registrationCost * (1 - this.trust) + returnValue) / val.routeScale;
        v.programmeGain = val.routeScale * Math.log1p(Math.exp(x));
        route = 1 / (1 + Math.exp(-x));
      }
      v.affordability = Math.min(1, (this.savings + (route > 0 ? a.travelShare * travelCost : 0)) / travelCost);
      const h = 1 - (1 - utility.hazard(v, w.m, w.review)) * (1 - w.background);
      if (w.rng() < h) {
        if (route > 0 && w.rng() < route) {
          state = S.Registered;
          this.regStep = w.step;
          out.registrations++;
        } else {
          state = S.Preparing;
        }
      }
    } else {
      const d = w.rng();
      if (d < a.departProbability && state === S.Preparing) {
        state = S.DepartedUnassisted;
      } else if (d < a.departProbability) {
        state = S.DepartedAssisted;
        if (w.rng() < a.paymentReliability) {
          out.paid[this.community]++;
        } else {
          out.unpaid[this.community]++;
        }
      } else if (d < a.departProbability + a.abandonProbability) {
        state = S.Present;
      }
    }
    this.state[arm] = state;
    if (this.aware[arm] && state <= S.Preparing) out.aware[this.community]++;
    if (state >= S.DepartedAssisted) {
      out.departed[this.community]++;
      if (state === S.DepartedAssisted) out.departedAssisted++;
      else if (state === S.DepartedUnassisted) out.departedUnassisted++;
      else out.removed++;
    }
    if (state <= S.Preparing) out.weightSum += this.removalWeight(w, arm, w.step + 1);
  }
}

export interface ReferenceResult {
  /** Final cumulative counts, persons, per arm (programme, twin). */
  departuresAssisted: [number, number];
  departuresUnassisted: [number, number];
  removals: [number, number];
  registrations: [number, number];
  /** Steps run. */
  steps: number;
  /** Seconds spent in synthesis and in the steps. */
  synthesisSeconds: number;
  stepSeconds: number;
}

function synthesize(s: Scenario, rng: () => number): Agent[] {
  const n = s.population.agents;
  const groups = s.population.groups;
  const total = groups.reduce((a, g) => a + g.persons, 0);
  const pop = s.population;
  const agents: Agent[] = [];
  groups.forEach((grp, g) => {
    const count = Math.round((groups.slice(0, g + 1).reduce((a, x) => a + x.persons, 0) / total) * n) - agents.length;
    for (let k = 0; k < count; k++) {
      const locality = Math.min(pop.localities - 1, Math.floor(rng() * pop.localities));
      const age = Math.min(85, Math.max(16, Math.round(pop.ageMean + pop.ageSd * standardNormal(rng(), rng()))));
      const years = Math.min(age - 1, Math.max(0, Math.round(lognormal(Math.max(grp.yearsMedian, 0.5), pop.yearsSigma, standardNormal(rng(), rng())))));
      // The status by its share in the group, in the population's order (one person per agent: no households).
      let u = rng();
      const status = pop.statuses.find((st) => (u -= grp.statuses[st.name] ?? 0) < 0) ?? pop.statuses[pop.statuses.length - 1];
      const family = rng() < grp.familyShare;
      agents.push(new Agent(
        g, g * pop.localities + locality, years, age, family, status.removalWeight,
        Math.max(0.1 * grp.earningsMedian, lognormal(grp.earningsMedian, pop.earningsSigma, standardNormal(rng(), rng()))),
        lognormal(pop.savingsMedian, pop.savingsSigma, standardNormal(rng(), rng())),
        Math.log1p(lognormal(pop.discountRateMedian, pop.discountRateSigma, standardNormal(rng(), rng()))) / 12,
        lognormal(pop.riskBiasMedian, pop.riskBiasSigma, standardNormal(rng(), rng())),
        betaLike(betaLikeTerms(pop.trustMean, pop.trustSd), standardNormal(rng(), rng())),
        standardNormal(rng(), rng()),
      ));
    }
  });
  return agents;
}

/**
 * Run one replicate of a `utility` scenario with its twin, the straightforward way, over the scenario's first
 * `maxSteps` steps (all of them by default).
 */
export function runReference(s: Scenario, seed = 1, maxSteps = Infinity): ReferenceResult {
  if (s.model.name !== 'utility') throw new Error('the reference implements the utility model only');
  const rng = seedrandom(`reference:${seed}`);
  const policy = resolvePolicy(s);
  const t0 = performance.now();
  const agents = synthesize(s, rng);
  const t1 = performance.now();
  const weight = s.population.persons / s.population.agents;
  const communities = s.population.groups.length * s.population.localities;
  const size = new Array(communities).fill(0);
  for (const a of agents) size[a.community]++;
  const groups = s.population.groups;
  const history = [0, 1].map(() => ({
    departed: new Array(communities).fill(0), paidKnown: new Array(communities).fill(0), unpaidKnown: new Array(communities).fill(0),
    pending: new Map<number, { paid: number[]; unpaid: number[] }>(), last: null as ArmTally | null,
    registrations: 0, assisted: 0, unassisted: 0, removed: 0,
  }));
  const w: World = {
    s, m: s.model as unknown as UtilityParams, step: 0, elapsedYears: 0, months: 1, review: 0, background: 0, rng, arms: [], tallies: [],
    wageRatio: groups.map((g) => g.wageRatio), travelCost: groups.map((g) => g.travelCost),
    danger: groups.map((g) => g.danger), legalPathway: groups.map((g) => g.legalPathway), legalReturnValue: 0,
  };
  let initialWeight = 0;
  w.arms = [0, 1].map(() => ({ deprioritisedSteps: 0, deprioritisedFactor: 1 }) as ArmView);
  for (const a of agents) initialWeight += a.removalWeight(w, 0, 0);
  const steps = Math.min(policy.steps, maxSteps);
  for (let t = 0; t < steps; t++) {
    const months = policy.months[t];
    w.step = t;
    w.elapsedYears = policy.months.slice(0, t).reduce((a, m) => a + m, 0) / 12;
    w.months = months;
    w.review = utility.intensity(w.m, months);
    // The US population has one rate for every group, so the first group's stands for all.
    w.background = policy.groups.background[t * groups.length];
    w.legalReturnValue = policy.open[t] ? s.programme.legalReturn.probability * s.programme.legalReturn.credibility : 0;
    w.arms = [0, 1].map((arm) => armView(s, policy, t, arm === 0, history[arm], size, weight, initialWeight));
    w.tallies = [new ArmTally(communities), new ArmTally(communities)];
    for (let arm = 0; arm < 2; arm++) for (const agent of agents) agent.step(w, arm);
    for (let arm = 0; arm < 2; arm++) {
      const h = history[arm];
      const out = w.tallies[arm];
      h.last = out;
      h.registrations += out.registrations;
      h.assisted += out.departedAssisted;
      h.unassisted += out.departedUnassisted;
      h.removed += out.removed;
      for (let k = 0; k < communities; k++) h.departed[k] += out.departed[k];
      const due = t + Math.round(policy.levers.paymentDelayDays[t] / policy.days[t]);
      const slot = h.pending.get(due) ?? { paid: new Array(communities).fill(0), unpaid: new Array(communities).fill(0) };
      for (let k = 0; k < communities; k++) {
        slot.paid[k] += out.paid[k];
        slot.unpaid[k] += out.unpaid[k];
      }
      h.pending.set(due, slot);
    }
  }
  const t2 = performance.now();
  const pair = (f: (h: (typeof history)[number]) => number): [number, number] => [f(history[0]) * weight, f(history[1]) * weight];
  return {
    departuresAssisted: pair((h) => h.assisted),
    departuresUnassisted: pair((h) => h.unassisted),
    removals: pair((h) => h.removed),
    registrations: pair((h) => h.registrations),
    steps,
    synthesisSeconds: (t1 - t0) / 1000,
    stepSeconds: (t2 - t1) / 1000,
  };
}

function armView(s: Scenario, policy: Policy, t: number, programmeArm: boolean,
  h: { departed: number[]; paidKnown: number[]; unpaidKnown: number[]; pending: Map<number, { paid: number[]; unpaid: number[] }>; last: ArmTally | null },
  size: number[], weight: number, initialWeight: number): ArmView {
  const months = policy.months[t];
  const p = s.programme;
  const info = s.information;
  const matured = h.pending.get(t);
  if (matured) {
    h.pending.delete(t);
    for (let k = 0; k < size.length; k++) {
      h.paidKnown[k] += matured.paid[k];
      h.unpaidKnown[k] += matured.unpaid[k];
    }
  }
  const open = programmeArm && policy.open[t];
  const sumWeights = h.last ? h.last.weightSum : initialWeight;
  const adPerPerson = (policy.levers.advertisingPerMonth[t] * months) / months / s.population.persons;
  const awareness = size.map((n, k) => {
    if (!open) return 0;
    const share = ((h.last?.aware[k] ?? 0) + h.paidKnown[k]) / (n || 1);
    return 1 - Math.exp(-(info.newsRate + info.adEffect * adPerPerson + info.peerEffect * Math.min(1, share)) * months);
  });
  const prior = s.population.trustMean;
  const trustFactor = size.map((_, k) => !open ? 1
    : ((prior * info.trustPrior + h.paidKnown[k] * weight) / (info.trustPrior + h.paidKnown[k] * weight + info.lossAversion * h.unpaidKnown[k] * weight)) / prior);
  const depart = p.departureRate * months;
  const abandon = p.abandonRate * months;
  const leave = 1 - Math.exp(-(depart + abandon));
  return {
    programme: open,
    removalPerWeight: sumWeights > 0 ? (policy.levers.removalsPerDay[t] * policy.days[t]) / weight / sumWeights : 0,
    deprioritisedFactor: p.deprioritisation.factor,
    deprioritisedSteps: Math.round(p.deprioritisation.months / months),
    awareness,
    trustFactor,
    stipendByStep: programmeArm ? policy.levers.stipend : policy.levers.stipend.map(() => 0),
    travelShare: programmeArm ? policy.levers.travelAssistance[t] : 0,
    departProbability: depart + abandon > 0 ? (leave * depart) / (depart + abandon) : 0,
    abandonProbability: depart + abandon > 0 ? (leave * abandon) / (depart + abandon) : 0,
    paymentReliability: policy.levers.paymentReliability[t],
  };
}
