/**
 * `n.toLocaleString('en-US')` without starting ICU's number formatter for whole numbers (the common case: amounts,
 * limits, counts). Starting it cost a run about 15-30 ms, for labels and messages that a whole number does not need
 * it for; any other number still goes through it, so the text is the same either way.
 */
export function withThousands(n: number): string {
  return Number.isSafeInteger(n) && !Object.is(n, -0) ? String(n).replace(/\B(?=(\d{3})+$)/g, ',') : n.toLocaleString('en-US');
}
