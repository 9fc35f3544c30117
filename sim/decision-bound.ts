import { unemploymentLoss, type EmploymentTerms } from '../models/employment.js';
import { behaviouralModel } from '../models/index.js';
import { householdAmount, type AmountParts } from '../models/payment.js';
import { barWait } from '../models/return-option.js';
import { annuity, type ValuationBound } from '../models/valuation.js';
import { benefitMonthsLeft } from './eligibility.js';
import { FLAG_FAMILY, FLAG_UNEMPLOYED, leftEveryArm, type Population } from './population.js';
import { EmploymentCondition, type Envelope, type StepContext } from './step-context.js';
import type { StepTables } from './step-tables.js';

/**
 * The decision skip, a performance option of the step whose contract is to change no result. Most agents stay in a month, so each agent carries an upper bound on its leave probability
 * (population column `leaveBound`), valid for every step of an epoch of up to three years: a present agent whose
 * decision draw is at or above its bound stays whatever the exact value, and the step computes the exact hazard
 * (several exponentials and a logarithm) only for draws below it. Skipping never changes a result.
 *
 * The bound holds because every input of the decision that changes from step to step is bounded over the epoch
 * by the `Envelope` (removal risk, months to working age, intensity, background, the programme's terms), and
 * each term of the valuation is taken at its worst over the envelope; the model then bounds its hazard from those
 * terms (its `hazardBound`, models/model.ts). The main thread starts a new epoch when a step falls outside the
 * envelope: after three years, or when the census shrinks so much that the removal risk outgrows its headroom. The
 * agent's employment is the one input that can change within an epoch and is taken as it is: an agent in work is
 * bounded as someone in work and bounded again in the step it loses the job (sim/step.ts).
 *
 * It holds on floating-point values, not only on reals: every margin below (relative 1e-9 on dollar sums, 1e-6
 * on annuities and probabilities, absolute 1e-6 months and 1e-9 in probability) is orders of magnitude wider than
 * the few roundings of the exact computation, given monthly discount rates of at least 1e-6 (below that the
 * agent's bound is 1, so it is always computed exactly). sim/decision-bound.test.ts checks it against the exact
 * computation over wide random inputs, and checks that it fails when the envelope is narrowed; the checking mode
 * (RunSettings.check, the step's ctx.check) checks it for every decision of a run. A model without a hazard bound gets 1: exact.
 */

/** What the main thread knows of each step before running it (the removal rate aside). */
export interface StepTerms {
  elapsedYears: number;
  intensity: number;
  /** The largest background leave probability of any group. */
  background: number;
  open: boolean;
  /** The programme is open and an announced change of its amounts is ahead (models/anticipation.ts). */
  anticipates: boolean;
  /** By group: monthly rates of job loss and job finding (0 where employment is not modelled). */
  jobLossRate: Float64Array;
  jobFindRate: Float64Array;
  /** By status: the step's amounts [head (with any offer), other adult, child, household]. */
  amounts: Float64Array;
  travelShare: number;
  /** probability x credibility of a promise of legal return. */
  promise: number;
  /** Removal capacity per month, simulated persons. */
  capacityRate: number;
}

/** Headroom for the removal rate: the census shrinks during an epoch; a shrink beyond it starts a new epoch. */
const RATE_HEADROOM = 1.25;

/**
 * Years an epoch spans at most. A bound pass over every agent costs about as much as three or four steps, and a
 * longer epoch loosened the bounds little: with three years rather than one, the exact decisions of 100,000 agents
 * changed by -6% to +2.4% (three US presets over ten years, and the cases); with one epoch for ten years, by up to +12%.
 */
const EPOCH_YEARS = 3;

/**
 * The epoch that starts at step `first`: up to EPOCH_YEARS of steps. `minWeightSum` is the smaller of the two arms'
 * sums of removal weights from the last census.
 */
