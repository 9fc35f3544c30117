import * as z from 'zod';

/**
 * Priors of calibrated parameters. Each is sampled by its inverse CDF from one uniform, so a draw is a pure
 * function of a counter-based uniform and can be recomputed by any worker. Log densities are normalised, so
 * they can be compared across kinds.
 */

// zod's numbers are finite: Infinity and NaN are refused.
const finite = z.number();

const uniformPrior = z.strictObject({ kind: z.literal('uniform'), min: finite, max: finite })
  .superRefine((p, ctx) => {
    orderedBounds(p, ctx);
  });

const logUniformPrior = z.strictObject({
  kind: z.literal('log-uniform'),
  min: finite.positive().describe('Lower bound; log-uniform needs min > 0'),
  max: finite,
}).superRefine((p, ctx) => {
  orderedBounds(p, ctx);
});

const normalPrior = z.strictObject({ kind: z.literal('normal'), mean: finite, sd: finite.positive() });

const truncatedNormalPrior = z.strictObject({ kind: z.literal('truncated-normal'), mean: finite, sd: finite.positive(), min: finite, max: finite })
  .superRefine((p, ctx) => {
    if (!orderedBounds(p, ctx)) return;
    if (!(truncatedMass(p) > 0)) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `expected [min, max] to hold some of the normal's probability (it lies more than 37.5 sd from the mean ${p.mean})` });
    }
  });

export const priorSchema = z.discriminatedUnion('kind', [uniformPrior, logUniformPrior, normalPrior, truncatedNormalPrior]);
export type Prior = z.output<typeof priorSchema>;

function orderedBounds(p: { min: number; max: number }, ctx: z.RefinementCtx): boolean {
  if (p.min < p.max) return true;
  ctx.addIssue({ code: 'custom', path: ['max'], message: `expected a number > min (${p.min})` });
  return false;
}

// Standard normal CDF: Cody's rational Chebyshev approximations (Cody 1969; ACM TOMS Algorithm 715, 1993), the
// algorithm of R's pnorm, accurate to about 1e-15 relative. The lower tail is computed directly, never as
// 1 - upper, so far-tail probabilities keep their relative accuracy (the truncated normal depends on that).
const CODY_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const CODY_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const CODY_C = [0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8];
const CODY_D = [22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727];
const CODY_P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const CODY_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];
// Below -37.5193 the lower tail is under 1e-307, where doubles lose precision; it is taken as 0.
const CDF_UNDERFLOW = 37.5193;

/** P(Z <= x) for a standard normal Z. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    const xsq = x * x;
    let num = CODY_A[4] * xsq;
    let den = xsq;
    for (let i = 0; i < 3; i++) {
      num = (num + CODY_A[i]) * xsq;
      den = (den + CODY_B[i]) * xsq;
    }
    return 0.5 + (x * (num + CODY_A[3])) / (den + CODY_B[3]);
  }
  let lower: number;
  if (y > CDF_UNDERFLOW) {
    lower = 0;
  } else if (y <= Math.sqrt(32)) {
    let num = CODY_C[8] * y;
    let den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + CODY_C[i]) * y;
      den = (den + CODY_D[i]) * y;
    }
    lower = gaussianFactor(y) * ((num + CODY_C[7]) / (den + CODY_D[7]));
  } else {
    const xsq = 1 / (y * y);
    let num = CODY_P[5] * xsq;
    let den = xsq;
    for (let i = 0; i < 4; i++) {
      num = (num + CODY_P[i]) * xsq;
      den = (den + CODY_Q[i]) * xsq;
    }
    lower = gaussianFactor(y) * ((1 / Math.sqrt(2 * Math.PI) - (xsq * (num + CODY_P[4])) / (den + CODY_Q[4])) / y);
  }
  return x > 0 ? 1 - lower : lower;
}

/**
 * exp(-y^2 / 2), with y split into a part with 4 fractional bits, whose square is exact, and a remainder:
 * the rounding error of y * y would otherwise be magnified y^2 times in the far tail.
 */
function gaussianFactor(y: number): number {
  const head = Math.trunc(y * 16) / 16;
  return Math.exp(-0.5 * head * head) * Math.exp(-0.5 * (y - head) * (y + head));
}

function horner(c: readonly number[], x: number): number {
  let s = 0;
  for (const v of c) s = s * x + v;
  return s;
}

// Wichura (1988), Algorithm AS 241 (PPND16): rational approximations accurate to about 1e-16, in three regions
// (|p - 0.5| <= 0.425, then r = sqrt(-log(min(p, 1-p))) up to 5, and beyond).
const AS241_A = [2509.0809287301226727, 33430.575583588128105, 67265.770927008700853, 45921.953931549871457,
  13731.693765509461125, 1971.5909503065514427, 133.14166789178437745, 3.387132872796366608];
const AS241_B = [5226.495278852854561, 28729.085735721942674, 39307.89580009271061, 21213.794301586595867,
  5394.1960214247511077, 687.1870074920579083, 42.313330701600911252, 1];
