import { leaveHazard, type ModelParams } from '../models/index.js';
import type { UtilityParams } from '../models/utility.js';
import { annuity, emptyValuation, type ValuationParams } from '../models/valuation.js';
import { COMMUNITY_FIELDS, F, ORIGIN_FIELDS, type AggregateLayout } from './aggregates.js';
import { AWARE, BLOCK_SIZE, FLAG_FAMILY, FLAG_PROTECTED, State, STATE_MASK, type Population } from './population.js';
import { backgroundFloor, hazardCeiling, utilitySurelyStays } from './hazard-bound.js';
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
  /** Per community: share of the community that left voluntarily (assisted or not), as of the last step. */
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
  /** Also advance the counterfactual twin. */
  twin: boolean;
  last: boolean;
  arms: [ArmContext, ArmContext];
}

export const enum Purpose { Aware, Remove, Decide, Route, Depart, Pay }
export const PURPOSES = 6;

export function stepBlocks(pop: Population, ctx: StepContext, aggs: Float64Array<ArrayBufferLike>, layout: AggregateLayout,
  blockStart: number, blockEnd: number): void {
  const t = stepTables(ctx);
  const v = emptyValuation();
  const val = ctx.valuation;
  const model = ctx.model;
  const utility = model.name === 'utility';
  const [kAware, kRemove, kDecide, kRoute, kDepart, kPay] = ctx.keys;
  const twin = ctx.twin;
  const arms = twin ? 2 : 1;
  const countLast = ctx.last && twin;
  const step = ctx.step;
  const intensity = ctx.intensity;
  const months = ctx.months;
  const stayBackground = 1 - ctx.background;
  const lr = ctx.legalReturn;
  const penaltyMonths = ctx.penaltyMonths;
  const { travelCost: travelCosts, legalPathway } = ctx.groups;
  const { stateP, stateC, origin, community, flags: flagsCol, earnings, discount, trust: trustCol, years, age, idio, riskBias, savings, regStep } = pop;
  const { hassleCost, routeScale } = val;
  for (let b = blockStart; b < blockEnd; b++) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(pop.n, lo + BLOCK_SIZE);
    const out = aggs.subarray(b * layout.blockFields, (b + 1) * layout.blockFields);
    out.fill(0);
    for (let i = lo; i < hi; i++) {
      const sP = stateP[i];
      const sC = stateC[i];
      if ((sP & STATE_MASK) >= State.DepartedAssisted && (!twin || sC >= State.DepartedAssisted)) {
        if (countLast) countDeadweight(out, sP, sC);
        continue;
      }
      const g = origin[i];
      const c = community[i];
      const flags = flagsCol[i];
      const trust = trustCol[i];
      const yr = years[i];
      const cls = ((flags & FLAG_PROTECTED) !== 0 ? 1 : 0) | t.recent[yr];
      const travelCost = travelCosts[g];
      // The agent's economics this step, shared by both arms, from per-step tables of the same expressions; only
      // agents whose decision draw is below the hazard ceiling need them, so they are loaded on first need.
      let economics = false;
      let w = 0, r = 0, monthsLeft = 0, premium = 0, leaveOwn = 0, penalty = 0;
      // Computed on first need: the value of legal return costs two exponentials and only matters to aware agents.
      let returnValue = NaN;
      // Uniforms shared by both arms (common random numbers), drawn once when first needed.
      let uRemove = -1, uDecide = -1, uRoute = -1, uDepart = -1, uPay = -1;

      for (let arm = 0; arm < arms; arm++) {
        const a = ctx.arms[arm];
        const at = t.arms[arm];
        const o = arm * layout.armFields;
        let s = arm === 0 ? sP : sC;
        let base = s & STATE_MASK;
        if (base >= State.DepartedAssisted) continue;
        // 1. Information.
        if (a.programme && (s & AWARE) === 0 && uniform(kAware, i) < a.awareness[c]) s |= AWARE;
        const aware = (s & AWARE) !== 0;
        const trustPay = Math.min(1, trust * a.trustFactor[c]);
        // 2. Enforcement: capacity shared out by weight.
        const deprioritised = base === State.Registered && step - regStep[i] < a.deprioritisedSteps;
        if (uRemove < 0) uRemove = uniform(kRemove, i);
        if (uRemove < (deprioritised ? a.removalPerWeight * (t.baseWeight[cls] * a.deprioritisedFactor) : at.removalPerClass[cls])) {
          base = State.Removed;
        } else if (base === State.Present) {
          // 3. Decision. Perceived removal risk is that of staying unregistered, biased per agent.
          if (uDecide < 0) uDecide = uniform(kDecide, i);
          // Most agents stay: when the draw is above an upper bound on the hazard, the exact hazard (up to three
          // exponentials) cannot change the outcome and is skipped. See hazard-bound.ts for why this is exact.
          if (uDecide < t.hazardCeiling) {
            if (!economics) {
              economics = true;
              w = earnings[i];
              r = discount[i];
              monthsLeft = t.monthsLeft[age[i]];
              premium = w * t.premiumFactor[g];
              leaveOwn = -travelCost - w * t.leaveMonths[2 * g + ((flags & FLAG_FAMILY) !== 0 ? 1 : 0)];
              // A removed agent bears detention and the costs of being home (family, danger), not the journey.
              penalty = w * (penaltyMonths + t.leaveMonths[2 * g + ((flags & FLAG_FAMILY) !== 0 ? 1 : 0)]);
              v.earnings = w;
              v.leaveOwn = leaveOwn;
              v.idio = idio[i];
            }
            // The valuation works in months: the step's removal probability becomes a monthly rate.
            const p = Math.min(1, at.removalPerClass[cls] * riskBias[i]) / months;
            const programmeOption = a.programme && aware;
            let routeNumerator = 0;
            if (programmeOption) {
              if (returnValue !== returnValue) returnValue = legalReturnValue(lr, yr + ctx.elapsedYears, trust, legalPathway[g], premium, r, monthsLeft);
              routeNumerator = trustPay * a.stipendByStep[step] + a.travelShare * travelCost - hassleCost * (1 - trust) + returnValue;
            }
            if (!utility || !utilitySurelyStays(uDecide, t.backgroundFloor, intensity, model as UtilityParams, w, leaveOwn, premium, penalty,
              p, r + p, monthsLeft, programmeOption, routeNumerator, routeScale)) {
              const ann = annuity(r + p, monthsLeft);
              v.stay = premium * ann - p * ann * penalty;
              let route = 0;
              v.programmeGain = 0;
              if (programmeOption) {
                const x = routeNumerator / routeScale;
                // Inclusive value of the {unassisted, programme} nest over leaving unassisted, and the share choosing the programme.
                if (x > 30) {
                  v.programmeGain = x * routeScale;
                  route = 1;
                } else {
                  const e = Math.exp(x);
                  v.programmeGain = routeScale * Math.log1p(e);
                  route = e / (1 + e);
                }
              }
              v.affordability = Math.min(1, (savings[i] + (route > 0 ? a.travelShare * travelCost : 0)) / travelCost);
              v.peerDepartedShare = a.peerDeparted[c];
              const h = 1 - (1 - leaveHazard(v, model, intensity)) * stayBackground;
              if (uDecide < h) {
                if (route > 0 && (uRoute < 0 ? (uRoute = uniform(kRoute, i)) : uRoute) < route) {
                  base = State.Registered;
                  regStep[i] = step;
                  out[o + F.registrations]++;
                } else {
                  base = State.Preparing;
                }
              }
            }
          }
        } else {
          // 4. An agent on its way departs or gives up; a registered one's arrival is confirmed and its stipend due.
          if (uDepart < 0) uDepart = uniform(kDepart, i);
          const d = uDepart;
          if (d < a.departProbability && base === State.Preparing) {
            base = State.DepartedUnassisted;
          } else if (d < a.departProbability) {
            base = State.DepartedAssisted;
            out[o + F.travelSpend] += a.travelShare * travelCost;
            if (uPay < 0) uPay = uniform(kPay, i);
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
        if (arm === 0) stateP[i] = next;
        else stateC[i] = next;
        tally(out, o, base, aware, cls, base === State.Registered && step + 1 - regStep[i] < a.deprioritisedSteps, g, c, trustPay);
      }
      if (countLast) countDeadweight(out, stateP[i], stateC[i]);
    }
  }
}

/** Per-step values of expressions the loop would otherwise repeat per agent: the same operations, so the same bits. */
interface StepTables {
  monthsLeft: Float64Array; // by age
  recent: Uint8Array; // by whole years at the start: 2 if a recent arrival this step, else 0
  baseWeight: Float64Array; // removal weight by class (protected | recent << 1)
  premiumFactor: Float64Array; // by origin
  leaveMonths: Float64Array; // by origin x family tie
  /** The hazard cannot exceed this for any model: an agent whose draw is above it stays. */
  hazardCeiling: number;
  /** The leave probability less the hazard, plus a margin (for utilitySurelyStays). */
  backgroundFloor: number;
  arms: { removalPerClass: Float64Array }[];
}

function stepTables(ctx: StepContext): StepTables {
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
    hazardCeiling: hazardCeiling(ctx.intensity, 1 - ctx.background),
    backgroundFloor: backgroundFloor(1 - ctx.background),
    arms: ctx.arms.map((a) => ({ removalPerClass: baseWeight.map((bw) => a.removalPerWeight * bw) })),
  };
}

/** Present value of a believed promise of legal return after the wait (and the re-entry bars, unless waived). */
function legalReturnValue(lr: StepContext['legalReturn'], yearsNow: number, trust: number, legalPathway: number, premium: number,
  r: number, monthsLeft: number): number {
  if (!(lr.value > 0)) return 0;
  // Re-entry bars: 3 years after >180 days of unlawful presence, 10 after a year or more.
  const wait = lr.bars ? Math.max(lr.waitMonths, yearsNow >= 1 ? 120 : 36) : lr.waitMonths;
  return lr.value * trust * legalPathway * premium * Math.exp(-r * wait) * annuity(r, monthsLeft - wait);
}

/** A programme taker who, in the twin, left anyway (unassisted or removed) by the end of the horizon. */
function countDeadweight(out: Float64Array<ArrayBufferLike>, sP: number, sC: number): void {
  if ((sP & STATE_MASK) === State.DepartedAssisted && sC >= State.DepartedUnassisted) out[F.deadweight]++;
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
