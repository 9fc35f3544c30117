import { DAYS_PER_MONTH } from '../scenarios/calendar.js';
import { F } from './aggregates.js';
import { FLAG_UNEMPLOYED, leftEveryArm, STATE_MASK, State, type Population } from './population.js';
import { uniform } from './random/hash.js';
import { Purpose, type StepContext } from './step-context.js';

/** A benefit's end is kept in days from the horizon's start, in 16 bits. */
export const LAST_DAY = 65535;

/**
 * Job loss and job finding at the start of a step (models/employment.ts), for every agent still in the country in
 * some arm. Employment does not depend on the programme, so both arms share it. Someone who loses a job draws
 * benefit for the group's benefitMonths from the step's start; someone who finds one stops drawing it. The
 * unemployed persons still in the country in each arm are then counted into `out` (arm slices `armFields` apart).
 * Returns how many lost a job, whose indices it writes to the start of `lost` (their decision bounds no longer hold).
 */
export function moveJobs(pop: Population, ctx: StepContext, lo: number, hi: number, out: Float64Array, armFields: number, lost: Int32Array): number {
  const e = ctx.employment;
  if (!e) return 0;
  let losses = 0;
  const { flags, origin, benefitEnd, stateP, stateC, persons } = pop;
  const key = ctx.keys[Purpose.Employment];
  for (let i = lo; i < hi; i++) {
    if (leftEveryArm(stateP[i], stateC[i], ctx.twin)) continue;
    const g = origin[i];
    if (e.modelled[g] === 0) continue;
    const u = uniform(key, i);
    if ((flags[i] & FLAG_UNEMPLOYED) !== 0) {
      if (u < e.findProbability[g]) {
        flags[i] &= ~FLAG_UNEMPLOYED;
        benefitEnd[i] = 0;
      }
    } else if (u < e.lossProbability[g]) {
      flags[i] |= FLAG_UNEMPLOYED;
      benefitEnd[i] = e.benefitMonths[g] > 0 ? Math.min(LAST_DAY, ctx.stepDays[ctx.step] + Math.round(e.benefitMonths[g] * DAYS_PER_MONTH)) : 0;
      lost[losses++] = i;
    }
    if ((flags[i] & FLAG_UNEMPLOYED) === 0) continue;
    if ((stateP[i] & STATE_MASK) < State.DepartedAssisted) out[F.unemployed] += persons[i];
    if (ctx.twin && (stateC[i] & STATE_MASK) < State.DepartedAssisted) out[armFields + F.unemployed] += persons[i];
  }
  return losses;
}
