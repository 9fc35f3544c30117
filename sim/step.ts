import { leaveHazard, type ModelParams } from '../models/index.js';
import { annuity, emptyValuation, type ValuationParams } from '../models/valuation.js';
import { COMMUNITY_FIELDS, F, ORIGIN_FIELDS, type AggregateLayout } from './aggregates.js';
import { AWARE, BLOCK_SIZE, FLAG_FAMILY, FLAG_PROTECTED, leftEveryArm, State, STATE_MASK, type Population } from './population.js';
import { boundLeaveProbabilities, type Envelope } from './hazard-bound.js';
import { mixWord, uniform, uniformMixed } from './random/hash.js';

/**
 * One step of the model for the blocks a thread claims: the engine's hot loop. It is a pure function of the
 * agents' state, the step context (built by the main thread from the previous step's aggregates) and
 * counter-based random numbers keyed by agent, so any split of blocks over workers gives the same result. It
 * uses no Node-only API, so a browser Web Worker runs the same code.
 *
 * Both arms advance in the same pass and draw the same uniforms for the same purpose: common random numbers.
 */

/** What differs between the programme arm and its counterfactual twin in one step. */
export interface ArmContext {
  /** Agents can learn of and register with the programme this step. */
  programme: boolean;
  /** Removal probability per unit of removal weight: capacity / sum of weights (last step's census). */
  removalPerWeight: number;
  deprioritisedFactor: number;
  /** Registration within this many steps is still deprioritised. */
  deprioritisedSteps: number;
  /** Per community: probability of becoming aware this step. */
  awareness: Float64Array;
  /** Per community: multiplier on personal trust that a stipend is paid (experience of peers). */
  trustFactor: Float64Array;
  /** Per community: share of the community that left voluntarily (assisted or not), as of the last step. */
  peerDeparted: Float64Array;
  /** Stipend for a registration at step s, dollars (fixed at registration). */
  stipendByStep: Float64Array;
  travelShare: number;
  departProbability: number;
  abandonProbability: number;
  paymentReliability: number;
}

export interface StepContext {
  step: number;
  /** Length of this step in months. */
  months: number;
  /** Streams of this step, one per purpose (see `Purpose`). */
  keys: number[];
  elapsedYears: number;
  model: ModelParams;
  /** The model's rate times the step's length in months (see models/index.ts stepIntensity). */
  intensity: number;
  valuation: ValuationParams;
  background: number;
  penaltyMonths: number;
  protectedFactor: number;
  recentFactor: number;
  legalReturn: { value: number; waitMonths: number; bars: boolean };
  groups: { wageRatio: number[]; travelCost: number[]; danger: number[]; legalPathway: number[] };
  /** Set on the first step of an epoch: recompute every agent's bound on its leave probability (hazard-bound.ts). */
  envelope?: Envelope;
  /** Also advance the counterfactual twin. */
  twin: boolean;
  last: boolean;
  arms: [ArmContext, ArmContext];
}

export const enum Purpose { Aware, Remove, Decide, Route, Depart, Pay }
export const PURPOSES = 6;

