import { describe, expect, it } from 'vitest';
import { formatCount, formatEstimate, formatInterval, formatMoney, formatMoneyExact, formatShare } from './format.js';

describe('formatting of headline figures', () => {
  it('rounds counts and money to three significant figures, keeping small counts whole', () => {
    expect(formatCount(786_245.37)).toBe('786,000');
    expect(formatCount(412.4)).toBe('412');
    expect(formatCount(-12_345)).toBe('-12,300');
    expect(formatMoney(2_801_136_744)).toBe('$2.8 billion');
    expect(formatMoney(158_425_177)).toBe('$158 million');
    expect(formatMoney(-1_234_567)).toBe('-$1.23 million');
    expect(formatMoney(6820.66)).toBe('$6,820');
    expect(formatMoneyExact(17_121)).toBe('$17,121');
    expect(formatShare(0.47765)).toBe('47.8%');
  });

  it('says "not available" for a missing figure and leaves a missing interval blank', () => {
    expect(formatEstimate(null, formatCount)).toBe('not available');
    expect(formatEstimate({ mean: null, lo95: null, hi95: null }, formatCount)).toBe('not available');
    expect(formatInterval({ mean: 5, lo95: null, hi95: null }, formatCount)).toBe('');
    expect(formatInterval({ mean: 5, lo95: 4, hi95: 6 }, formatCount)).toBe('4 to 6');
  });
});