const AS241_C = [7.7454501427834140764e-4, 0.0227238449892691845833, 0.24178072517745061177, 1.27045825245236838258,
  3.64784832476320460504, 5.7694972214606914055, 4.6303378461565452959, 1.42343711074968357734];
const AS241_D = [1.05075007164441684324e-9, 5.475938084995344946e-4, 0.0151986665636164571966, 0.14810397642748007459,
  0.68976733498510000455, 1.6763848301838038494, 2.05319162663775882187, 1];
const AS241_E = [2.01033439929228813265e-7, 2.71155556874348757815e-5, 0.0012426609473880784386, 0.026532189526576123093,
  0.29656057182850489123, 1.7848265399172913358, 5.4637849111641143699, 6.6579046435011037772];
const AS241_F = [2.04426310338993978564e-15, 1.4215117583164458887e-7, 1.8463183175100546818e-5, 7.868691311456132591e-4,
  0.0148753612908506148525, 0.13692988092273580531, 0.59983220655588793769, 1];

/** The x with P(Z <= x) = p for a standard normal Z; -Infinity at 0, Infinity at 1, NaN outside [0, 1]. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(AS241_A, r)) / horner(AS241_B, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = horner(AS241_C, r) / horner(AS241_D, r);
  } else {
    r -= 5;
    x = horner(AS241_E, r) / horner(AS241_F, r);
  }
  return q < 0 ? -x : x;
}

type TruncatedNormal = Extract<Prior, { kind: 'truncated-normal' }>;

/**
 * The truncation interval in standard units, mirrored when it leans into the upper tail so that the CDF is
 * always read in the lower tail, where it is accurate relative to its size.
 */
function standardInterval(p: TruncatedNormal): { lo: number; hi: number; sign: 1 | -1 } {
  const lo = (p.min - p.mean) / p.sd;
  const hi = (p.max - p.mean) / p.sd;
  return lo + hi > 0 ? { lo: -hi, hi: -lo, sign: -1 } : { lo, hi, sign: 1 };
}

function truncatedMass(p: TruncatedNormal): number {
  const { lo, hi } = standardInterval(p);
  return normalCdf(hi) - normalCdf(lo);
}

// A 32-bit uniform of exactly 0 would map to an infinite normal draw; it stands for half its resolution instead.
const SMALLEST_UNIFORM = 2 ** -33;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** A standard normal draw from one uniform in [0, 1), by the inverse CDF. */
export function standardNormalDraw(u: number): number {
  return normalQuantile(Math.max(u, SMALLEST_UNIFORM));
}

/** The prior's quantile at u in [0, 1): a draw from the prior when u is uniform. */
export function samplePrior(p: Prior, u: number): number {
  switch (p.kind) {
    case 'uniform':
      return Math.min(p.max, p.min + u * (p.max - p.min));
    case 'log-uniform':
      return Math.min(p.max, p.min * Math.exp(u * Math.log(p.max / p.min)));
    case 'normal':
      return p.mean + p.sd * standardNormalDraw(u);
    case 'truncated-normal': {
      const { lo, hi, sign } = standardInterval(p);
      // Mirrored, the draw must still increase with u, so it reads the lower-tail interval at 1 - u.
      const v = sign === 1 ? u : 1 - u;
      const a = normalCdf(lo);
      const z = Math.min(hi, Math.max(lo, normalQuantile(a + v * (normalCdf(hi) - a))));
      return Math.min(p.max, Math.max(p.min, p.mean + p.sd * sign * z));
    }
  }
}

/** Whether x is a value the prior can produce (a finite number within its bounds). */
export function inSupport(p: Prior, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  return p.kind === 'normal' || (x >= p.min && x <= p.max);
}

/** The normalised log density of the prior at x; -Infinity outside its support. */
export function logPriorDensity(p: Prior, x: number): number {
  if (!inSupport(p, x)) return -Infinity;
  switch (p.kind) {
    case 'uniform':
      return -Math.log(p.max - p.min);
    case 'log-uniform':
      return -Math.log(x) - Math.log(Math.log(p.max / p.min));
    case 'normal':
      return -0.5 * ((x - p.mean) / p.sd) ** 2 - Math.log(p.sd) - LOG_SQRT_2PI;
    case 'truncated-normal':
      return -0.5 * ((x - p.mean) / p.sd) ** 2 - Math.log(p.sd) - LOG_SQRT_2PI - Math.log(truncatedMass(p));
  }
}

/**
 * The scale on which the SMC kernel perturbs a parameter: log for a log-uniform prior, whose values span orders
 * of magnitude (a Gaussian step in the log is a proportional step), the value itself for every other prior.
 */
export function toWorkingScale(p: Prior, x: number): number {
  return p.kind === 'log-uniform' ? Math.log(x) : x;
}

export function fromWorkingScale(p: Prior, y: number): number {
  return p.kind === 'log-uniform' ? Math.exp(y) : y;
}

/** The log density of the prior on the working scale: the natural density times the Jacobian dx/dy (x for the log). */
export function logWorkingDensity(p: Prior, y: number): number {
  const x = fromWorkingScale(p, y);
  return logPriorDensity(p, x) + (p.kind === 'log-uniform' ? y : 0);
}
