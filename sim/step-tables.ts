import { homeCostMonths, premiumShare } from '../models/valuation.js';
import { classWeight, CLASSES } from './removal-class.js';
import type { StepContext } from './step-context.js';

/** Per-step values of expressions the loop would otherwise repeat per agent: the same operations, so the same bits. */
export interface StepTables {
  /** Removal weight by class (sim/removal-class.ts) in this step, without and with deprioritisation. */
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
  const weights = { protectedFactor: ctx.protectedFactor, recentArrivalFactor: ctx.recentFactor, deprioritisedFactor: ctx.deprioritisedFactor };
  const baseWeight = new Float64Array(CLASSES);
  const deprioritisedWeight = new Float64Array(CLASSES);
  for (let cls = 0; cls < CLASSES; cls++) {
    baseWeight[cls] = classWeight(weights, cls, ctx.elapsedYears, false);
    deprioritisedWeight[cls] = classWeight(weights, cls, ctx.elapsedYears, true);
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
    baseWeight, deprioritisedWeight, premiumFactor, leaveMonths,
    removalPerClass: ctx.arms.map((a) => baseWeight.map((bw) => a.removalPerWeight * bw)),
  };
}
