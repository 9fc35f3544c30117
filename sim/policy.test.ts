import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenarios/parse.js';
import { AMOUNT_PARTS } from '../models/payment.js';
import { horizonEnd, resolvePolicy } from './policy.js';
import { TEST_POPULATION } from './test-support/scenario.js';

const scenario = (change: Record<string, unknown> = {}) => parseScenario({
  version: 2, name: 'p', title: 'p', time: { start: '2025-01-01', steps: 6 }, model: { name: 'utility' }, population: TEST_POPULATION,
  programme: {
    start: '2025-03-10', stipend: [{ from: '2025-01-01', value: 0 }, { from: '2025-05-05', value: 1000 }],
    advertisingPerMonth: 20e6, paymentDelayDays: 30,
  },
  enforcement: { removalsPerDay: [{ from: '2025-01-01', value: 661 }, { from: '2025-05-01', value: 950 }] },
  ...change,
});

describe('policy resolution', () => {
  const p = resolvePolicy(scenario());

  it('dates the steps and measures them in days and in months of 30.4375 days', () => {
    expect(p.dates).toEqual(['2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01']);
    expect(p.days).toEqual([31, 28, 31, 30, 31, 30]);
    expect(p.months.map((m, t) => m * 30.4375 - p.days[t]).every((x) => Math.abs(x) < 1e-9)).toBe(true);
    expect(horizonEnd(scenario())).toBe('2025-06-30');
  });

  it('opens the programme for the whole step in which it starts', () => {
    expect(p.open).toEqual([false, false, true, true, true, true]);
  });

  it('averages each lever over the step\'s days', () => {
    expect(p.levers.stipend[3]).toBe(0);
    expect(p.levers.stipend[4]).toBeCloseTo((27 * 1000) / 31, 12);
    expect(Array.from(p.levers.removalsPerDay.slice(3, 5))).toEqual([661, 950]);
    expect(p.levers.advertisingPerMonth[0]).toBe(20e6);
    expect(p.levers.paymentDelayDays[0]).toBe(30);
  });

  it('sets every programme lever to 0 when the programme is off, and keeps enforcement', () => {
    const off = resolvePolicy(scenario({ programme: { enabled: false, stipend: 500, advertisingPerMonth: 1e6 } }));
    expect(off.open.every((o) => !o)).toBe(true);
    for (const lever of ['stipend', 'travelAssistance', 'paymentDelayDays', 'paymentReliability', 'advertisingPerMonth'] as const) {
      expect(off.levers[lever].every((v) => v === 0), lever).toBe(true);
    }
    expect(off.levers.removalsPerDay).toEqual(p.levers.removalsPerDay);
  });

  it('resolves amounts by status and step, an offer\'s days and deadline, instalments and the end of registration', () => {
    const q = resolvePolicy(scenario({
      programme: {
        start: '2025-01-15', end: '2025-05-31', stipend: 1000,
        amounts: { child: 200, byStatus: { rejected: { stipend: 600 } } },
        offers: [{ registerFrom: '2025-03-20', registerBy: '2025-03-31', departBy: '2025-04-30', stipend: 3100 }],
        instalments: [{ share: 0.4, afterDays: 0 }, { share: 0.6, afterDays: 45 }],
      },
    }));
    const at = (t: number, status: number, part: number) => q.amounts[(t * 3 + status) * AMOUNT_PARTS + part];
    expect([at(0, 0, 0), at(0, 2, 0), at(0, 1, 2)]).toEqual([1000, 600, 200]);
    expect(q.open).toEqual([true, true, true, true, true, false]);
    // March: 12 of 31 days at the offer's 3,100 instead of 1,000; departures by April (step 3) get it.
    expect(q.offerHead[2 * 3]).toBeCloseTo((19 * 1000 + 12 * 3100) / 31, 9);
    expect(q.offerDeadline[2]).toBe(3);
    expect(q.offerDeadline[1]).toBe(-1);
    expect(q.instalments[0]).toEqual([{ share: 0.4, days: 0 }, { share: 0.6, days: 45 }]);
  });
});

