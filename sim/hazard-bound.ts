import type { UtilityParams } from '../models/utility.js';

/**
 * Cheap tests that an agent's decision draw u is at or above its leave probability
 * h = 1 - (1 - hazard) x (1 - background), so that the step can skip the exact hazard (an annuity, a logistic
 * and perhaps a logit route choice: up to three exponentials). Skipping never changes a result: an agent
 * with u >= h stays either way.
 *
 * Why the tests hold on floating-point values, not only on real numbers: IEEE rounding is monotone, so an
 * expression built from +, -, x and / with every input moved the same way moves the same way, and each
 * operation is within 2^-53 relative of the real result. Every bound below is computed from inputs that are
 * provably on the safe side, with margins (1e-9 relative or more, 1e-14 absolute on probabilities) far wider
 * than the accumulated rounding, and where the exact value goes through Math.exp or Math.log1p (accurate
 * to about 1e-16 relative) the bound uses an inequality that holds for the real function.
 */

/**
 * Any model: its hazard 1 - exp(-intensity x s) with 0 <= s <= 1 never exceeds 1 - exp(-intensity), so h cannot
 * exceed this; the factor below 1 covers the rounding of two exponentials.
 */
export function hazardCeiling(intensity: number, stayBackground: number): number {
  return 1 - Math.exp(-intensity) * stayBackground * (1 - 1e-12);
}

/** h <= (1 - stayBackground) + hazard up to rounding: the first term plus a margin, per step. */
export function backgroundFloor(stayBackground: number): number {
  return 1 - stayBackground + 1e-14;
}

/**
 * The utility model (models/utility.ts): hazard = 1 - exp(-intensity / (1 + exp(-z))) <= intensity / (1 + exp(-z)) with
 * z = statusQuo + (leaveOwn + programmeGain - stay) / (noiseScale x 12 x earnings). A lower bound on the value
 * of staying and an upper bound on the programme's inclusive value bound z from above; a truncated Taylor
 * series bounds exp(-z) from below. True means u >= h for certain; false means "compute h".
 *
 * `floor` is backgroundFloor(1 - background); `stayRate` = discount + perceived removal risk p (the
 * annuity's rate); `routeNumerator` = routeScale x the programme route's utility x, before the division
 * (used only when `programmeOption`).
 */
export function utilitySurelyStays(u: number, floor: number, intensity: number, m: UtilityParams, earnings: number,
  leaveOwn: number, premium: number, penalty: number, p: number, stayRate: number, months: number,
  programmeOption: boolean, routeNumerator: number, routeScale: number): boolean {
  const room = u - floor;
  if (!(room > 0)) return false;
  // stay = premium x A - p x A x penalty with A = annuity(stayRate, months) >= months / (1 + stayRate x months).
  let stayLow = 0;
  if (months > 0) {
    const t = stayRate * months;
    // Below this the computed annuity's own cancellation error could exceed the margin.
    if (!(t >= 1e-6)) return false;
    const net = premium - p * penalty;
    const slack = 1e-9 * (Math.abs(premium) + p * penalty);
    if (!(net > slack)) return false;
    stayLow = (months / (1 + t)) * (1 - 1e-6) * (net - slack) * (1 - 1e-9);
  }
  // programmeGain = routeScale x log1p(exp(x)) <= routeScale x (max(x, 0) + ln 2), and x x routeScale above 30;
  // routeScale x x is routeNumerator within two roundings.
  const gainHigh = programmeOption ? Math.max(routeNumerator, 0) * (1 + 1e-9) + routeScale * 0.6932 : 0;
  const y = -(m.statusQuo + (leaveOwn + gainHigh - stayLow) / (m.noiseScale * 12 * earnings));
  if (!(y > 0)) return false;
  // exp(y) >= 1 + y + y^2/2 + y^3/6 + y^4/24 for y >= 0, so hazard <= intensity / that.
  const expLow = (1 + y * (1 + y * (0.5 + y * (1 / 6 + y / 24)))) * (1 - 1e-9);
  return room * expLow >= intensity * (1 + 1e-9);
}
