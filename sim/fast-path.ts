import { F } from './aggregates.js';
import { AWARE, leftEveryArm, State, STATE_MASK } from './population.js';
import { mixWord, uniformMixed } from './random/hash.js';

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
  cls: Uint8Array<ArrayBufferLike>;
  persons: Uint8Array<ArrayBufferLike>;
  trust: Float32Array<ArrayBufferLike>;
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
  /** Pass over agents gone in every arm (all but the last step, when `advance` counts deadweight among them). */
  passGone: boolean;
  armFields: number;
  /** Removal classes (sim/removal-class.ts): the twin's counts follow the programme arm's in presentByClass. */
  classes: number;
  presentByClass: Int32Array;
  awareByCommunity: Int32Array;
}

/**
 * Advances agents from i on while each is present in both arms and stays so (removed in neither, a decision draw
 * at or above its bound), passing over agents gone in every arm when `passGone`, and returns the first that does
 * not, untouched, for `advanceArms`. The loop calls nothing, so V8 keeps its values in registers; with the rare
 * cases' calls in the same loop, it did not (1.23-1.41x).
 */
export function advanceStaying(r: StayingRun, out: Float64Array<ArrayBufferLike>, i: number, hi: number): number {
  const { stateP, stateC, community, cls: clsCol, persons: personsCol, trust: trustCol, leaveBound, awareness, trustFactor0, trustFactor1 } = r;
  const { removal0, removal1, kAware, kRemove, kDecide, programme, twin, passGone, armFields, classes, presentByClass, awareByCommunity } = r;
  // The trust sums are floating point: kept in locals during the run and in `out` between runs, so that every
  // addition, here or in the general case, comes in agent order and the sums' bits do not depend on the runs.
  let trustSum0 = out[F.trustSum];
  let trustSum1 = out[armFields + F.trustSum];
  for (; i < hi; i++) {
    const sP = stateP[i];
    const sC = twin ? stateC[i] : State.Present;
    if (((sP & STATE_MASK) | sC) !== State.Present) {
      // Such an agent's state no longer changes, and it is not counted.
      if (passGone && leftEveryArm(sP, sC, twin)) continue;
      break;
    }
    const cls = clsCol[i];
    const mixed = mixWord(i);
    const uRemove = uniformMixed(kRemove, mixed);
    if (uRemove < removal0[cls] || (twin && uRemove < removal1[cls])) break;
    if (uniformMixed(kDecide, mixed) < leaveBound[i]) break;
    const c = community[i];
    let s0 = sP;
    if (programme && s0 === State.Present && uniformMixed(kAware, mixed) < awareness[c]) s0 = AWARE;
    stateP[i] = s0;
    const trust = trustCol[i];
    const persons = personsCol[i];
    // perceivedReliability (models/trust.ts), written out: even inlined, a helper call in this loop cost 7%.
    trustSum0 += persons * Math.min(1, trust * trustFactor0[c]);
    presentByClass[cls] += persons;
    awareByCommunity[c] += (s0 >>> 7) * persons;
    if (twin) {
      trustSum1 += persons * Math.min(1, trust * trustFactor1[c]);
      presentByClass[classes + cls] += persons;
    }
  }
  out[F.trustSum] = trustSum0;
  out[armFields + F.trustSum] = trustSum1;
  return i;
}
