import { betaLike, betaLikeTerms, categorical, lognormal, standardNormal, type BetaLikeTerms } from './random/distributions.js';
import { mixWord, streamKey, uniformMixed } from './random/hash.js';
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

/** The standard normals of an agent, each from two of its draws. */
const NORMALS = [[Draw.Age1, Draw.Age2], [Draw.Years1, Draw.Years2], [Draw.Disc1, Draw.Disc2], [Draw.Earn1, Draw.Earn2],
  [Draw.Save1, Draw.Save2], [Draw.Risk1, Draw.Risk2], [Draw.Trust1, Draw.Trust2], [Draw.Idio1, Draw.Idio2]] as const;
/** The draws used as plain uniforms. */
const UNIFORMS = [Draw.Locality, Draw.Status, Draw.Family, Draw.Adults, Draw.Children, Draw.Unemployed, Draw.Benefit] as const;

/** Agents drawn per pass: a pass's columns (16 numbers per agent) stay in the first-level cache. */
const CHUNK = 256;

/**
 * The draws of up to CHUNK agents, one column per standard normal and per plain uniform, in the order of NORMALS and
 * UNIFORMS. Drawn in small loops, one column at a time, rather than agent by agent: V8 inlines the hash and the
 * normal into a small loop and keeps its numbers unboxed, where one loop over every draw of an agent exceeded its
 * inlining budget and paid a call and a heap number for each of some forty draws (about a third of synthesis).
 */
interface Columns {
  mix: Int32Array;
  normal: Float64Array[];
  uniform: Float64Array[];
}

function drawColumns(keys: number[], first: number, count: number, c: Columns): void {
  for (let j = 0; j < count; j++) c.mix[j] = mixWord(first + j);
  for (let k = 0; k < NORMALS.length; k++) {
    const [k1, k2] = [keys[NORMALS[k][0]], keys[NORMALS[k][1]]];
    const z = c.normal[k];
    for (let j = 0; j < count; j++) z[j] = standardNormal(uniformMixed(k1, c.mix[j]), uniformMixed(k2, c.mix[j]));
  }
  for (let k = 0; k < UNIFORMS.length; k++) {
    const key = keys[UNIFORMS[k]];
    const u = c.uniform[k];
    for (let j = 0; j < count; j++) u[j] = uniformMixed(key, c.mix[j]);
  }
}

/**
 * Draw the static attributes of the agents in `blocks` and write the initial census into those blocks' aggregate
 * slices (everyone present in both arms, counted in persons), which step 0 reads for removal weights.
 */
export function synthesizeBlocks(pop: Population, p: SynthesisParams, aggs: Float64Array<ArrayBufferLike>, layout: AggregateLayout,
  blocks: Iterable<number>): void {
  const keys = Array.from({ length: DRAWS }, (_, d) => streamKey(p.key, 2, d));
  const classes = layout.group - F.removalClass;
  const persons = new Float64Array(classes);
  const trust = betaLikeTerms(p.trustMean, p.trustSd);
  const columns: Columns = {
    mix: new Int32Array(CHUNK),
    normal: NORMALS.map(() => new Float64Array(CHUNK)),
    uniform: UNIFORMS.map(() => new Float64Array(CHUNK)),
  };
  for (const b of blocks) {
    const lo = b * BLOCK_SIZE;
    const hi = Math.min(pop.n, lo + BLOCK_SIZE);
    persons.fill(0);
    for (let g = 0; g < p.groups.length; g++) {
      const to = Math.min(hi, p.groupStart[g + 1] ?? pop.n);
      for (let first = Math.max(lo, p.groupStart[g]); first < to; first += CHUNK) {
        const count = Math.min(CHUNK, to - first);
        drawColumns(keys, first, count, columns);
        assemble(pop, p, g, first, count, columns, trust, persons);
      }
    }
    // Whole numbers of persons, so these sums are exact in any order.
    const out = aggs.subarray(b * layout.blockFields, (b + 1) * layout.blockFields);
    out.fill(0);
    for (let arm = 0; arm < 2; arm++) {
      const o = arm * layout.armFields;
      for (let cls = 0; cls < classes; cls++) {
        out[o + F.present] += persons[cls];
        out[o + F.removalClass + cls] += persons[cls];
      }
    }
  }
}

