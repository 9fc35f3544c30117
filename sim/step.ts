import { leaveHazard, type ModelParams } from '../models/index.js';
import { annuity, emptyValuation, type ValuationParams } from '../models/valuation.js';
import { COMMUNITY_FIELDS, F, ORIGIN_FIELDS, type AggregateLayout } from './aggregates.js';
import { AWARE, BLOCK_SIZE, FLAG_FAMILY, FLAG_PROTECTED, State, STATE_MASK, type Population } from './population.js';
import { uniform } from './random/hash.js';

/**
 * One step of the model for a range of blocks: the engine's hot loop. It is a pure function of the agents'
 * state, the step context (built by the main thread from the previous step's aggregates) and counter-based
 * random numbers keyed by agent, so any split of blocks over workers gives the same result. It uses no
 * Node-only API, so a browser Web Worker runs the same code.
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
  awareness: number[];
  /** Per community: multiplier on personal trust that a stipend is paid (experience of peers). */
  trustFactor: number[];
  /** Per community: share of the community departed by any route, as of the last step. */
  peerDeparted: number[];
  /** Stipend for a registration at step s, dollars (fixed at registration). */
  stipendByStep: number[];
  travelShare: number;
  departProbability: number;
  abandonProbability: number;
  paymentReliability: number;
}

export interface StepContext {
  step: number;
  /** Streams of this step, one per purpose (see `Purpose`). */
  keys: number[];
  elapsedYears: number;
  model: ModelParams;
  /** Probability that an inclined agent acts this step (the model's rate over the step's length). */
  actProbability: number;
  valuation: ValuationParams;
  background: number;
  penaltyMonths: number;
  protectedFactor: number;
  recentFactor: number;
  legalReturn: { value: number; waitMonths: number; bars: boolean };
  groups: { wageRatio: number[]; travelCost: number[]; danger: number[]; legalPathway: number[] };
  /** Also advance the counterfactual twin. */
  twin: boolean;
  last: boolean;
  arms: [ArmContext, ArmContext];
}

export const enum Purpose { Aware, Remove, Decide, Route, Depart, Pay }
export const PURPOSES = 6;