export function epochEnvelope(terms: StepTerms[], first: number, minWeightSum: number): { envelope: Envelope; last: number } {
  let last = first;
  while (last + 1 < terms.length && terms[last + 1].elapsedYears - terms[first].elapsedYears < EPOCH_YEARS) last++;
  const span = terms.slice(first, last + 1);
  const max = (f: (x: StepTerms) => number) => Math.max(0, ...span.map(f));
  return {
    last,
    envelope: {
      elapsedFirst: terms[first].elapsedYears,
      elapsedLast: terms[last].elapsedYears,
      removalRate: max((x) => x.capacityRate) === 0 ? 0 : minWeightSum > 0 ? (RATE_HEADROOM * max((x) => x.capacityRate)) / minWeightSum : Infinity,
      intensity: max((x) => x.intensity),
      background: max((x) => x.background),
      anticipates: span.some((x) => x.anticipates),
      jobLossMax: span[0].jobLossRate.map((_, g) => max((x) => x.jobLossRate[g])),
      jobFindMin: span[0].jobFindRate.map((_, g) => Math.min(...span.map((x) => x.jobFindRate[g]))),
      programme: span.some((x) => x.open),
      amounts: span[0].amounts.map((_, k) => max((x) => (x.open ? x.amounts[k] : 0))),
      travelShare: max((x) => (x.open ? x.travelShare : 0)),
      promise: max((x) => x.promise),
    },
  };
}

/**
 * Sets `leaveBound` of every agent in [lo, hi) still in the country in some arm to an upper bound on its leave
 * probability in any step the envelope covers, in either arm; 1 when no useful bound holds. The expressions mirror
 * models/decision.ts `leaveProbability`, each moved to its worst case. One pass over the agents with the step's constants in
 * locals: a call per agent that read them through the context cost more than the rest of the bound.
 */
