import { removalWeight } from '../models/enforcement.js';
import { homeCostMonths, premiumShare } from '../models/valuation.js';
import type { StepContext } from './step-context.js';

/** Per-step values of expressions the loop would otherwise repeat per agent: the same operations, so the same bits. */
export interface StepTables {
  /** By whole years in the country at the start: 2 if a recent arrival this step, else 0 (the class's bit 1). */
  recent: Uint8Array;
  /** Removal weight by class (protected | recent << 1), without and with deprioritisation. */
  baseWeight: Float64Array;
  deprioritisedWeight: Float64Array;
  /** By group: the premium share of earnings; by group x family tie: home costs in months of earnings. */
  premiumFactor: Float64Array;
  leaveMonths: Float64Array;
  /** Per arm, by class: the removal probability of an agent that is not deprioritised. */
  removalPerClass: Float64Array[];
}

export function stepTables(ctx: StepContext): StepTables {
  const val = ctx.valuation;
  const recent = new Uint8Array(256);
  for (let k = 0; k < 256; k++) recent[k] = k + ctx.elapsedYears < 2 ? 2 : 0;
  const weights = { protectedFactor: ctx.protectedFactor, recentArrivalFactor: ctx.recentFactor, deprioritisedFactor: ctx.deprioritisedFactor };
  const baseWeight = new Float64Array(4);
  const deprioritisedWeight = new Float64Array(4);
  for (let cls = 0; cls < 4; cls++) {
    baseWeight[cls] = removalWeight(weights, (cls & 1) !== 0, (cls & 2) !== 0, false);
    deprioritisedWeight[cls] = removalWeight(weights, (cls & 1) !== 0, (cls & 2) !== 0, true);
  }
  const origins = ctx.groups.wageRatio.length;
  const premiumFactor = new Float64Array(origins);
  const leaveMonths = new Float64Array(2 * origins);
  for (let g = 0; g < origins; g++) {
    premiumFactor[g] = premiumShare(ctx.groups.wageRatio[g]);
    leaveMonths[2 * g] = homeCostMonths(val, false, ctx.groups.danger[g]);
    leaveMonths[2 * g + 1] = homeCostMonths(val, true, ctx.groups.danger[g]);
  }
  return {
    recent, baseWeight, deprioritisedWeight, premiumFactor, leaveMonths,
    removalPerClass: ctx.arms.map((a) => baseWeight.map((bw) => a.removalPerWeight * bw)),
  };
}
