import { betaLike, categorical, lognormal, standardNormal } from './random/distributions.js';
import { streamKey, uniform } from './random/hash.js';
import { F, type AggregateLayout } from './aggregates.js';
import { DAYS_PER_MONTH } from '../scenarios/calendar.js';
import { BLOCK_SIZE, FLAG_FAMILY, FLAG_UNEMPLOYED, type Population } from './population.js';
import { removalClass } from './removal-class.js';

/** What population synthesis needs, resolved from the scenario by the main thread (structured-clonable). */
export interface SynthesisParams {
  key: number;
  /** groupStart[g] is the first agent of group g; agents are stratified so group sizes are exact. */
  groupStart: number[];
  localities: number;
  statuses: number;
  groups: Array<{
    earningsMedian: number;
    yearsMedian: number;
    familyShare: number;
    /** Cumulative shares of the statuses, in the population's order. */
    statusCumulative: number[];
    /** Cumulative probabilities of 1, 2, ... adults and of 0, 1, ... children; absent without households. */
    adultsCumulative?: number[];
    childrenCumulative?: number[];
    /** Share unemployed at the start, and months of benefit after a job loss (models/employment.ts). */
    initialUnemployment: number;
    benefitMonths: number;
  }>;
  earningsSigma: number;
  yearsSigma: number;
  ageMean: number;
  ageSd: number;
  savingsMedian: number;
  savingsSigma: number;
  discountRateMedian: number;
  discountRateSigma: number;
  riskBiasMedian: number;
  riskBiasSigma: number;
  trustMean: number;
  trustSd: number;
}

/**
 * Streams of synthesis, one per attribute draw; tag 2 keeps them apart from the steps' streams (tag 1). New draws
 * go at the end, so that adding one never changes the others.
 */
const enum Draw { Locality, Earn1, Earn2, Years1, Years2, Age1, Age2, Status, Family, Save1, Save2, Disc1, Disc2, Risk1, Risk2, Trust1, Trust2, Idio1, Idio2, Adults, Children,
  Unemployed, Benefit }
const DRAWS = 23;

/**
 * Draw the static attributes of the agents in `blocks` and write the initial census into those blocks' aggregate
 * slices (everyone present in both arms, counted in persons), which step 0 reads for removal weights.
 */
export function synthesizeBlocks(pop: Population, p: SynthesisParams, aggs: Float64Array<ArrayBufferLike>, layout: AggregateLayout,
  blocks: Iterable<number>): void {
  const keys = Array.from({ length: DRAWS }, (_, d) => streamKey(p.key, 2, d));
  const u = (d: Draw, i: number) => uniform(keys[d], i);
  for (const b of blocks) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(pop.n, lo + BLOCK_SIZE);
    const out = aggs.subarray(b * layout.blockFields, (b + 1) * layout.blockFields);
    out.fill(0);
    let g = 0;
    for (let i = lo; i < hi; i++) {
      while (g + 1 < p.groupStart.length && p.groupStart[g + 1] <= i) g++;
      const grp = p.groups[g];
      const locality = Math.min(p.localities - 1, Math.floor(u(Draw.Locality, i) * p.localities));
      const age = clamp(Math.round(p.ageMean + p.ageSd * standardNormal(u(Draw.Age1, i), u(Draw.Age2, i))), 16, 85);
      const years = clamp(Math.round(lognormal(Math.max(grp.yearsMedian, 0.5), p.yearsSigma, u(Draw.Years1, i), u(Draw.Years2, i))), 0, age - 1);
      const status = categorical(grp.statusCumulative, u(Draw.Status, i));
      const annualDiscount = lognormal(p.discountRateMedian, p.discountRateSigma, u(Draw.Disc1, i), u(Draw.Disc2, i));
      const adults = grp.adultsCumulative ? 1 + categorical(grp.adultsCumulative, u(Draw.Adults, i)) : 1;
      const children = grp.childrenCumulative ? categorical(grp.childrenCumulative, u(Draw.Children, i)) : 0;
      const cls = removalClass(status, years, p.statuses);
      pop.origin[i] = g;
      pop.community[i] = g * p.localities + locality;
      pop.age[i] = age;
      pop.years[i] = years;
      // The unemployed at the start are at any point of their benefit: a uniform share of it is left.
      const unemployed = grp.initialUnemployment > 0 && u(Draw.Unemployed, i) < grp.initialUnemployment;
      pop.flags[i] = (u(Draw.Family, i) < grp.familyShare ? FLAG_FAMILY : 0) | (unemployed ? FLAG_UNEMPLOYED : 0);
      pop.benefitEnd[i] = unemployed ? Math.round(u(Draw.Benefit, i) * grp.benefitMonths * DAYS_PER_MONTH) : 0;
      pop.cls[i] = cls;
      pop.persons[i] = adults + children;
      pop.children[i] = children;
      // A floor at a tenth of the median keeps a far tail from a near-zero scale of choice noise (it practically never binds).
      pop.earnings[i] = Math.max(0.1 * grp.earningsMedian, lognormal(grp.earningsMedian, p.earningsSigma, u(Draw.Earn1, i), u(Draw.Earn2, i)));
      pop.savings[i] = lognormal(p.savingsMedian, p.savingsSigma, u(Draw.Save1, i), u(Draw.Save2, i));
      pop.discount[i] = Math.log1p(annualDiscount) / 12;
      pop.riskBias[i] = lognormal(p.riskBiasMedian, p.riskBiasSigma, u(Draw.Risk1, i), u(Draw.Risk2, i));
      pop.trust[i] = betaLike(p.trustMean, p.trustSd, u(Draw.Trust1, i), u(Draw.Trust2, i));
      pop.idio[i] = standardNormal(u(Draw.Idio1, i), u(Draw.Idio2, i));
      pop.stateP[i] = 0;
      pop.stateC[i] = 0;
      pop.regStep[i] = 0;
      for (let arm = 0; arm < 2; arm++) {
        const o = arm * layout.armFields;
        out[o + F.present] += adults + children;
        out[o + F.removalClass + cls] += adults + children;
      }
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