export function boundLeaveProbabilities(pop: Population, lo: number, hi: number, env: Envelope, ctx: StepContext, t: StepTables): void {
  const { origin, flags: flagsCol, years: yearsCol, cls: clsCol, persons: personsCol, children: childrenCol, age, earnings, discount, riskBias,
    trust: trustCol, savings, idio, stateP, stateC, leaveBound, benefitEnd } = pop;
  const { travelCost, legalPathway } = ctx.groups;
  const { leaveMonths, premiumFactor } = t;
  const { penaltyMonths, statusWeight, model: params, twin, registrationCost, amountCaps, programmeReturn: pr } = ctx;
  const statuses = statusWeight.length;
  const hazardBound = behaviouralModel(params.name).hazardBound;
  const recentWeight = Math.max(ctx.recentFactor, 1);
  const { workingAge, routeScale } = ctx.valuation;
  const { elapsedFirst, elapsedLast, removalRate, programme, promise, intensity, background, amounts, travelShare } = env;
  const employment = ctx.employment;
  // Months of benefit left only fall until the next job loss, when the agent is bounded again (sim/step.ts).
  const day = ctx.stepDays[ctx.step];
  const { status: eligibleStatus, group: eligibleGroup, minYears, maxYears, employment: condition } = ctx.eligibility;
  // Someone out of work may find a job, so a programme for those in work is taken as open to everyone.
  const forBenefit = condition === EmploymentCondition.Benefit;
  const forUnemployed = forBenefit || condition === EmploymentCondition.Unemployed;
  // An announced change adds at most its weight times the scheduled amount (models/anticipation.ts: the amount then is >= 0).
  const amountFactor = 1 + (env.anticipates ? ctx.valuation.anticipation : 0);
  const b = scratch;
  const parts = partsScratch;
  for (let i = lo; i < hi; i++) {
    if (leftEveryArm(stateP[i], stateC[i], twin)) continue;
    const r = discount[i];
    if (!(r >= 1e-6) || !hazardBound) {
      leaveBound[i] = 1;
      continue;
    }
    const g = origin[i];
    const flags = flagsCol[i];
    const years = yearsCol[i];
    const status = clsCol[i] % statuses;
    const w = earnings[i];
    const trust = trustCol[i];
    const travel = travelCost[g] * personsCol[i];
    const home = leaveMonths[2 * g + ((flags & FLAG_FAMILY) !== 0 ? 1 : 0)];
    const premium = w * premiumFactor[g];
    const penalty = w * (penaltyMonths + home);
    const monthsFirst = (workingAge - age[i] - elapsedFirst) * 12;
    const monthsLast = (workingAge - age[i] - elapsedLast) * 12;
    // Ways back: every wait only grows as the years pass (re-entry bars), and the annuity after it only shrinks.
    const bars = ctx.statuses.bars[status];
    const ownProbability = ctx.statuses.returnProbability[status];
    const ownWait = bars ? Math.max(ctx.statuses.returnWaitMonths[status], barWait(years + elapsedFirst)) : ctx.statuses.returnWaitMonths[status];
    const ownReturn = returnHigh(ownProbability, ownWait, premium, r, monthsFirst);
    const leaveOwn = -travel - w * home + ownReturn;
    // Removal weight: a recent arrival stops being one as time passes, never the reverse.
    const weight = statusWeight[status] * (years + elapsedFirst < 2 ? recentWeight : 1);
    // Someone with no removal weight is never removed, however large the rate (Infinity x 0 would be NaN).
    const p = weight > 0 ? removalRate * weight * riskBias[i] : 0;
    // stay = annuity(r + p, months) x (premium - p x penalty): the annuity falls with the rate and rises with months.
    const net = premium - p * penalty;
    let stayLeast = net > 0 ? annuityLow(r + p, monthsLast) * net : annuityHigh(r, monthsFirst) * net;
    // Employment (models/employment.ts) lowers the value of staying at most as much as at the epoch's highest
    // job-loss and lowest job-finding rates, in work or out of it: the loss rises with the first, falls with the
    // second and with the discount rate, and rises with the months left (in work it is wage x (1 - floor) x
    // λ (annuity(k) - annuity(k + λ + μ)) / (λ + μ), and that difference of annuities over λ + μ falls as λ + μ
    // grows, being concave in it and 0 at 0). Out of work, a benefit below the floor lowers it too for as long as
    // the benefit runs, and what is left of the benefit may be capitalised; such a bound also holds once back in work.
    let jobless = 0;
    let benefit = 0;
    if (employment && employment.modelled[g] === 1) {
      const unemployed = (flags & FLAG_UNEMPLOYED) !== 0;
      const e = worstEmployment;
      e.unemployed = unemployed;
      e.lossRate = env.jobLossMax[g];
      e.findRate = env.jobFindMin[g];
      e.floorShare = employment.floorShare[g];
      jobless = unemploymentLoss(e, w, r, monthsFirst) * (1 + 1e-6) + 1e-6;
      stayLeast -= jobless;
      if (unemployed) {
        const monthsLeft = benefitMonthsLeft(pop, i, day);
        stayLeast -= w * Math.max(0, employment.floorShare[g] - employment.replacementRate[g]) * annuityHigh(r, monthsLeft);
        benefit = ctx.capitalisedBenefit * w * employment.replacementRate[g] * monthsLeft;
      }
    }
    // The programme's gain and travel help only for someone who may use it in the epoch (sim/eligibility.ts
    // isEligible): whose status and group it takes, whose years in the country reach its range in the epoch, and
    // who is out of work (with benefit left) if it asks for that, until a job lost (then the agent is bounded again).
    const eligible = programme && eligibleStatus[status] === 1 && eligibleGroup[g] === 1 && years + elapsedLast >= minYears
      && years + elapsedFirst <= maxYears && (!forUnemployed || ((flags & FLAG_UNEMPLOYED) !== 0 && (!forBenefit || benefitEnd[i] > day)));
    let gainMost = 0;
    if (eligible) {
      // The programme's way back less the own one, R_prog - R_own = max(kept - own, promised - own), before any
      // repayment (which only lowers it): the kept way back is the own one after a wait at least as long, so at most
      // the own one, and the term is at most max(0, promised - own), with the own way back at its least over the epoch.
      const ownWaitLast = bars ? Math.max(ctx.statuses.returnWaitMonths[status], barWait(years + elapsedLast)) : ctx.statuses.returnWaitMonths[status];
      const ownLeast = returnLow(ownProbability, ownWaitLast, premium, r, monthsLast);
      const promiseWait = bars && !pr.waivesBars ? Math.max(pr.promiseWaitMonths, barWait(years + elapsedFirst)) : pr.promiseWaitMonths;
      const promised = returnHigh(promise * trust * legalPathway[g], promiseWait, premium, r, monthsFirst);
      // The household's largest amount; trust that it is paid and the discount for waiting are at most 1.
      parts.head = amounts[status * 4];
      parts.otherAdult = amounts[status * 4 + 1];
      parts.child = amounts[status * 4 + 2];
      parts.household = amounts[status * 4 + 3];
      const children = childrenCol[i];
      const amount = householdAmount(parts, amountCaps, personsCol[i] - children, children);
      // log1p(exp(x)) <= max(x, 0) + ln 2.
      const numerator = amount * amountFactor + benefit + travelShare * travel - registrationCost * (1 - trust) + Math.max(0, promised - ownLeast);
      gainMost = Math.max(numerator, 0) + routeScale * 0.6932;
    }
    // Rounding allowance for the exact sums; an annuity is at most its months.
    const slack = 1e-9 * (Math.abs(leaveOwn) + gainMost + jobless + (Math.abs(premium) + p * penalty + w) * (Math.max(monthsFirst, 0) + 1)) + 1e-9;
    b.earnings = w;
    b.netLeaveHigh = leaveOwn + gainMost - stayLeast + slack;
    b.affordabilityHigh = travel > 0 ? Math.min(1, (savings[i] + (eligible ? travelShare * travel : 0)) / travel) : 1;
    b.idio = idio[i];
    const h = (background + hazardBound(b, params, intensity)) * (1 + 1e-6) + 1e-9;
    leaveBound[i] = h < 1 ? h : 1;
  }
}