export function stepBlocks(pop: Population, ctx: StepContext, aggs: Float64Array<ArrayBufferLike>, layout: AggregateLayout,
  blocks: Iterable<number>): void {
  const t = stepTables(ctx);
  const decision = new Decision();
  const env = ctx.envelope;
  const [kAware, kRemove, kDecide] = ctx.keys;
  const twin = ctx.twin;
  const countLast = ctx.last && twin;
  const { stateP, stateC, origin, community, flags, trust, years, leaveBound } = pop;
  const armFields = layout.armFields;
  const [removal0, removal1] = t.removalPerClass;
  // Counts of the staying agents go to small integer arrays rather than to `out`: an add carried from agent to
  // agent through `out` cost a seventh of the step. They are whole numbers, added to `out` at the end of the block.
  const presentByClass = new Int32Array(8); // arm x removal class
  const awareByCommunity = new Int32Array(layout.communities); // programme arm
  const run: StayingRun = {
    stateP, stateC, community, flags, trust, years, leaveBound, recent: t.recent, awareness: ctx.arms[0].awareness,
    trustFactor0: ctx.arms[0].trustFactor, trustFactor1: ctx.arms[1].trustFactor, removal0, removal1, kAware, kRemove, kDecide,
    programme: ctx.arms[0].programme, twin, armFields, presentByClass, awareByCommunity,
  };
  for (const b of blocks) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(pop.n, lo + BLOCK_SIZE);
    const out = aggs.subarray(b * layout.blockFields, (b + 1) * layout.blockFields);
    out.fill(0);
    presentByClass.fill(0);
    awareByCommunity.fill(0);
    if (env) boundLeaveProbabilities(pop, lo, hi, env, ctx, t);
    // Agents that stay present in both arms are advanced in runs; the loop body takes each one in between.
    for (let i = advanceStaying(run, out, lo, hi); i < hi; i = advanceStaying(run, out, i + 1, hi)) {
      const sP = stateP[i];
      const sC = stateC[i];
      if (!leftEveryArm(sP, sC, twin)) {
        const cls = ((flags[i] & FLAG_PROTECTED) >>> 1) | t.recent[years[i]];
        advanceArms(pop, i, ctx, t, out, armFields, sP, sC, origin[i], community[i], trust[i], cls, decision);
      }
      if (countLast) countDeadweight(out, stateP[i], stateC[i]);
    }
    for (let k = 0; k < 8; k++) {
      const o = k < 4 ? 0 : armFields;
      out[o + F.present] += presentByClass[k];
      out[o + F.removalClass + (k & 3)] += presentByClass[k];
    }
    for (let c = 0; c < awareByCommunity.length; c++) countAware(out, 0, c, awareByCommunity[c]);
  }
}

/** What `advanceStaying` reads and adds to, gathered once per task. */
interface StayingRun {
  stateP: Uint8Array<ArrayBufferLike>;
  stateC: Uint8Array<ArrayBufferLike>;
  community: Uint16Array<ArrayBufferLike>;
  flags: Uint8Array<ArrayBufferLike>;
  trust: Float32Array<ArrayBufferLike>;
  years: Uint8Array<ArrayBufferLike>;
  leaveBound: Float32Array<ArrayBufferLike>;
  recent: Uint8Array;
  awareness: Float64Array;
  trustFactor0: Float64Array;
  trustFactor1: Float64Array;
  removal0: Float64Array;
  removal1: Float64Array;
  kAware: number;
  kRemove: number;
  kDecide: number;
  programme: boolean;
  twin: boolean;
  armFields: number;
  presentByClass: Int32Array;
  awareByCommunity: Int32Array;
}

/**
 * Advances agents from i on while each is present in both arms and stays so (removed in neither, a decision draw
 * at or above its bound), and returns the first that does not, untouched, for `advanceArms`. Most agent-steps end
 * here. The loop calls nothing, so V8 keeps its values in registers; with the rare cases' calls in the same loop,
 * it did not (1.23-1.41x). Its draws, comparisons and sums are those `advanceArms` makes for such an agent.
 */
function advanceStaying(r: StayingRun, out: Float64Array<ArrayBufferLike>, i: number, hi: number): number {
  const { stateP, stateC, community, flags, trust: trustCol, years, leaveBound, recent, awareness, trustFactor0, trustFactor1 } = r;
  const { removal0, removal1, kAware, kRemove, kDecide, programme, twin, armFields, presentByClass, awareByCommunity } = r;
  // The trust sums are floating point: kept in locals during the run and in `out` between runs, so that every
  // addition, here or in the general case, comes in agent order and the sums' bits do not depend on the runs.
  let trustSum0 = out[F.trustSum];
  let trustSum1 = out[armFields + F.trustSum];
  for (; i < hi; i++) {
    const sP = stateP[i];
    if (((sP & STATE_MASK) | (twin ? stateC[i] : State.Present)) !== State.Present) break;
    // A shift, not a branch, for 0 or 1: protection is random across agents, and the branch cost 6-9% of the step.
    // Written out rather than through a helper shared with stepBlocks: even inlined, a helper cost 7% here.
    const cls = ((flags[i] & FLAG_PROTECTED) >>> 1) | recent[years[i]];
    const mixed = mixWord(i);
    const uRemove = uniformMixed(kRemove, mixed);
    if (uRemove < removal0[cls] || (twin && uRemove < removal1[cls])) break;
    if (uniformMixed(kDecide, mixed) < leaveBound[i]) break;
    const c = community[i];
    let s0 = sP;
    if (programme && s0 === State.Present && uniformMixed(kAware, mixed) < awareness[c]) s0 = AWARE;
    stateP[i] = s0;
    const trust = trustCol[i];
    trustSum0 += Math.min(1, trust * trustFactor0[c]);
    presentByClass[cls]++;
    awareByCommunity[c] += s0 >>> 7;
    if (twin) {
      trustSum1 += Math.min(1, trust * trustFactor1[c]);
      presentByClass[4 + cls]++;
    }
  }
  out[F.trustSum] = trustSum0;
  out[armFields + F.trustSum] = trustSum1;
  return i;
}

