import { Decision, leaveProbability, type DecisionInputs, type DecisionTerms } from '../models/decision.js';
import type { EmploymentTerms } from '../models/employment.js';
import { behaviouralModel } from '../models/index.js';
import { AMOUNT_PARTS, deadlineProbability, householdAmount, type AmountParts } from '../models/payment.js';
import { perceivedReliability } from '../models/trust.js';
import { COMMUNITY_FIELDS, F, GROUP_FIELDS, type AggregateLayout } from './aggregates.js';
import { boundLeaveProbabilities } from './decision-bound.js';
import { benefitMonthsLeft, isEligible } from './eligibility.js';
import { moveJobs } from './employment-pass.js';
import { advanceStaying, type StayingRun } from './fast-path.js';
import { reachOut } from './outreach-pass.js';
import { NO_DEADLINE } from './policy.js';
import { AWARE, BLOCK_SIZE, FLAG_FAMILY, FLAG_UNEMPLOYED, leftEveryArm, State, STATE_MASK, type Population } from './population.js';
import { uniform } from './random/hash.js';
import { classCount } from './removal-class.js';
import { Purpose, type ArmContext, type StepContext } from './step-context.js';
import { stepTables, type StepTables } from './step-tables.js';

/**
 * One step of the model for the blocks a thread claims: the engine's hot loop. It is a pure function of the
 * agents' state, the step context (built by the main thread from the previous step's aggregates) and
 * counter-based random numbers keyed by agent, so any split of blocks over workers gives the same result. It
 * uses no Node-only API, so a browser Web Worker runs the same code.
 *
 * `advanceArms` is the reference: one agent's step in both arms, by the rules of models/. Two performance options
 * stand beside it, each with the contract "gives what the reference gives": the fast path for agents who stay
 * present (sim/fast-path.ts) and the bound that lets a decision skip its exact hazard (sim/decision-bound.ts).
 * In checking mode (`ctx.check`) neither is used for the result and the bound is verified for every decision.
 *
 * An agent is a household (one person without households): it decides and leaves as one, and every count is of
 * its persons. Both arms advance in the same pass and draw the same uniforms for the same purpose: common random
 * numbers.
 */
export function stepBlocks(pop: Population, ctx: StepContext, aggs: Float64Array<ArrayBufferLike>, layout: AggregateLayout,
  blocks: Iterable<number>): void {
  const t = stepTables(ctx);
  const step = new AgentStep(pop, ctx, t, layout);
  const classes = classCount(ctx.statusWeight.length);
  // Counts of the staying agents go to small integer arrays rather than to `out`: an add carried from agent to
  // agent through `out` cost a seventh of the step. They are whole numbers, added to `out` at the end of the block.
  const presentByClass = new Int32Array(2 * classes); // arm x removal class
  const awareByCommunity = new Int32Array(layout.communities); // programme arm
  const [kAware, kRemove, kDecide] = ctx.keys;
  const countLast = ctx.last && ctx.twin;
  const run: StayingRun = {
    stateP: pop.stateP, stateC: pop.stateC, community: pop.community, cls: pop.cls, persons: pop.persons, trust: pop.trust,
    leaveBound: pop.leaveBound, awareness: ctx.arms[0].awareness, trustFactor0: ctx.arms[0].trustFactor,
    trustFactor1: ctx.arms[1].trustFactor, removal0: t.removalPerClass[0], removal1: t.removalPerClass[1], kAware, kRemove, kDecide,
    programme: ctx.arms[0].programme, twin: ctx.twin, passGone: !countLast, armFields: layout.armFields, classes, presentByClass, awareByCommunity,
  };
  for (const b of blocks) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(pop.n, lo + BLOCK_SIZE);
    const out = aggs.subarray(b * layout.blockFields, (b + 1) * layout.blockFields);
    out.fill(0);
    presentByClass.fill(0);
    awareByCommunity.fill(0);
    step.out = out;
    // What happens to agents before they decide: jobs lost and found, the programme's letters.
    const losses = moveJobs(pop, ctx, lo, hi, out, layout.armFields, lostJobs);
    reachOut(pop, ctx, lo, hi);
    // Every bound at the start of an epoch; later, those of agents who lost a job, whose bound was for someone in work.
    if (ctx.newEpoch) boundLeaveProbabilities(pop, lo, hi, ctx.envelope, ctx, t);
    else for (let k = 0; k < losses; k++) boundLeaveProbabilities(pop, lostJobs[k], lostJobs[k] + 1, ctx.envelope, ctx, t);
    // Agents that stay present in both arms are advanced in runs; the loop body takes each one in between. In
    // checking mode every agent takes the reference path.
    if (ctx.check) {
      for (let i = lo; i < hi; i++) step.advance(i, countLast);
    } else {
      for (let i = advanceStaying(run, out, lo, hi); i < hi; i = advanceStaying(run, out, i + 1, hi)) step.advance(i, countLast);
    }
    for (let k = 0; k < 2 * classes; k++) {
      const o = k < classes ? 0 : layout.armFields;
      out[o + F.present] += presentByClass[k];
      out[o + F.removalClass + (k % classes)] += presentByClass[k];
    }
    for (let c = 0; c < awareByCommunity.length; c++) step.countAware(0, c, awareByCommunity[c]);
  }
}

