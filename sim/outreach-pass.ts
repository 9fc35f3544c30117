import { isEligible } from './eligibility.js';
import { AWARE, State, type Population } from './population.js';
import { uniform } from './random/hash.js';
import { Purpose, type StepContext } from './step-context.js';

/**
 * Outreach (§3.3.6): the programme's agency contacts a share of the eligible people still present and unaware
 * (letters, counselling at the employment or asylum office), who then know of it. Programme arm only; before
 * the step's other draws, so a contacted agent may decide in the same step.
 */
export function reachOut(pop: Population, ctx: StepContext, lo: number, hi: number): void {
  if (!(ctx.outreach > 0) || !ctx.arms[0].programme) return;
  const { stateP } = pop;
  const key = ctx.keys[Purpose.Outreach];
  for (let i = lo; i < hi; i++) {
    // Present and unaware: the state byte without the AWARE bit.
    if (stateP[i] !== State.Present) continue;
    if (uniform(key, i) < ctx.outreach && isEligible(pop, ctx, i)) stateP[i] |= AWARE;
  }
}
