import type { ModelParams } from '../models/model.js';
import type { AmountCaps, Instalment } from '../models/payment.js';
import type { ProgrammeReturnTerms } from '../models/return-option.js';
import type { ValuationParams } from '../models/valuation.js';

/**
 * What a step's workers receive from the main thread: everything the agents read besides their own state, built
 * from the scenario, the policy and the previous step's aggregates (sim/replicate.ts). Structured-clonable.
 */

/** The worst case, for leaving, of each step-varying input of the decision, over the steps of one epoch. */
export interface Envelope {
  /** Years elapsed at the epoch's first and last step. */
  elapsedFirst: number;
  elapsedLast: number;
  /** removalPerWeight / months of either arm is at most this in every step. */
  removalRate: number;
  /** The largest intensity, and background leave probability of any group, of the epoch's steps. */
  intensity: number;
  background: number;
  /** Some step of the epoch has an announced change of the amounts ahead (models/anticipation.ts). */
  anticipates: boolean;
  /** By group: the highest monthly job-loss rate and the lowest job-finding rate of the epoch's steps. */
  jobLossMax: Float64Array;
  jobFindMin: Float64Array;
  /** Whether the programme is open in some step, and its largest amounts by status, travel share and promise. */
  programme: boolean;
  /** By status: the largest [head, other adult, child, household] amounts of the epoch's open steps. */
  amounts: Float64Array;
  travelShare: number;
  promise: number;
}

/** What differs between the programme arm and its counterfactual twin in one step. */
export interface ArmContext {
  /** Agents can learn of and register with the programme this step. */
  programme: boolean;
  /** q_t: removal probability per unit of removal weight (capacity / the census's sum of weights). */
  removalPerWeight: number;
  /** Per community: probability that an unaware agent becomes aware this step. */
  awareness: Float64Array;
  /** Per community: multiplier on personal trust that a stipend is paid (the community's payment record). */
  trustFactor: Float64Array;
  /** Per community: share that left voluntarily (assisted or not), as of the last step. */
  peerDeparted: Float64Array;
  /** By registration step and status, the amounts [head, other adult, child, household]; all 0 in the twin. */
  amounts: Float64Array;
  /** By registration step and status, the head amount with an offer's days; by registration step, the offer's
   * last departure step (-1: no offer). */
  offerHead: Float64Array;
  offerDeadline: Int32Array;
  travelShare: number;
  departProbability: number;
  abandonProbability: number;
  paymentReliability: number;
}

/** By group: this step's job moves and benefit rules; a group without employment has `modelled` 0. */
export interface EmploymentContext {
  modelled: Uint8Array;
  /** Monthly rates, and the step's probabilities, of losing and finding a job. */
  lossRate: Float64Array;
  findRate: Float64Array;
  lossProbability: Float64Array;
  findProbability: Float64Array;
  replacementRate: Float64Array;
  floorShare: Float64Array;
  benefitMonths: Float64Array;
}

/** Which employment state the programme requires: any, unemployed, employed, or unemployed and receiving benefit. */
export const enum EmploymentCondition { Any, Unemployed, Employed, Benefit }

export interface StepContext {
  step: number;
  /** Length of this step in months. */
  months: number;
  /** Streams of this step, one per purpose (see `Purpose`). */
  keys: number[];
  elapsedYears: number;
  model: ModelParams;
  /** The model's intensity for this step (models/model.ts). */
  intensity: number;
  valuation: ValuationParams;
  /** By step: days from the start of the horizon to the step's start (the clock of a benefit's end). */
  stepDays: Int32Array;
  /** By group: the background emigration probability of the step. */
  background: Float64Array;
  /** Employment by group (models/employment.ts); null when no group models it. */
  employment: EmploymentContext | null;
  /** The probability that an eligible, unaware agent is contacted by the programme this step (outreach). */
  outreach: number;
  /** Share of the benefit still due that the programme pays as a lump sum. */
  capitalisedBenefit: number;
  /** The next announced change of the amounts: months until it (Infinity: none), and by status the amounts then. */
  changeMonths: number;
  changeAmounts: Float64Array;
  /** Removal penalty besides home costs, months of earnings: detention and the expected third-country term. */
  penaltyMonths: number;
  /** Removal weights by status, and the factors for recent arrivals and deprioritisation (models/enforcement.ts). */
  statusWeight: number[];
  recentFactor: number;
  deprioritisedFactor: number;
  /** A registration within this many steps is still deprioritised. */
  deprioritisedSteps: number;
  /** By status: the way back after leaving on one's own (models/return-option.ts). */
  statuses: { returnProbability: number[]; returnWaitMonths: number[]; bars: boolean[] };
  programmeReturn: ProgrammeReturnTerms;
  groups: { wageRatio: number[]; travelCost: number[]; danger: number[]; legalPathway: number[] };
  /** Who may use the programme: by status and by group (1 or 0), the range of years in the country, and the
   * employment condition (sim/eligibility.ts). */
  eligibility: { status: Uint8Array; group: Uint8Array; minYears: number; maxYears: number; employment: EmploymentCondition };
  amountCaps: AmountCaps;
  /** This step's instalments (share, months after arrival), with which a registration now values its amount
   * (models/payment.ts instalmentsValue); the main thread schedules payments from the departure step's. */
  instalments: Instalment[];
  /** The cost of registering for someone with no trust (programme.registrationCost). */
  registrationCost: number;
  /** The epoch's bounds on the step-varying inputs of a decision (decision-bound.ts). */
  envelope: Envelope;
  /** The first step of an epoch: recompute every agent's bound on its leave probability. */
  newEpoch: boolean;
  /** Also advance the counterfactual twin. */
  twin: boolean;
  /** The horizon's last step: count the deadweight. */
  last: boolean;
  /**
   * Checking mode: no fast path; every decision is computed exactly and checked against the agent's bound, which
   * throws if too low. Results are those of the normal mode, or the fast path is wrong.
   */
  check: boolean;
  arms: [ArmContext, ArmContext];
}

/** The random streams of a step, one per purpose; part of every draw's key, so their order is fixed for good. */
export const enum Purpose { Aware, Remove, Decide, Route, Depart, Pay, Employment, Outreach }
export const PURPOSES = 8;
