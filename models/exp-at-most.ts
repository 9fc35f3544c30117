/** 2^k for k = -1022 .. 1023, by k + 1022. */
const POW2 = Float64Array.from({ length: 2046 }, (_, k) => 2 ** (k - 1022));

/**
 * A number at most e^x, and within a relative 2e-5 of it: for upper bounds such as a logistic's, which only need
 * a denominator on the safe side. V8's Math.exp is a call to a library routine and cost a third of a decision bound;
 * this is a few multiplications.
 *
 * e^x = 2^k e^f with k = floor(x log2 e) and 0 <= f < ln 2. The degree-6 Taylor polynomial of e^f leaves out only
 * positive terms, so it is below e^f, by at most f^7 / 7! < 1.6e-5 relative. The factor 1 - 1e-9 covers the
 * roundings of the few operations (about 1e-13 relative at |x| = 700) and Math.exp's own error of an ulp.
 */
export function expAtMost(x: number): number {
  if (!(x > -708)) return 0; // and NaN: 0 keeps a bound built on it as loose as it can be
  // e^x rises with x, so e^709 is on the safe side above 709 (where e^x nears the largest double).
  const y = (x < 709 ? x : 709) * Math.LOG2E;
  const k = Math.floor(y);
  const f = (y - k) * Math.LN2;
  const ef = 1 + f * (1 + f * (1 / 2 + f * (1 / 6 + f * (1 / 24 + f * (1 / 120 + f / 720)))));
  return ef * POW2[k + 1022] * (1 - 1e-9);
}
