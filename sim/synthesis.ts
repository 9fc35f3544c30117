import { betaLike, lognormal, standardNormal } from './random/distributions.js';
import { streamKey, uniform } from './random/hash.js';
import { F, type AggregateLayout } from './aggregates.js';
import { BLOCK_SIZE, FLAG_FAMILY, FLAG_PROTECTED, type Population } from './population.js';
import { YEARS_CLASS } from './removal-class.js';

/** What population synthesis needs, resolved from the scenario by the main thread (structured-clonable). */
export interface SynthesisParams {
  key: number;
  /** originStart[g] is the first agent of origin g; agents are stratified so group sizes are exact. */
  originStart: number[];
  localities: number;
  groups: { earningsMedian: number; yearsMedian: number; protectedShare: number; familyShare: number }[];
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

/** Streams of synthesis, one per attribute draw; tag 2 keeps them apart from the steps' streams (tag 1). */
const enum Draw { Locality, Earn1, Earn2, Years1, Years2, Age1, Age2, Protected, Family, Save1, Save2, Disc1, Disc2, Risk1, Risk2, Trust1, Trust2, Idio1, Idio2 }
const DRAWS = 19;

/**
 * Draw the static attributes of the agents in `blocks` and write the initial census into those blocks' aggregate
 * slices (everyone present in both arms), which step 0 reads for removal weights.
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
      while (g + 1 < p.originStart.length && p.originStart[g + 1] <= i) g++;
      const grp = p.groups[g];
      const locality = Math.min(p.localities - 1, Math.floor(u(Draw.Locality, i) * p.localities));
      const age = clamp(Math.round(p.ageMean + p.ageSd * standardNormal(u(Draw.Age1, i), u(Draw.Age2, i))), 16, 85);
      const years = clamp(Math.round(lognormal(Math.max(grp.yearsMedian, 0.5), p.yearsSigma, u(Draw.Years1, i), u(Draw.Years2, i))), 0, age - 1);
      const isProtected = u(Draw.Protected, i) < grp.protectedShare;
      const annualDiscount = lognormal(p.discountRateMedian, p.discountRateSigma, u(Draw.Disc1, i), u(Draw.Disc2, i));
      pop.origin[i] = g;
      pop.community[i] = g * p.localities + locality;
      pop.age[i] = age;
      pop.years[i] = years;
      pop.flags[i] = (u(Draw.Family, i) < grp.familyShare ? FLAG_FAMILY : 0) | (isProtected ? FLAG_PROTECTED : 0);
      pop.earnings[i] = Math.max(300, lognormal(grp.earningsMedian, p.earningsSigma, u(Draw.Earn1, i), u(Draw.Earn2, i)));
      pop.savings[i] = lognormal(p.savingsMedian, p.savingsSigma, u(Draw.Save1, i), u(Draw.Save2, i));
      pop.discount[i] = Math.log1p(annualDiscount) / 12;
      pop.riskBias[i] = lognormal(p.riskBiasMedian, p.riskBiasSigma, u(Draw.Risk1, i), u(Draw.Risk2, i));
      pop.trust[i] = betaLike(p.trustMean, p.trustSd, u(Draw.Trust1, i), u(Draw.Trust2, i));
      pop.idio[i] = standardNormal(u(Draw.Idio1, i), u(Draw.Idio2, i));
      pop.stateP[i] = 0;
      pop.stateC[i] = 0;
      pop.regStep[i] = 0;
      const cls = (isProtected ? 1 : 0) | YEARS_CLASS[years];
      for (let arm = 0; arm < 2; arm++) {
        const o = arm * layout.armFields;
        out[o + F.present]++;
        out[o + F.removalClass + cls]++;
      }
    }
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