/** The step of one agent in each arm, in general: any states. */
function advanceArms(pop: Population, i: number, ctx: StepContext, t: StepTables, out: Float64Array<ArrayBufferLike>, armFields: number,
  sP: number, sC: number, g: number, c: number, trust: number, cls: number, decision: Decision): void {
  const keys = ctx.keys;
  const step = ctx.step;
  const regStep = pop.regStep;
  const travelCost = ctx.groups.travelCost[g];
  // Uniforms shared by both arms (common random numbers), drawn once when first needed.
  let uRemove = -1, uDecide = -1, uDepart = -1, uPay = -1;
  for (let arm = 0; arm < (ctx.twin ? 2 : 1); arm++) {
    const a = ctx.arms[arm];
    const o = arm * armFields;
    let s = arm === 0 ? sP : sC;
    let base = s & STATE_MASK;
    if (base >= State.DepartedAssisted) continue;
    // 1. Information.
    if (a.programme && (s & AWARE) === 0 && uniform(keys[Purpose.Aware], i) < a.awareness[c]) s |= AWARE;
    const aware = (s & AWARE) !== 0;
    const trustPay = Math.min(1, trust * a.trustFactor[c]);
    // 2. Enforcement: capacity shared out by weight.
    const deprioritised = base === State.Registered && step - regStep[i] < a.deprioritisedSteps;
    if (uRemove < 0) uRemove = uniform(keys[Purpose.Remove], i);
    if (uRemove < (deprioritised ? a.removalPerWeight * (t.baseWeight[cls] * a.deprioritisedFactor) : t.removalPerClass[arm][cls])) {
      base = State.Removed;
    } else if (base === State.Present) {
      // 3. Decision. A draw at or above the agent's bound stays whatever the exact probability (hazard-bound.ts).
      if (uDecide < 0) uDecide = uniform(keys[Purpose.Decide], i);
      if (uDecide < pop.leaveBound[i]) base = decide(pop, i, ctx, t, arm, aware, trustPay, cls, uDecide, decision, out, o);
    } else {
      // 4. An agent on its way departs or gives up; a registered one's arrival is confirmed and its stipend due.
      if (uDepart < 0) uDepart = uniform(keys[Purpose.Depart], i);
      const d = uDepart;
      if (d < a.departProbability && base === State.Preparing) {
        base = State.DepartedUnassisted;
      } else if (d < a.departProbability) {
        base = State.DepartedAssisted;
        out[o + F.travelSpend] += a.travelShare * travelCost;
        if (uPay < 0) uPay = uniform(keys[Purpose.Pay], i);
        if (uPay < a.paymentReliability) {
          out[o + F.paid]++;
          out[o + F.stipendDue] += a.stipendByStep[regStep[i]];
          out[o + F.community + COMMUNITY_FIELDS * c + 2]++;
        } else {
          out[o + F.unpaid]++;
          out[o + F.community + COMMUNITY_FIELDS * c + 3]++;
        }
      } else if (d < a.departProbability + a.abandonProbability) {
        base = State.Present;
        out[o + F.abandoned]++;
      }
    }
    const next = base | (s & AWARE);
    if (arm === 0) pop.stateP[i] = next;
    else pop.stateC[i] = next;
    tally(out, o, base, aware, cls, base === State.Registered && step + 1 - regStep[i] < a.deprioritisedSteps, g, c, trustPay);
  }
}

