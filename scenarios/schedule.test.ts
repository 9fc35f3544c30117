import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayNumber } from './calendar.js';
import { averageOver, scheduleOf } from './schedule.js';
import * as z from 'zod';

const d = dayNumber;

describe('schedules', () => {
  const stipend = [{ from: '2025-01-01', value: 0 }, { from: '2025-05-05', value: 1000 }, { from: '2025-12-01', value: 3000 }];

  it('average a lever over the days of a step, a change counting in proportion to its days', () => {
    expect(averageOver(742, d('2025-01-01'), d('2025-02-01'))).toBe(742);
    expect(averageOver(stipend, d('2025-04-01'), d('2025-05-01'))).toBe(0);
    // May: 4 days at 0, 27 at 1,000.
    expect(averageOver(stipend, d('2025-05-01'), d('2025-06-01'))).toBeCloseTo((27 * 1000) / 31, 12);
    expect(averageOver(stipend, d('2026-01-01'), d('2026-02-01'))).toBe(3000);
    // The first entry's value holds before its date too (the schema requires it to start by time.start).
    expect(averageOver(stipend, d('2024-12-01'), d('2024-12-02'))).toBe(0);
  });

  it('add up over adjacent spans: the average of a whole is the day-weighted average of its parts', () => {
    const day = fc.integer({ min: d('2024-06-01'), max: d('2026-06-01') });
    fc.assert(fc.property(day, fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 200 }), (a, x, y) => {
      const [b, c] = [a + x, a + x + y];
      const whole = averageOver(stipend, a, c) * (c - a);
      const parts = averageOver(stipend, a, b) * (b - a) + averageOver(stipend, b, c) * (c - b);
      return Math.abs(whole - parts) < 1e-6;
    }), { numRuns: 2000 });
  });

  it('accept a number or dated entries in increasing order, and say what is wrong otherwise', () => {
    const schema = scheduleOf(z.number().min(0));
    expect(schema.parse(5)).toBe(5);
    expect(schema.parse(stipend)).toEqual(stipend);
    const out = schema.safeParse([{ from: '2025-02-01', value: 1 }, { from: '2025-01-01', value: 2 }]);
    expect(out.success).toBe(false);
    expect(JSON.stringify(out.error?.issues)).toContain('expected a date after 2025-02-01');
    expect(schema.safeParse([]).success).toBe(false);
  });
});