export function stepBlocks(pop: Population, ctx: StepContext, aggs: Float64Array<ArrayBufferLike>, layout: AggregateLayout,
  blockStart: number, blockEnd: number): void {
  const v = emptyValuation();
  const val = ctx.valuation;
  const [kAware, kRemove, kDecide, kRoute, kDepart, kPay] = ctx.keys;
  const arms = ctx.twin ? 2 : 1;
  for (let b = blockStart; b < blockEnd; b++) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(pop.n, lo + BLOCK_SIZE);
    const out = aggs.subarray(b * layout.blockFields, (b + 1) * layout.blockFields);
    out.fill(0);
    for (let i = lo; i < hi; i++) {
      const sP = pop.stateP[i];
      const sC = pop.stateC[i];
      if ((sP & STATE_MASK) >= State.DepartedAssisted && (!ctx.twin || sC >= State.DepartedAssisted)) {
        if (ctx.last && ctx.twin) countDeadweight(out, sP, sC);
        continue;
      }
      // Terms shared by both arms: the agent's economics this step.
      const g = pop.origin[i];
      const c = pop.community[i];
      const flags = pop.flags[i];
      const w = pop.earnings[i];
      const r = pop.discount[i];
      const trust = pop.trust[i];
      const yearsNow = pop.years[i] + ctx.elapsedYears;
      const monthsLeft = (val.workingAge - pop.age[i] - ctx.elapsedYears) * 12;
      const isProtected = (flags & FLAG_PROTECTED) !== 0;
      const recent = yearsNow < 2;
      const cls = (isProtected ? 1 : 0) | (recent ? 2 : 0);
      const baseWeight = (isProtected ? ctx.protectedFactor : 1) * (recent ? ctx.recentFactor : 1);
      const premium = w * (1 - 1 / ctx.groups.wageRatio[g]);
      const travelCost = ctx.groups.travelCost[g];
      const leaveOwn = -travelCost - w * (((flags & FLAG_FAMILY) !== 0 ? val.familyTieMonths : 0) + val.dangerMonths * ctx.groups.danger[g]);
      const penalty = w * ctx.penaltyMonths;
      const lr = ctx.legalReturn;
      let returnValue = 0;
      if (lr.value > 0) {
        // Re-entry bars: 3 years after >180 days of unlawful presence, 10 after a year or more.
        const wait = lr.bars ? Math.max(lr.waitMonths, yearsNow >= 1 ? 120 : 36) : lr.waitMonths;
        returnValue = lr.value * trust * ctx.groups.legalPathway[g] * premium * Math.exp(-r * wait) * annuity(r, monthsLeft - wait);
      }
      v.earnings = w;
      v.leaveOwn = leaveOwn;
      v.idio = pop.idio[i];

      for (let arm = 0; arm < arms; arm++) {
        const a = ctx.arms[arm];
        const o = arm * layout.armFields;
        let s = arm === 0 ? sP : sC;
        let base = s & STATE_MASK;
        if (base >= State.DepartedAssisted) continue;
        // 1. Information.
        if (a.programme && (s & AWARE) === 0 && uniform(kAware, i) < a.awareness[c]) s |= AWARE;
        const aware = (s & AWARE) !== 0;
        const trustPay = Math.min(1, trust * a.trustFactor[c]);
        // 2. Enforcement: capacity shared out by weight.
        const deprioritised = base === State.Registered && ctx.step - pop.regStep[i] < a.deprioritisedSteps;
        const weight = baseWeight * (deprioritised ? a.deprioritisedFactor : 1);
        if (uniform(kRemove, i) < a.removalPerWeight * weight) {
          base = State.Removed;
        } else if (base === State.Present) {
          // 3. Decision. Perceived removal risk is that of staying unregistered, biased per agent.
          const p = Math.min(1, a.removalPerWeight * baseWeight * pop.riskBias[i]);
          const ann = annuity(r + p, monthsLeft);
          v.stay = premium * ann - p * ann * penalty;
          let route = 0;
          v.programmeGain = 0;
          if (a.programme && aware) {
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
          v.affordability = Math.min(1, (pop.savings[i] + (route > 0 ? a.travelShare * travelCost : 0)) / travelCost);
          v.peerDepartedShare = a.peerDeparted[c];
          const h = 1 - (1 - leaveHazard(v, ctx.model, ctx.actProbability)) * (1 - ctx.background);
          if (uniform(kDecide, i) < h) {
            if (route > 0 && uniform(kRoute, i) < route) {
              base = State.Registered;
              pop.regStep[i] = ctx.step;
              out[o + F.registrations]++;
            } else {
              base = State.Preparing;
            }
          }
        } else {
          // 4. An agent on its way departs or gives up; a registered one's arrival is confirmed and its stipend due.
          const d = uniform(kDepart, i);
          if (d < a.departProbability && base === State.Preparing) {
            base = State.DepartedUnassisted;
          } else if (d < a.departProbability) {
            base = State.DepartedAssisted;
            out[o + F.travelSpend] += a.travelShare * travelCost;
            if (uniform(kPay, i) < a.paymentReliability) {
              out[o + F.paid]++;
              out[o + F.stipendDue] += a.stipendByStep[pop.regStep[i]];
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
        tally(out, o, base, aware, cls, deprioritisedNext(base, pop.regStep[i], ctx.step, a), g, c, trustPay);
      }
      if (ctx.last && ctx.twin) countDeadweight(out, pop.stateP[i], pop.stateC[i]);
    }
  }
}

/** A programme taker who, in the twin, left anyway (unassisted or removed) by the end of the horizon. */
function countDeadweight(out: Float64Array<ArrayBufferLike>, sP: number, sC: number): void {
  if ((sP & STATE_MASK) === State.DepartedAssisted && sC >= State.DepartedUnassisted) out[F.deadweight]++;
}

function deprioritisedNext(base: number, regStep: number, step: number, a: ArmContext): boolean {
  return base === State.Registered && step + 1 - regStep < a.deprioritisedSteps;
}

function tally(out: Float64Array<ArrayBufferLike>, o: number, base: number, aware: boolean, cls: number, deprioritised: boolean,
  g: number, c: number, trustPay: number): void {
  const com = o + F.community + COMMUNITY_FIELDS * c;
  if (aware && base <= State.Preparing) {
    out[o + F.aware]++;
    out[com]++;
  }
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
      break;
    case State.DepartedUnassisted:
      out[o + F.departedUnassisted]++;
      break;
    case State.Removed:
      out[o + F.removed]++;
      break;
  }
  out[o + F.origin + ORIGIN_FIELDS * g + 1]++;
  out[com + 1]++;
}
