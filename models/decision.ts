import { anticipationValue } from './anticipation.js';
import { benefitValue, unemploymentLoss, type EmploymentTerms } from './employment.js';
import type { BehaviouralModel, ModelParams } from './model.js';
import { instalmentsValue, type Instalment } from './payment.js';
import { returnValues, type ProgrammeReturnTerms, type ReturnValues } from './return-option.js';
import { programmeRoute, type Route } from './route-choice.js';
import { annuity, homeCostMonths, premiumShare, workingMonthsLeft, type Valuation, type ValuationParams } from './valuation.js';

/**
 * The decision of one present agent (a household, or one person) in one arm and step, exactly: the reference
 * semantics of the model (ODD §3.3.1-3.3.2, 3.3.8-3.3.10, 3.3.14-3.3.15). The engine's fast path and its bound on this probability (sim/fast-path.ts,
 * sim/decision-bound.ts) are performance options whose contract is to give what this gives.
 */

/** What the decision reads of the agent, its group, and its arm in this step. Filled by the engine, reused. */
export interface DecisionInputs {
  /** Monthly earnings in the country. */
  earnings: number;
  savings: number;
  /** Continuous monthly discount rate. */
  discount: number;
  /** Perceived over actual removal risk. */
  riskBias: number;
  /** Personal trust in the government's promises, 0..1. */
  trust: number;
  /** A standard-normal personal trait (thresholds). */
  idio: number;
  /** Age and whole years in the country, at the start of the run. */
  age: number;
  yearsAtStart: number;
  family: boolean;
  /** Persons in the household (1 without households). */
  persons: number;
  wageRatio: number;
  /** One-way travel home, per person. */
  travelCost: number;
  danger: number;
  legalPathway: number;
  /** The way back of the agent's status after leaving on its own (§3.3.10). */
  ownReturn: { probability: number; waitMonths: number; bars: boolean };
  /** Removal probability this step if the agent stays unregistered, before its bias: q_t x v_i. */
  removalRisk: number;
  /** The programme is open in this arm, the agent knows of it and is eligible. */
  knowsProgramme: boolean;
  /** Perceived probability that a stipend is paid (models/trust.ts perceivedReliability). */
  trustPay: number;
  /** The household's amount for a registration this step, expected over any deadline (models/payment.ts), and
   * within it the part set by the programme's schedules (without a capitalised benefit). */
  amount: number;
  scheduledAmount: number;
  /** The next announced change of the scheduled amount: months until it (Infinity: none known) and the amount then. */
  changeMonths: number;
  amountNext: number;
  /** Employment (models/employment.ts), or null where the scenario does not model it: everyone stays in work. */
  employment: EmploymentTerms | null;
  /** The group's background emigration probability in this step. */
  background: number;
  /** The share of travel the programme pays. */
  travelShare: number;
  /** Share of the agent's community that has left voluntarily, as of the last step. */
  peerDepartedShare: number;
}

/** What the decision reads that is the same for every agent in a step. */
export interface DecisionTerms {
  months: number;
  elapsedYears: number;
  valuation: ValuationParams;
  model: BehaviouralModel;
  params: ModelParams;
  /** model.intensity(params, months). */
  intensity: number;
  /** Months of earnings a removal costs besides home costs: detention and the expected third-country term. */
  penaltyMonths: number;
  /** When the amount is paid after arrival; the cost of registering at zero trust. */
  instalments: readonly Instalment[];
  registrationCost: number;
  programmeReturn: ProgrammeReturnTerms;
}

/** The decision's by-products, reused across agents: the valuation the model saw and the routing share. */
export class Decision {
  readonly v: Valuation = { earnings: 0, stay: 0, leaveOwn: 0, programmeGain: 0, affordability: 0, peerDepartedShare: 0, idio: 0 };
  readonly route: Route = { gain: 0, share: 0 };
  readonly returns: ReturnValues = { own: 0, programme: 0 };
}

/**
 * The probability that the agent leaves this step by any route; `out.route.share` is then the share of leavers
 * who take the programme.
 */
export function leaveProbability(a: DecisionInputs, k: DecisionTerms, out: Decision): number {
  const val = k.valuation;
  const v = out.v;
  const w = a.earnings;
  const r = a.discount;
  const monthsLeft = workingMonthsLeft(val, a.age, k.elapsedYears);
  const premium = w * premiumShare(a.wageRatio);
  const home = homeCostMonths(val, a.family, a.danger);
  const travel = a.travelCost * a.persons;
  // A removed agent bears detention and the costs of being home (family, danger), not the journey.
  const penalty = w * (k.penaltyMonths + home);
  // The valuation works in months: the step's removal probability, biased per agent, becomes a monthly rate.
  const p = Math.min(1, a.removalRisk * a.riskBias) / k.months;
  const ann = annuity(r + p, monthsLeft);
  const returns = returnValues(a.ownReturn, k.programmeReturn, a.yearsAtStart + k.elapsedYears, a.trust, a.legalPathway, premium, r, monthsLeft,
    a.amount, out.returns);
  v.earnings = w;
  v.leaveOwn = -travel - w * home + returns.own;
  v.idio = a.idio;
  v.stay = premium * ann - p * ann * penalty;
  if (a.employment) v.stay += benefitValue(a.employment, w, r + p) - unemploymentLoss(a.employment, w, r + p, monthsLeft);
  out.route.gain = 0;
  out.route.share = 0;
  if (a.knowsProgramme) {
    let paid = a.trustPay * a.amount * instalmentsValue(k.instalments, r);
    if (a.changeMonths < Infinity) {
      paid += a.trustPay * instalmentsValue(k.instalments, r) * anticipationValue(val.anticipation, a.scheduledAmount, a.amountNext, a.changeMonths, r);
    }
    const x = (paid + a.travelShare * travel - k.registrationCost * (1 - a.trust) + (returns.programme - returns.own)) / val.routeScale;
    programmeRoute(x, val.routeScale, out.route);
  }
  v.programmeGain = out.route.gain;
  // Nothing to afford when the journey costs nothing.
  v.affordability = travel > 0 ? Math.min(1, (a.savings + (out.route.share > 0 ? a.travelShare * travel : 0)) / travel) : 1;
  v.peerDepartedShare = a.peerDepartedShare;
  return 1 - (1 - k.model.hazard(v, k.params, k.intensity)) * (1 - a.background);
}