/**
 * A present agent's decision in one arm once its draw `u` is below its bound: its state after the step (present,
 * registered with the programme, or preparing to leave on its own).
 */
function decide(pop: Population, i: number, ctx: StepContext, t: StepTables, arm: number, aware: boolean, trustPay: number,
  cls: number, u: number, decision: Decision, out: Float64Array<ArrayBufferLike>, o: number): number {
  if (!(u < leaveProbability(pop, i, ctx, t, arm, aware, trustPay, cls, decision))) return State.Present;
  if (decision.route > 0 && uniform(ctx.keys[Purpose.Route], i) < decision.route) {
    pop.regStep[i] = ctx.step;
    out[o + F.registrations]++;
    return State.Registered;
  }
  return State.Preparing;
}

/** The exact decision's by-product: the share of leavers who would choose the programme. */
export class Decision {
  route = 0;
  readonly v = emptyValuation();
}

/**
 * The probability that present agent i leaves this step in arm `arm` (any route), exactly; `decision.route` is set
 * to the share of leavers choosing the programme. Called only for draws below the agent's bound.
 */
export function leaveProbability(pop: Population, i: number, ctx: StepContext, t: StepTables, arm: number, aware: boolean,
  trustPay: number, cls: number, decision: Decision): number {
  const a = ctx.arms[arm];
  const v = decision.v;
  const val = ctx.valuation;
  const g = pop.origin[i];
  const flags = pop.flags[i];
  const trust = pop.trust[i];
  const travelCost = ctx.groups.travelCost[g];
  const w = pop.earnings[i];
  const r = pop.discount[i];
  const monthsLeft = t.monthsLeft[pop.age[i]];
  const premium = w * t.premiumFactor[g];
  const home = t.leaveMonths[2 * g + ((flags & FLAG_FAMILY) !== 0 ? 1 : 0)];
  // A removed agent bears detention and the costs of being home (family, danger), not the journey.
  const penalty = w * (ctx.penaltyMonths + home);
  // The valuation works in months: the step's removal probability (that of staying unregistered, biased per agent)
  // becomes a monthly rate.
  const p = Math.min(1, t.removalPerClass[arm][cls] * pop.riskBias[i]) / ctx.months;
  const ann = annuity(r + p, monthsLeft);
  v.earnings = w;
  v.leaveOwn = -travelCost - w * home;
  v.idio = pop.idio[i];
  v.stay = premium * ann - p * ann * penalty;
  v.programmeGain = 0;
  let route = 0;
  if (a.programme && aware) {
    const returnValue = legalReturnValue(ctx.legalReturn, pop.years[i] + ctx.elapsedYears, trust, ctx.groups.legalPathway[g], premium, r, monthsLeft);
    const x = (trustPay * a.stipendByStep[ctx.step] + a.travelShare * travelCost - val.hassleCost * (1 - trust) + returnValue) / val.routeScale;
    // Inclusive value of the {unassisted, programme} nest over leaving unassisted, and the share choosing the programme.
    if (x > 30) {
      v.programmeGain = x * val.routeScale;
      route = 1;
    } else {
      const e = Math.exp(x);
      v.programmeGain = val.routeScale * Math.log1p(e);
      route = e / (1 + e);
    }
  }
  decision.route = route;
  v.affordability = Math.min(1, (pop.savings[i] + (route > 0 ? a.travelShare * travelCost : 0)) / travelCost);
  v.peerDepartedShare = a.peerDeparted[pop.community[i]];
  return 1 - (1 - leaveHazard(v, ctx.model, ctx.intensity)) * (1 - ctx.background);
}

/** Per-step values of expressions the loop would otherwise repeat per agent: the same operations, so the same bits. */
export interface StepTables {
  monthsLeft: Float64Array; // by age
  recent: Uint8Array; // by whole years at the start: 2 if a recent arrival this step, else 0
  baseWeight: Float64Array; // removal weight by class (protected | recent << 1)
  premiumFactor: Float64Array; // by origin
  leaveMonths: Float64Array; // by origin x family tie
  removalPerClass: Float64Array[]; // per arm, by class
}