/**
 * The agents of a block who lost a job, kept for the thread's life: a step runs one block at a time, and a buffer
 * per block cost a run of 1e6 agents 12 MB of peak memory (zero-filled backing stores awaiting collection).
 */
const lostJobs = new Int32Array(BLOCK_SIZE);

/** The reference step of one agent: what every agent does, whichever path the engine takes for it. */
class AgentStep {
  out: Float64Array<ArrayBufferLike> = new Float64Array(0);
  private readonly decision = new Decision();
  private readonly inputs: DecisionInputs = {
    earnings: 0, savings: 0, discount: 0, riskBias: 0, trust: 0, idio: 0, age: 0, yearsAtStart: 0, family: false, persons: 1,
    wageRatio: 0, travelCost: 0, danger: 0, legalPathway: 0, ownReturn: { probability: 0, waitMonths: 0, bars: false }, removalRisk: 0,
    knowsProgramme: false, trustPay: 0, amount: 0, scheduledAmount: 0, changeMonths: Infinity, amountNext: 0, travelShare: 0, peerDepartedShare: 0,
    employment: null, background: 0,
  };
  private readonly employment: EmploymentTerms = {
    unemployed: false, lossRate: 0, findRate: 0, replacementRate: 0, floorShare: 0, benefitMonthsLeft: 0,
  };
  private readonly terms: DecisionTerms;
  private readonly parts: AmountParts = { head: 0, otherAdult: 0, child: 0, household: 0 };
  private readonly statuses: number;
  private readonly classes: number;

  constructor(private readonly pop: Population, private readonly ctx: StepContext, private readonly t: StepTables,
    private readonly layout: AggregateLayout) {
    this.statuses = ctx.statusWeight.length;
    this.classes = classCount(this.statuses);
    this.terms = {
      months: ctx.months, elapsedYears: ctx.elapsedYears, valuation: ctx.valuation, model: behaviouralModel(ctx.model.name),
      params: ctx.model, intensity: ctx.intensity, penaltyMonths: ctx.penaltyMonths,
      instalments: ctx.instalments, registrationCost: ctx.registrationCost, programmeReturn: ctx.programmeReturn,
    };
  }

  /** Agent i's step, unless it has left in every arm; on the last step, count it if it is deadweight. */
  advance(i: number, countLast: boolean): void {
    const { stateP, stateC } = this.pop;
    if (!leftEveryArm(stateP[i], stateC[i], this.ctx.twin)) this.advanceArms(i);
    // A programme taker who, in the twin, left anyway (unassisted or removed) by the end of the horizon.
    if (countLast && (stateP[i] & STATE_MASK) === State.DepartedAssisted && stateC[i] >= State.DepartedUnassisted) {
      this.out[F.deadweight] += this.pop.persons[i];
      this.out[this.layout.group + GROUP_FIELDS * this.pop.origin[i] + 2] += this.pop.persons[i];
    }
  }

