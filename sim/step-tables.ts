import { homeCostMonths, premiumShare } from '../models/valuation.js';
import { classCount, classWeight } from './removal-class.js';
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
  const weights = { status: ctx.statusWeight, recentArrivalFactor: ctx.recentFactor, deprioritisedFactor: ctx.deprioritisedFactor };
  const classes = classCount(ctx.statusWeight.length);
  const baseWeight = new Float64Array(classes);
  const deprioritisedWeight = new Float64Array(classes);
  for (let cls = 0; cls < classes; cls++) {
    baseWeight[cls] = classWeight(weights, cls, ctx.elapsedYears, false);
    deprioritisedWeight[cls] = classWeight(weights, cls, ctx.elapsedYears, true);
  }
  const groups = ctx.groups.wageRatio.length;
  const premiumFactor = new Float64Array(groups);
  const leaveMonths = new Float64Array(2 * groups);
  for (let g = 0; g < groups; g++) {
    premiumFactor[g] = premiumShare(ctx.groups.wageRatio[g]);
    leaveMonths[2 * g] = homeCostMonths(val, false, ctx.groups.danger[g]);
    leaveMonths[2 * g + 1] = homeCostMonths(val, true, ctx.groups.danger[g]);
  }
  return {
    baseWeight, deprioritisedWeight, premiumFactor, leaveMonths,
    removalPerClass: ctx.arms.map((a) => baseWeight.map((bw) => a.removalPerWeight * bw)),
  };
}