/** At least the value of a way back open with `probability` after at least `wait` months, with at most `months` left. */
function returnHigh(probability: number, wait: number, premium: number, r: number, months: number): number {
  return probability > 0 && premium > 0 ? probability * premium * Math.exp(-r * wait) * annuityHigh(r, months - wait) : 0;
}

/** At most the way back's value for any wait >= `wait` and months left >= `months` (same rate and premium). */
function returnLow(probability: number, wait: number, premium: number, r: number, months: number): number {
  return probability > 0 && premium > 0 ? probability * premium * Math.exp(-r * wait) * annuityLow(r, months - wait) * (1 - 1e-9) : 0;
}

/** Reused for every agent, so bounding allocates nothing. */
const scratch: ValuationBound = { earnings: 0, netLeaveHigh: 0, affordabilityHigh: 0, idio: 0 };
const partsScratch: AmountParts = { head: 0, otherAdult: 0, child: 0, household: 0 };
const worstEmployment: EmploymentTerms = { unemployed: true, lossRate: 0, findRate: 0, replacementRate: 0, floorShare: 0, benefitMonthsLeft: 0 };

/**
 * At most the computed annuity(rate', months') for 1e-6 <= rate' <= rate and months' >= months, without an
 * exponential: m / (1 + x/2 + x^2/12) and m / (1 + x), x = rm, are both below (1 - e^-x) / r (the first by about
 * x^4/720 relative for small x, from x / (1 - e^-x) = 1 + x/2 + x^2/12 - x^4/720 + ...; it is the closer of the
 * two up to x = 6). The second alone left a typical agent's value of staying some 14 months of wages too low, and
 * its bound 3-4 times the exact value in the Japanese and Spanish cases.
 */
export function annuityLow(rate: number, months: number): number {
  if (months <= 0) return 0;
  const x = rate * months;
  return Math.max(0, (months / Math.min(1 + x * (0.5 + x / 12), 1 + x)) * (1 - 1e-9) - 1e-6);
}

/** At least the computed annuity(rate', months') for rate' >= rate >= 1e-6 and months' <= months. */
function annuityHigh(rate: number, months: number): number {
  if (months <= 0) return 0;
  return (rate * months >= 1e-6 ? annuity(rate, months) * (1 + 1e-6) : months) + 1e-6;
}