  /** Agent i's step in each simulated arm: information, enforcement, decision or departure, then its count. */
  private advanceArms(i: number): void {
    const { pop, ctx, t, out } = this;
    const keys = ctx.keys;
    const c = pop.community[i];
    const trust = pop.trust[i];
    const cls = pop.cls[i];
    const persons = pop.persons[i];
    // Uniforms shared by both arms (common random numbers), drawn once when first needed.
    let uRemove = -1, uDecide = -1, uDepart = -1, uPay = -1;
    for (let arm = 0; arm < (ctx.twin ? 2 : 1); arm++) {
      const a = ctx.arms[arm];
      const o = arm * this.layout.armFields;
      let s = arm === 0 ? pop.stateP[i] : pop.stateC[i];
      let base = s & STATE_MASK;
      if (base >= State.DepartedAssisted) continue;
      // 1. Information: an unaware agent may learn of the open programme.
      if (a.programme && (s & AWARE) === 0 && uniform(keys[Purpose.Aware], i) < a.awareness[c]) s |= AWARE;
      const aware = (s & AWARE) !== 0;
      const trustPay = perceivedReliability(trust, a.trustFactor[c]);
      // 2. Enforcement: capacity shared out by removal weight; a recent registration is deprioritised.
      const deprioritised = base === State.Registered && ctx.step - pop.regStep[i] < ctx.deprioritisedSteps;
      if (uRemove < 0) uRemove = uniform(keys[Purpose.Remove], i);
      if (uRemove < (deprioritised ? a.removalPerWeight * t.deprioritisedWeight[cls] : t.removalPerClass[arm][cls])) {
        base = State.Removed;
      } else if (base === State.Present) {
        // 3. Decision. A draw at or above the agent's bound stays whatever the exact probability (decision-bound.ts).
        if (uDecide < 0) uDecide = uniform(keys[Purpose.Decide], i);
        if (ctx.check || uDecide < pop.leaveBound[i]) base = this.decide(i, arm, aware, trustPay, uDecide);
      } else {
        // 4. An agent on its way departs or gives up; a registered one's arrival is confirmed and its amount due.
        if (uDepart < 0) uDepart = uniform(keys[Purpose.Depart], i);
        if (uDepart < a.departProbability && base === State.Preparing) {
          base = State.DepartedUnassisted;
        } else if (uDepart < a.departProbability) {
          base = State.DepartedAssisted;
          out[o + F.travelSpend] += a.travelShare * ctx.groups.travelCost[pop.origin[i]] * persons;
          if (uPay < 0) uPay = uniform(keys[Purpose.Pay], i);
          const paid = uPay < a.paymentReliability;
          if (paid) out[o + F.stipendDue] += this.amountPaid(i, a);
          out[o + this.layout.community + COMMUNITY_FIELDS * c + (paid ? 2 : 3)] += persons;
        } else if (uDepart < a.departProbability + a.abandonProbability) {
          base = State.Present;
          out[o + F.abandoned] += persons;
        }
      }
      const next = base | (s & AWARE);
      if (arm === 0) pop.stateP[i] = next;
      else pop.stateC[i] = next;
      this.tally(i, o, base, aware, base === State.Registered && ctx.step + 1 - pop.regStep[i] < ctx.deprioritisedSteps, trustPay);
    }
  }

  /** A present agent's decision in one arm, given its draw `u`: present, registered, or preparing to leave. */
  private decide(i: number, arm: number, aware: boolean, trustPay: number, u: number): State {
    const p = this.leaveProbability(i, arm, aware, trustPay);
    if (this.ctx.check && p > this.pop.leaveBound[i]) {
      throw new Error(`decision bound too low for agent ${i} at step ${this.ctx.step}: exact ${p} > bound ${this.pop.leaveBound[i]} (sim/decision-bound.ts)`);
    }
    if (!(u < p)) return State.Present;
    const route = this.decision.route.share;
    if (route > 0 && uniform(this.ctx.keys[Purpose.Route], i) < route) {
      this.pop.regStep[i] = this.ctx.step;
      this.out[arm * this.layout.armFields + F.registrations] += this.pop.persons[i];
      return State.Registered;
    }
    return State.Preparing;
  }

