import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utilityHazard, utilityParams } from '../models/utility.js';
import { annuity, emptyValuation } from '../models/valuation.js';
import { backgroundFloor, hazardCeiling, utilitySurelyStays } from './hazard-bound.js';

type Inputs = { statusQuo: number; noiseScale: number; intensity: number; background: number; w: number; premium: number;
  leaveOwn: number; penalty: number; p: number; r: number; months: number; programme: boolean; numerator: number; routeScale: number };

/** The leave probability exactly as sim/step.ts computes it for a present agent under the utility model. */
function exactLeave(i: Inputs): number {
  const m = utilityParams.parse({ name: 'utility', statusQuo: i.statusQuo, noiseScale: i.noiseScale });
  const v = emptyValuation();
  v.earnings = i.w;
  v.leaveOwn = i.leaveOwn;
  const ann = annuity(i.r + i.p, i.months);
  v.stay = i.premium * ann - i.p * ann * i.penalty;
  if (i.programme) {
    const x = i.numerator / i.routeScale;
    v.programmeGain = x > 30 ? x * i.routeScale : i.routeScale * Math.log1p(Math.exp(x));
  }
  return 1 - (1 - utilityHazard(v, m, i.intensity)) * (1 - i.background);
}

function surelyStays(u: number, i: Inputs): boolean {
  const m = utilityParams.parse({ name: 'utility', statusQuo: i.statusQuo, noiseScale: i.noiseScale });
  return utilitySurelyStays(u, backgroundFloor(1 - i.background), i.intensity, m, i.w, i.leaveOwn, i.premium, i.penalty, i.p, i.r + i.p,
    i.months, i.programme, i.numerator, i.routeScale);
}

/** The largest double below x (x > 0). */
function below(x: number): number {
  const f = new Float64Array([x]);
  new BigInt64Array(f.buffer)[0] -= 1n;
  return f[0];
}

const finite = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
const inputs: fc.Arbitrary<Inputs> = fc.record({
  statusQuo: finite(-5, 2), noiseScale: finite(0.05, 5), intensity: finite(0.001, 5), background: finite(0, 0.2), w: finite(300, 40_000),
  premium: finite(0, 30_000), leaveOwn: finite(-400_000, 0), penalty: finite(0, 2e6), p: finite(0, 1), r: finite(0, 0.05),
  months: finite(-30, 900), programme: fc.boolean(), numerator: finite(-20_000, 200_000), routeScale: finite(1, 5000),
});

describe('hazard bounds (the step skips the exact hazard when a draw is surely above it)', () => {
  it('never call "stays" a draw just below the exact leave probability, bit for bit, over wide inputs', () => {
    fc.assert(fc.property(inputs, finite(0, 1), (i, u) => {
      const h = exactLeave(i);
      if (!(h > 0)) return true;
      return !surelyStays(below(h), i) && (u >= h || !surelyStays(u, i)) && h <= hazardCeiling(i.intensity, 1 - i.background);
    }), { numRuns: 30_000 });
  });

  it('rule out most draws for a typical long-settled agent, so the skip is worth having', () => {
    const w = 2800;
    const typical: Inputs = { statusQuo: -1, noiseScale: 0.8, intensity: 1, background: 0.005, w, premium: w * 0.6,
      leaveOwn: -400 - w * (36 + 24 * 0.3), penalty: w * 6, p: 0.002, r: 0.004, months: 300, programme: true, numerator: 800, routeScale: 400 };
    expect(surelyStays(0.02, typical)).toBe(true);
    expect(exactLeave(typical)).toBeLessThan(0.02);
  });
});
