import { describe, expect, it } from 'vitest';
import { estimate } from '../sim/stats.js';
import { FIGURES, pairedChange, showChange, showLevel, unpairedReason, type Figure } from './figures.js';

const fig = (key: string) => FIGURES.find((f) => f.key === key)!;

describe('classroom figures', () => {
  it('pair two runs replicate by replicate', () => {
    const previous = { additionalDepartures: [100, 200, 300, 400] };
    const current = { additionalDepartures: [110, 212, 309, 421] };
    // The spread between replicates (100 to 400) cancels; only the differences' spread (10, 12, 9, 21) remains.
    expect(pairedChange(current, previous, 'additionalDepartures')).toEqual(estimate([10, 12, 9, 21]));
    expect(pairedChange(current, { additionalDepartures: [1, 2] }, 'additionalDepartures').mean).toBeNull();
    expect(pairedChange({ x: [1, null] }, { x: [1, 2] }, 'x').mean).toBeNull();
  });

  it('pair only runs on the same seed, agents and replicates, and say why not otherwise', () => {
    const a = { seed: 20250505, agents: 100_000, replicates: 6 };
    expect(unpairedReason(a, { ...a })).toBeNull();
    expect(unpairedReason({ ...a, seed: 1 }, a)).toMatch(/^Change not shown: the two runs differ in seed 20,250,505 then 1, so they simulate different people/);
    expect(unpairedReason({ ...a, replicates: 3, agents: 50_000 }, a)).toContain('100,000 agents then 50,000, 6 replicates then 3');
  });

  it('cut interval ends at what a figure can take, and mark them', () => {
    expect(showLevel(fig('deadweightShare'), { mean: 0.984, lo95: 0.939, hi95: 1.029 })).toEqual({ mean: '98.4%', interval: '93.9% to 100.0%*', cut: true });
    expect(showLevel(fig('costPerAdditionalDeparture'), { mean: 151_426, lo95: -36_774, hi95: 339_626 }))
      .toEqual({ mean: '$151,426', interval: '$0* to $339,626', cut: true });
    expect(showLevel(fig('programmeDepartures'), { mean: 532_467, lo95: 525_631, hi95: 539_302 })).toEqual({ mean: '532,467', interval: '525,631 to 539,302', cut: false });
    // The net figure can be negative (savings above spend): not cut.
    expect(showLevel(fig('netCostPerAdditionalDeparture'), { mean: 10, lo95: -5, hi95: 25 }).interval).toBe('−$5 to $25');
    // Additional departures can be negative too.
    expect(showLevel(fig('additionalDepartures'), { mean: 5, lo95: -5, hi95: 15 }).interval).toBe('−5 to 15');
    expect(showLevel(fig('spend.programme'), { mean: 2.788e9, lo95: 2.75e9, hi95: 2.82e9 }).mean).toBe('$2.79 billion');
    expect(showLevel(fig('removalCost'), { mean: 17121, lo95: null, hi95: null })).toEqual({ mean: '$17,121', interval: '', cut: false });
    expect(showLevel(fig('costPerAdditionalDeparture'), { mean: null, lo95: null, hi95: null }).mean).toBe('n/a');
  });

  it('show a change with its sign, in percentage points for shares, bold when the interval excludes zero', () => {
    expect(showChange(fig('additionalDepartures'), { mean: 24_220, lo95: 21_867, hi95: 26_573 })).toEqual({ mean: '+24,220', interval: '+21,867 to +26,573', clear: true });
    expect(showChange(fig('deadweightShare'), { mean: -0.035, lo95: -0.0376, hi95: -0.0324 })).toEqual({ mean: '−3.50 pp', interval: '−3.76 pp to −3.24 pp', clear: true });
    expect(showChange(fig('costPerAdditionalDeparture'), { mean: -8074, lo95: -30_954, hi95: 14_806 })).toEqual({ mean: '−$8,074', interval: '−$30,954 to +$14,806', clear: false });
  });

  it('define each figure once, with bounds only where a value is impossible', () => {
    const bounds = Object.fromEntries(FIGURES.map((f: Figure) => [f.key, [f.lower, f.upper]]));
    expect(bounds).toEqual({
      programmeDepartures: [0, undefined], additionalDepartures: [undefined, undefined], deadweightShare: [0, 1],
      'spend.programme': [0, undefined], naiveCostPerProgrammeDeparture: [0, undefined], costPerAdditionalDeparture: [0, undefined],
      netCostPerAdditionalDeparture: [undefined, undefined], removalCost: [undefined, undefined],
    });
  });
});