  /** The household amount for a registration at step `reg`, with the head amount `head` (models/payment.ts). */
  private amount(i: number, a: ArmContext, reg: number, head: number): number {
    return this.household(i, a.amounts, (reg * this.statuses + this.pop.cls[i] % this.statuses) * AMOUNT_PARTS, head);
  }

  /** Agent i's household amount from the parts [head, other adult, child, household] at `at` of `amounts`, the head's being `head`. */
  private household(i: number, amounts: Float64Array, at: number, head: number): number {
    const { pop, parts } = this;
    parts.head = head;
    parts.otherAdult = amounts[at + 1];
    parts.child = amounts[at + 2];
    parts.household = amounts[at + 3];
    const children = pop.children[i];
    return householdAmount(parts, this.ctx.amountCaps, pop.persons[i] - children, children);
  }

  /**
   * What agent i is owed on arrival this step: the amounts of its registration step, with an offer if it met its
   * deadline, and the benefit it had left then if the programme capitalises it and the spell has not ended.
   */
  private amountPaid(i: number, a: ArmContext): number {
    const reg = this.pop.regStep[i];
    const k = reg * this.statuses + this.pop.cls[i] % this.statuses;
    const inTime = a.offerDeadline[reg] >= this.ctx.step;
    const amount = this.amount(i, a, reg, inTime ? a.offerHead[k] : a.amounts[k * AMOUNT_PARTS]);
    return this.ctx.capitalisedBenefit > 0 ? amount + this.capitalised(i, this.ctx.stepDays[reg]) : amount;
  }

  /** The lump sum for the benefit agent i has left on `day`, in a programme that capitalises it. */
  private capitalised(i: number, day: number): number {
    const g = this.pop.origin[i];
    const e = this.ctx.employment;
    return e ? this.ctx.capitalisedBenefit * this.pop.earnings[i] * e.replacementRate[g] * benefitMonthsLeft(this.pop, i, day) : 0;
  }

  /** The amount agent i would expect for registering now: an offer counted with the chance of meeting its deadline. */
  private amountExpected(i: number, a: ArmContext): number {
    const step = this.ctx.step;
    const k = step * this.statuses + this.pop.cls[i] % this.statuses;
    const regular = a.amounts[k * AMOUNT_PARTS];
    const deadline = a.offerDeadline[step];
    if (deadline < 0) return this.amount(i, a, step, regular);
    const p = deadline === NO_DEADLINE ? 1 : deadlineProbability(a.departProbability, deadline - step);
    return this.amount(i, a, step, p * a.offerHead[k] + (1 - p) * regular);
  }

  /** The exact leave probability of present agent i in one arm (models/decision.ts), its inputs read from memory. */
  leaveProbability(i: number, arm: number, aware: boolean, trustPay: number): number {
    const { pop, ctx, inputs: x } = this;
    const a = ctx.arms[arm];
    const g = pop.origin[i];
    const cls = pop.cls[i];
    const status = cls % this.statuses;
    x.earnings = pop.earnings[i];
    x.savings = pop.savings[i];
    x.discount = pop.discount[i];
    x.riskBias = pop.riskBias[i];
    x.trust = pop.trust[i];
    x.idio = pop.idio[i];
    x.age = pop.age[i];
    x.yearsAtStart = pop.years[i];
    x.family = (pop.flags[i] & FLAG_FAMILY) !== 0;
    x.persons = pop.persons[i];
    x.wageRatio = ctx.groups.wageRatio[g];
    x.travelCost = ctx.groups.travelCost[g];
    x.danger = ctx.groups.danger[g];
    x.legalPathway = ctx.groups.legalPathway[g];
    x.ownReturn.probability = ctx.statuses.returnProbability[status];
    x.ownReturn.waitMonths = ctx.statuses.returnWaitMonths[status];
    x.ownReturn.bars = ctx.statuses.bars[status];
    x.removalRisk = this.t.removalPerClass[arm][cls];
    x.background = ctx.background[g];
    x.employment = this.employmentTerms(i);
    x.knowsProgramme = a.programme && aware && isEligible(pop, ctx, i);
    x.trustPay = trustPay;
    x.scheduledAmount = x.knowsProgramme ? this.amountExpected(i, a) : 0;
    x.amount = x.knowsProgramme && ctx.capitalisedBenefit > 0 ? x.scheduledAmount + this.capitalised(i, ctx.stepDays[ctx.step]) : x.scheduledAmount;
    x.changeMonths = x.knowsProgramme ? ctx.changeMonths : Infinity;
    x.amountNext = x.changeMonths < Infinity ? this.amountAfterChange(i) : 0;
    x.travelShare = a.travelShare;
    x.peerDepartedShare = a.peerDeparted[pop.community[i]];
    return leaveProbability(x, this.terms, this.decision);
  }