/**
 * The attributes of agents first..first+count-1, all of group g, from their drawn columns; persons[cls] counts their
 * persons by removal class. The operations are those of drawing each attribute from its uniforms directly, in the
 * same order, so the bits are the same.
 */
function assemble(pop: Population, p: SynthesisParams, g: number, first: number, count: number, c: Columns, trust: BetaLikeTerms,
  persons: Float64Array): void {
  const grp = p.groups[g];
  const yearsMedian = Math.max(grp.yearsMedian, 0.5);
  const { adultsCumulative, childrenCumulative, statusCumulative, earningsMedian, familyShare, initialUnemployment, benefitMonths } = grp;
  const earningsFloor = 0.1 * earningsMedian;
  const { localities, statuses, ageMean, ageSd, yearsSigma, earningsSigma, savingsMedian, savingsSigma, discountRateMedian, discountRateSigma,
    riskBiasMedian, riskBiasSigma } = p;
  const { community, age: ageCol, years: yearsCol, flags, benefitEnd, cls: clsCol, persons: personsCol, children: childrenCol, earnings,
    savings, discount, riskBias, trust: trustCol, idio } = pop;
  const [zAge, zYears, zDisc, zEarn, zSave, zRisk, zTrust, zIdio] = c.normal;
  const [uLocality, uStatus, uFamily, uAdults, uChildren, uUnemployed, uBenefit] = c.uniform;
  const to = first + count;
  // Every agent starts in group g, present in both arms, unregistered (the buffers are reused across replicates).
  pop.origin.fill(g, first, to);
  pop.stateP.fill(0, first, to);
  pop.stateC.fill(0, first, to);
  pop.regStep.fill(0, first, to);
  for (let j = 0; j < count; j++) {
    const i = first + j;
    const locality = Math.min(localities - 1, Math.floor(uLocality[j] * localities));
    const age = clamp(Math.round(ageMean + ageSd * zAge[j]), 16, 85);
    const years = clamp(Math.round(lognormal(yearsMedian, yearsSigma, zYears[j])), 0, age - 1);
    const status = categorical(statusCumulative, uStatus[j]);
    const annualDiscount = lognormal(discountRateMedian, discountRateSigma, zDisc[j]);
    const adults = adultsCumulative ? 1 + categorical(adultsCumulative, uAdults[j]) : 1;
    const children = childrenCumulative ? categorical(childrenCumulative, uChildren[j]) : 0;
    const cls = removalClass(status, years, statuses);
    community[i] = g * localities + locality;
    ageCol[i] = age;
    yearsCol[i] = years;
    // The unemployed at the start are at any point of their benefit: a uniform share of it is left.
    const unemployed = initialUnemployment > 0 && uUnemployed[j] < initialUnemployment;
    flags[i] = (uFamily[j] < familyShare ? FLAG_FAMILY : 0) | (unemployed ? FLAG_UNEMPLOYED : 0);
    benefitEnd[i] = unemployed ? Math.round(uBenefit[j] * benefitMonths * DAYS_PER_MONTH) : 0;
    clsCol[i] = cls;
    personsCol[i] = adults + children;
    childrenCol[i] = children;
    // A floor at a tenth of the median keeps a far tail from a near-zero scale of choice noise (it practically never binds).
    earnings[i] = Math.max(earningsFloor, lognormal(earningsMedian, earningsSigma, zEarn[j]));
    savings[i] = lognormal(savingsMedian, savingsSigma, zSave[j]);
    discount[i] = Math.log1p(annualDiscount) / 12;
    riskBias[i] = lognormal(riskBiasMedian, riskBiasSigma, zRisk[j]);
    trustCol[i] = betaLike(trust, zTrust[j]);
    idio[i] = zIdio[j];
    persons[cls] += adults + children;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}
