import { describe, expect, it } from 'vitest';
import { InputError, problemsFromIssues } from '../../scenarios/errors.js';
import { streamKey, uniform } from '../../sim/random/hash.js';
import { inSupport, logPriorDensity, logWorkingDensity, normalCdf, normalQuantile, priorSchema, samplePrior, toWorkingScale, type Prior } from './priors.js';

// Reference values from mpmath at 50 digits.
const QUANTILES: Array<[number, number]> = [
  [1e-300, -37.047096299361199237], [1e-20, -9.2623400897984075737], [1e-10, -6.3613409024040562047], [1e-5, -4.2648907939228246285],
  [0.001, -3.0902323061678135415], [0.01, -2.3263478740408411009], [0.025, -1.9599639845400542355], [0.05, -1.6448536269514727149],
  [0.1, -1.281551565544600467], [0.3, -0.52440051270804078404], [0.425, -0.18911842627279249011], [0.5, 0],
  [0.6, 0.2533471031357997988], [0.75, 0.6744897501960817432], [0.9, 1.281551565544600467], [0.95, 1.6448536269514727149],
  [0.975, 1.9599639845400542355], [0.99, 2.3263478740408411009], [0.999, 3.0902323061678135415], [0.9999999, 5.1993375821928169316],
];
const CDF: Array<[number, number]> = [
  [-37, 5.7255712225245768227e-300], [-30, 4.9067139271481870595e-198], [-10, 7.619853024160526066e-24], [-7.1, 6.2378444633315751052e-13],
  [-7, 1.2798125438858350044e-12], [-5, 2.8665157187919391167e-7], [-3, 0.0013498980316300945267], [-1.96, 0.024997895148220434137],
  [-1, 0.15865525393145705141], [-0.5, 0.30853753872598689636], [0, 0.5], [0.3, 0.61791142218895263731],
  [1, 0.84134474606854294859], [2, 0.9772498680518207928], [3, 0.99865010196836990547], [5, 0.99999971334842812081],
];

const relError = (x: number, ref: number) => (ref === 0 ? Math.abs(x) : Math.abs(x / ref - 1));

/** n counter-based uniform draws, as the calibrator makes them. */
const draws = (n: number, key = streamKey(20250505, 99)) => Array.from({ length: n }, (_, i) => uniform(key, i));

