import { annuity } from './valuation.js';

/**
 * The option to come back (§3.3.10). Departures are final in the simulation, but what leaving costs depends on
 * whether one could return later: a resident who leaves on their own may keep a way back, a programme may take it
 * away for some years (a no-return commitment), and a promise of legal return may open one. Each way back is
 * worth its probability times the discounted wage premium from the return on.
 */

/** Months before any legal return under the US re-entry bars: 3 years after more than 180 days of unlawful
 * presence, 10 after a year or more (the 180-day threshold is not modelled). */
export function barWait(yearsNow: number): number {
  return yearsNow >= 1 ? 120 : 36;
}

/** Present value of a way back open with `probability` after `waitMonths`: the premium from then on, discounted. */
export function returnValue(probability: number, waitMonths: number, premium: number, r: number, monthsLeft: number): number {
  if (!(probability > 0)) return 0;
  return probability * premium * Math.exp(-r * waitMonths) * annuity(r, monthsLeft - waitMonths);
}

/** The programme's terms on coming back, in one step. */
export interface ProgrammeReturnTerms {
  /** probability x credibility of a promise of legal return while the programme is open, else 0. */
  promise: number;
  promiseWaitMonths: number;
  /** The promise waives the re-entry bars. */
  waivesBars: boolean;
  /** Months a programme departer commits not to come back (Infinity: never). */
  commitmentMonths: number;
  /** A programme departer who comes back repays the amount. */
  repayOnReturn: boolean;
}

/** What one agent's ways back are worth by each route out. */
export interface ReturnValues {
  own: number;
  programme: number;
}

/**
 * The value of coming back after leaving on one's own (the status's way back, delayed by the bars if they apply)
 * and after leaving through the programme (the same way back, no sooner than the commitment allows, or the
 * promise of legal return, whichever is worth more, less the repayment when it is owed).
 */
export function returnValues(own: { probability: number; waitMonths: number; bars: boolean }, t: ProgrammeReturnTerms, yearsNow: number,
  trust: number, legalPathway: number, premium: number, r: number, monthsLeft: number, amount: number, out: ReturnValues): ReturnValues {
  const ownWait = own.bars ? Math.max(own.waitMonths, barWait(yearsNow)) : own.waitMonths;
  out.own = returnValue(own.probability, ownWait, premium, r, monthsLeft);
  const keptWait = Math.max(ownWait, t.commitmentMonths);
  const kept = Number.isFinite(keptWait) ? returnValue(own.probability, keptWait, premium, r, monthsLeft) : 0;
  const promiseProbability = t.promise * trust * legalPathway;
  const promiseWait = own.bars && !t.waivesBars ? Math.max(t.promiseWaitMonths, barWait(yearsNow)) : t.promiseWaitMonths;
  const promised = returnValue(promiseProbability, promiseWait, premium, r, monthsLeft);
  let programme = Math.max(kept, promised);
  if (t.repayOnReturn && programme > 0) {
    const [p, w] = kept >= promised ? [own.probability, keptWait] : [promiseProbability, promiseWait];
    programme -= p * amount * Math.exp(-r * w);
  }
  out.programme = programme;
  return out;
}