  /** Agent i's employment as the valuation reads it, or null where its group does not model employment. */
  private employmentTerms(i: number): EmploymentTerms | null {
    const e = this.ctx.employment;
    const g = this.pop.origin[i];
    if (!e || e.modelled[g] === 0) return null;
    const x = this.employment;
    x.unemployed = (this.pop.flags[i] & FLAG_UNEMPLOYED) !== 0;
    x.lossRate = e.lossRate[g];
    x.findRate = e.findRate[g];
    x.replacementRate = e.replacementRate[g];
    x.floorShare = e.floorShare[g];
    x.benefitMonthsLeft = benefitMonthsLeft(this.pop, i, this.ctx.stepDays[this.ctx.step]);
    return x;
  }

  /** The household amount agent i would get from the next announced change on (models/anticipation.ts). */
  private amountAfterChange(i: number): number {
    const at = (this.pop.cls[i] % this.statuses) * AMOUNT_PARTS;
    return this.household(i, this.ctx.changeAmounts, at, this.ctx.changeAmounts[at]);
  }

  /** Add `n` aware persons in community c of the arm at offset `o`: in total and in the community. */
  countAware(o: number, c: number, n: number): void {
    this.out[o + F.aware] += n;
    this.out[o + this.layout.community + COMMUNITY_FIELDS * c] += n;
  }

  /** Count agent i's persons in the arm at offset `o`, in its state after the step. */
  private tally(i: number, o: number, base: number, aware: boolean, deprioritised: boolean, trustPay: number): void {
    const { out, layout } = this;
    const persons = this.pop.persons[i];
    const cls = this.pop.cls[i];
    const g = this.pop.origin[i];
    const com = o + layout.community + COMMUNITY_FIELDS * this.pop.community[i];
    if (aware && base <= State.Preparing) this.countAware(o, this.pop.community[i], persons);
    switch (base) {
      case State.Present:
        out[o + F.present] += persons;
        out[o + F.trustSum] += persons * trustPay;
        out[o + F.removalClass + cls] += persons;
        return;
      case State.Registered:
        out[o + F.registered] += persons;
        out[o + F.removalClass + cls + (deprioritised ? this.classes : 0)] += persons;
        return;
      case State.Preparing:
        out[o + F.preparing] += persons;
        out[o + F.removalClass + cls] += persons;
        return;
      case State.DepartedAssisted:
        out[o + F.departedAssisted] += persons;
        out[o + layout.group + GROUP_FIELDS * g] += persons;
        out[com + 1] += persons;
        break;
      case State.DepartedUnassisted:
        out[o + F.departedUnassisted] += persons;
        out[com + 1] += persons;
        break;
      case State.Removed:
        out[o + F.removed] += persons;
        break;
    }
    out[o + layout.group + GROUP_FIELDS * g + 1] += persons;
  }
}

/** Exact leave probability of one agent in one arm, as the step computes it: for tests of the bound. */
export function exactLeaveProbability(pop: Population, ctx: StepContext, layout: AggregateLayout, i: number, arm: number, aware: boolean): number {
  const trustPay = perceivedReliability(pop.trust[i], ctx.arms[arm].trustFactor[pop.community[i]]);
  return new AgentStep(pop, ctx, stepTables(ctx), layout).leaveProbability(i, arm, aware, trustPay);
}