export function stepTables(ctx: StepContext): StepTables {
  const val = ctx.valuation;
  const monthsLeft = new Float64Array(256);
  const recent = new Uint8Array(256);
  for (let k = 0; k < 256; k++) {
    monthsLeft[k] = (val.workingAge - k - ctx.elapsedYears) * 12;
    recent[k] = k + ctx.elapsedYears < 2 ? 2 : 0;
  }
  const baseWeight = new Float64Array(4);
  for (let cls = 0; cls < 4; cls++) baseWeight[cls] = (cls & 1 ? ctx.protectedFactor : 1) * (cls & 2 ? ctx.recentFactor : 1);
  const origins = ctx.groups.wageRatio.length;
  const premiumFactor = new Float64Array(origins);
  const leaveMonths = new Float64Array(2 * origins);
  for (let g = 0; g < origins; g++) {
    premiumFactor[g] = 1 - 1 / ctx.groups.wageRatio[g];
    leaveMonths[2 * g] = 0 + val.dangerMonths * ctx.groups.danger[g];
    leaveMonths[2 * g + 1] = val.familyTieMonths + val.dangerMonths * ctx.groups.danger[g];
  }
  return {
    monthsLeft, recent, baseWeight, premiumFactor, leaveMonths,
    removalPerClass: ctx.arms.map((a) => baseWeight.map((bw) => a.removalPerWeight * bw)),
  };
}

/** Present value of a believed promise of legal return after the wait (and the re-entry bars, unless waived). */
function legalReturnValue(lr: StepContext['legalReturn'], yearsNow: number, trust: number, legalPathway: number, premium: number,
  r: number, monthsLeft: number): number {
  if (!(lr.value > 0)) return 0;
  const wait = returnWait(lr, yearsNow);
  return lr.value * trust * legalPathway * premium * Math.exp(-r * wait) * annuity(r, monthsLeft - wait);
}

/** Months before a legal return: the promised wait, or the re-entry bar if longer and not waived (3 years after
 * more than 180 days of unlawful presence, 10 after a year or more). */
export function returnWait(lr: StepContext['legalReturn'], yearsNow: number): number {
  return lr.bars ? Math.max(lr.waitMonths, yearsNow >= 1 ? 120 : 36) : lr.waitMonths;
}

/** Add `n` aware agents in community c: in total and in the community. */
function countAware(out: Float64Array<ArrayBufferLike>, o: number, c: number, n: number): void {
  out[o + F.aware] += n;
  out[o + F.community + COMMUNITY_FIELDS * c] += n;
}

/** A programme taker who, in the twin, left anyway (unassisted or removed) by the end of the horizon. */
function countDeadweight(out: Float64Array<ArrayBufferLike>, sP: number, sC: number): void {
  if ((sP & STATE_MASK) === State.DepartedAssisted && sC >= State.DepartedUnassisted) out[F.deadweight]++;
}

/** Count an agent in arm offset `o` of a block's aggregates, in its state after the step. */
function tally(out: Float64Array<ArrayBufferLike>, o: number, base: number, aware: boolean, cls: number, deprioritised: boolean,
  g: number, c: number, trustPay: number): void {
  const com = o + F.community + COMMUNITY_FIELDS * c;
  if (aware && base <= State.Preparing) countAware(out, o, c, 1);
  switch (base) {
    case State.Present:
      out[o + F.present]++;
      out[o + F.trustSum] += trustPay;
      out[o + F.removalClass + cls]++;
      return;
    case State.Registered:
      out[o + F.registered]++;
      out[o + F.removalClass + (cls | (deprioritised ? 4 : 0))]++;
      return;
    case State.Preparing:
      out[o + F.preparing]++;
      out[o + F.removalClass + cls]++;
      return;
    case State.DepartedAssisted:
      out[o + F.departedAssisted]++;
      out[o + F.origin + ORIGIN_FIELDS * g]++;
      out[com + 1]++;
      break;
    case State.DepartedUnassisted:
      out[o + F.departedUnassisted]++;
      out[com + 1]++;
      break;
    case State.Removed:
      out[o + F.removed]++;
      break;
  }
  out[o + F.origin + ORIGIN_FIELDS * g + 1]++;
}
