import { F } from './aggregates.js';
import { AWARE, State, STATE_MASK, FLAG_PROTECTED } from './population.js';
import { mixWord, uniformMixed } from './random/hash.js';
import { CLASSES, YEARS_CLASS } from './removal-class.js';

/**
 * The fast path, a performance option of the step (sim/step.ts): most agent-steps are of agents present in both
 * arms who are not removed and whose decision draw is at or above their bound (sim/decision-bound.ts), so they
 * stay. This loop advances such agents with the same draws, comparisons and sums the reference `advanceArms`
 * makes for them, and hands every other agent back. Its contract is to give what the reference gives: the
 * checking mode (RunSettings.check, the step's ctx.check) runs without it, and the tests compare both byte for byte.
 */

/** What `advanceStaying` reads and adds to, gathered once per task. */
export interface StayingRun {
  stateP: Uint8Array<ArrayBufferLike>;
  stateC: Uint8Array<ArrayBufferLike>;
  community: Uint16Array<ArrayBufferLike>;
  flags: Uint8Array<ArrayBufferLike>;
  trust: Float32Array<ArrayBufferLike>;
  years: Uint8Array<ArrayBufferLike>;
  leaveBound: Float32Array<ArrayBufferLike>;
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
 * at or above its bound), and returns the first that does not, untouched, for `advanceArms`. The loop calls
 * nothing, so V8 keeps its values in registers; with the rare cases' calls in the same loop, it did not
 * (1.23-1.41x).
 */
export function advanceStaying(r: StayingRun, out: Float64Array<ArrayBufferLike>, i: number, hi: number): number {
  const { stateP, stateC, community, flags, trust: trustCol, years, leaveBound, awareness, trustFactor0, trustFactor1 } = r;
  const { removal0, removal1, kAware, kRemove, kDecide, programme, twin, armFields, presentByClass, awareByCommunity } = r;
  // The trust sums are floating point: kept in locals during the run and in `out` between runs, so that every
  // addition, here or in the general case, comes in agent order and the sums' bits do not depend on the runs.
  let trustSum0 = out[F.trustSum];
  let trustSum1 = out[armFields + F.trustSum];
  for (; i < hi; i++) {
    const sP = stateP[i];
    if (((sP & STATE_MASK) | (twin ? stateC[i] : State.Present)) !== State.Present) break;
    // A shift, not a branch, for 0 or 1: protection is random across agents, and the branch cost 6-9% of the step.
    // Written out rather than through a helper shared with the step: even inlined, a helper cost 7% here.
    const cls = ((flags[i] & FLAG_PROTECTED) >>> 1) | YEARS_CLASS[years[i]];
    const mixed = mixWord(i);
    const uRemove = uniformMixed(kRemove, mixed);
    if (uRemove < removal0[cls] || (twin && uRemove < removal1[cls])) break;
    if (uniformMixed(kDecide, mixed) < leaveBound[i]) break;
    const c = community[i];
    let s0 = sP;
    if (programme && s0 === State.Present && uniformMixed(kAware, mixed) < awareness[c]) s0 = AWARE;
    stateP[i] = s0;
    const trust = trustCol[i];
    // perceivedReliability (models/trust.ts), written out for the same reason.
    trustSum0 += Math.min(1, trust * trustFactor0[c]);
    presentByClass[cls]++;
    awareByCommunity[c] += s0 >>> 7;
    if (twin) {
      trustSum1 += Math.min(1, trust * trustFactor1[c]);
      presentByClass[CLASSES + cls]++;
    }
  }
  out[F.trustSum] = trustSum0;
  out[armFields + F.trustSum] = trustSum1;
  return i;
}