describe('standard normal', () => {
  it('quantile matches 50-digit references to 1e-12 relative, from 1e-300 to 1 - 1e-7', () => {
    // The double nearest 0.9999999 is 1e-17 away from it, which moves the quantile by 2e-11 relative.
    for (const [p, x] of QUANTILES) expect(relError(normalQuantile(p), x), `p = ${p}`).toBeLessThan(p === 0.9999999 ? 1e-10 : 1e-12);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('CDF matches 50-digit references: 1e-14 relative in the lower tail down to 1e-300, 1e-15 absolute elsewhere', () => {
    for (const [x, p] of CDF) {
      if (x < 0) expect(relError(normalCdf(x), p), `x = ${x}`).toBeLessThan(1e-14);
      else expect(Math.abs(normalCdf(x) - p), `x = ${x}`).toBeLessThan(1e-15);
    }
    // Beyond 37.52 sd the lower tail (below 1e-307) is taken as 0.
    expect(normalCdf(-37.6)).toBe(0);
    expect(normalCdf(40)).toBe(1);
  });

  it('CDF and quantile invert each other over 1e-280 .. 0.5 and across the quantile\'s region boundaries', () => {
    // A relative error e in x becomes about x^2 e in p: 1e-13 at x = -36 for e = 1e-16.
    for (let e = -280; e <= 0; e += 0.7) {
      const p = 0.5 * 10 ** e;
      const x = normalQuantile(p);
      expect(relError(normalCdf(x), p), `p = ${p}`).toBeLessThan(1e-15 * Math.max(1, x * x));
    }
    for (const p of [0.075, 0.0749999, 0.0750001, 0.925, 1 - Math.exp(-25)]) expect(relError(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-13);
  });
});

interface Reference {
  prior: Prior;
  mean: number;
  sd: number;
  /** Exact quantiles at 0.05, 0.5 and 0.95. */
  q: [number, number, number];
}

// Truncated-normal figures from scipy.stats.truncnorm; the rest in closed form.
const LN100 = Math.log(100);
const REFERENCES: Reference[] = [
  { prior: { kind: 'uniform', min: -2, max: 6 }, mean: 2, sd: 8 / Math.sqrt(12), q: [-1.6, 2, 5.6] },
  {
    prior: { kind: 'log-uniform', min: 0.1, max: 10 }, mean: 9.9 / LN100, sd: Math.sqrt((100 - 0.01) / (2 * LN100) - (9.9 / LN100) ** 2),
    q: [0.1 * 100 ** 0.05, 1, 0.1 * 100 ** 0.95],
  },
  { prior: { kind: 'normal', mean: 3, sd: 2 }, mean: 3, sd: 2, q: [3 - 2 * 1.6448536269514727, 3, 3 + 2 * 1.6448536269514727] },
  { prior: { kind: 'truncated-normal', mean: 1, sd: 2, min: 0, max: 3 }, mean: 1.4132624361230661, sd: 0.8313200565040955, q: [0.14868050826608004, 1.3779364644115497, 2.790732901994816] },
  // 8 to 9 sd above the mean, where the CDF itself is 1 to within 6e-16: only the mirrored lower tail can place these.
  { prior: { kind: 'truncated-normal', mean: 0, sd: 1, min: 8, max: 9 }, mean: 8.121188992979867, sd: 0.11894764723259385, q: [8.006312250405543, 8.08488889901817, 8.360554716618326] },
  { prior: { kind: 'truncated-normal', mean: 0, sd: 1, min: -9, max: -8 }, mean: -8.121188992979867, sd: 0.11894764723259385, q: [-8.360554716618326, -8.08488889901817, -8.006312250405543] },
];

describe('priors', () => {
  it.each(REFERENCES.map((r) => ({ ...r, label: JSON.stringify(r.prior) })))('$label: exact quantiles, moments of 40,000 draws within 4 standard errors, all draws in the support', (r) => {
    [0.05, 0.5, 0.95].forEach((u, i) => expect(relError(samplePrior(r.prior, u), r.q[i]), `quantile ${u}`).toBeLessThan(1e-9));
    const xs = draws(40_000).map((u) => samplePrior(r.prior, u));
    expect(xs.every((x) => inSupport(r.prior, x))).toBe(true);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    expect(Math.abs(mean - r.mean)).toBeLessThan((4 * r.sd) / Math.sqrt(xs.length));
    // The sd of a sample sd is about sd * sqrt((kurtosis - 1) / 4n); kurtosis < 4 for all of these but the log-uniform's ~6.
    expect(Math.abs(sd - r.sd)).toBeLessThan((4 * r.sd * Math.sqrt(5 / 4)) / Math.sqrt(xs.length));
    // The extreme draws a 32-bit uniform can give stay inside the bounds.
    for (const u of [0, 1 - 2 ** -32]) expect(inSupport(r.prior, samplePrior(r.prior, u))).toBe(true);
  });

  it('log densities at known points', () => {
    const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
    expect(logPriorDensity({ kind: 'uniform', min: 0, max: 4 }, 1)).toBeCloseTo(-Math.log(4), 14);
    expect(logPriorDensity({ kind: 'log-uniform', min: 1, max: Math.E ** 2 }, Math.E)).toBeCloseTo(-1 - Math.log(2), 14);
    expect(logPriorDensity({ kind: 'normal', mean: 1, sd: 2 }, 3)).toBeCloseTo(-0.5 - Math.log(2) - LOG_SQRT_2PI, 14);
    // scipy.stats.truncnorm(-0.5, 1, loc=1, scale=2).logpdf(1.5)
    expect(logPriorDensity({ kind: 'truncated-normal', mean: 1, sd: 2, min: 0, max: 3 }, 1.5)).toBeCloseTo(-1.0137400812117545, 12);
    // A half-normal: twice the normal density.
    expect(logPriorDensity({ kind: 'truncated-normal', mean: 0, sd: 1, min: 0, max: 50 }, 0.7)).toBeCloseTo(Math.log(2) - 0.245 - LOG_SQRT_2PI, 14);
    for (const r of REFERENCES.filter((x) => x.prior.kind !== 'normal')) {
      const p = r.prior as Exclude<Prior, { kind: 'normal' }>;
      expect(logPriorDensity(p, p.min - 1e-9)).toBe(-Infinity);
      expect(logPriorDensity(p, p.max + 1e-9)).toBe(-Infinity);
    }
    expect(logPriorDensity({ kind: 'normal', mean: 0, sd: 1 }, NaN)).toBe(-Infinity);
  });

  it.each(REFERENCES.map((r) => ({ prior: r.prior, label: JSON.stringify(r.prior) })))('$label: the density integrates to 1 on both the natural and the working scale', ({ prior }) => {
    const integrate = (f: (x: number) => number, lo: number, hi: number) => {
      const n = 200_000;
      const h = (hi - lo) / n;
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.exp(f(lo + (i + 0.5) * h));
      return s * h;
    };
    const [lo, hi] = prior.kind === 'normal' ? [prior.mean - 12 * prior.sd, prior.mean + 12 * prior.sd] : [prior.min, prior.max];
    expect(integrate((x) => logPriorDensity(prior, x), lo, hi)).toBeCloseTo(1, 6);
    expect(integrate((y) => logWorkingDensity(prior, y), toWorkingScale(prior, lo), toWorkingScale(prior, hi))).toBeCloseTo(1, 6);
  });

  it('the schema explains what is wrong in words a person can act on', () => {
    const problems = (input: unknown) => {
      const r = priorSchema.safeParse(input);
      if (r.success) return '';
      return new InputError('priors', problemsFromIssues(r.error.issues, input)).message;
    };
    expect(problems({ kind: 'uniform', min: 2, max: 1 })).toMatch(/max: got 1; expected a number > min \(2\)/);
    expect(problems({ kind: 'log-uniform', min: 0, max: 1 })).toMatch(/min: got 0; expected a number > 0/);
    expect(problems({ kind: 'normal', mean: 0, sd: -1 })).toMatch(/sd: got -1; expected a number > 0/);
    expect(problems({ kind: 'truncated-normal', mean: 0, sd: 1, min: 40, max: 41 })).toMatch(/min: got 40; expected \[min, max\] to hold some of the normal's probability/);
    expect(problems({ kind: 'truncated-normal', mean: 0, sd: 1, min: 1, max: 1 })).toMatch(/max: got 1; expected a number > min \(1\)/);
    expect(problems({ kind: 'gamma', shape: 2 })).toMatch(/kind: got "gamma"; expected "uniform" or "log-uniform" or "normal" or "truncated-normal"/);
    expect(problems({ kind: 'uniform', min: 0, max: 1, mean: 3 })).toMatch(/mean: got 3; expected no such key/);
    expect(problems({ kind: 'normal', mean: 0, sd: Infinity })).not.toBe('');
    expect(problems({ kind: 'truncated-normal', mean: 0, sd: 1, min: 8, max: 9 })).toBe('');
  });
});
