import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAYS_PER_MONTH, dayNumber, isoDate, stepBoundaries } from './calendar.js';

const dates = (start: string, steps: number, unit: 'day' | 'week' | 'month', length = 1) => stepBoundaries(start, steps, unit, length).map(isoDate);

describe('calendar', () => {
  it('reads only real calendar dates', () => {
    expect(isoDate(dayNumber('2024-02-29'))).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-00-10', '2025-1-01', '01/02/2025', '']) expect(dayNumber(bad)).toBeNaN();
    expect(dayNumber('1970-01-02')).toBe(1);
  });

  it('steps monthly from the 31st through every month, on its last day when shorter', () => {
    expect(dates('2025-01-31', 4, 'month')).toEqual(['2025-01-31', '2025-02-28', '2025-03-31', '2025-04-30', '2025-05-31']);
    expect(dates('2024-01-30', 2, 'month')).toEqual(['2024-01-30', '2024-02-29', '2024-03-30']);
    expect(dates('2025-11-30', 3, 'month', 2)).toEqual(['2025-11-30', '2026-01-30', '2026-03-30', '2026-05-30']);
  });

  it('gives every monthly step a length of 28 to 31 days, and a year of 12 steps 365 or 366 days, from any start', () => {
    const day = fc.integer({ min: dayNumber('1950-01-01'), max: dayNumber('2150-12-31') });
    fc.assert(fc.property(day, (d) => {
      const b = stepBoundaries(isoDate(d), 24, 'month', 1);
      for (let t = 0; t < 24; t++) {
        const len = b[t + 1] - b[t];
        if (len < 28 || len > 31) return false;
      }
      return [365, 366].includes(b[12] - b[0]) && b[0] === d;
    }), { numRuns: 2000 });
  });

  it('steps by days and weeks exactly', () => {
    expect(dates('2025-12-30', 3, 'day')).toEqual(['2025-12-30', '2025-12-31', '2026-01-01', '2026-01-02']);
    expect(dates('2025-12-30', 2, 'week', 2)).toEqual(['2025-12-30', '2026-01-13', '2026-01-27']);
  });

  it('takes a month as a twelfth of a Julian year', () => {
    expect(DAYS_PER_MONTH).toBe(30.4375);
  });
});
