import type { Comparison, RowComparison, RunIdentity } from '../../sim/comparison.js';
import { HEADLINE_KEYS } from '../../sim/headline-figures.js';
import type { Estimate } from '../../sim/stats.js';

/**
 * A comparison shaped as sim/comparison.ts builds it, from a smooth toy response: enough to build and render the
 * comparison report without running the engine. Magnitudes follow $5,000 against $10,000 on the cbp-home-2025
 * preset (tens of thousands more additional departures, billions more spend, over 36 months).
 */

const around = (mean: number, half: number): Estimate => ({ mean, lo95: mean - half, hi95: mean + half });

function identity(name: string, title: string): RunIdentity {
  return {
    name, title, model: 'utility', hash: name.padEnd(64, '0'), population: '0'.repeat(64), seed: 20250505, replicates: 6, agents: 50_000,
    persons: 14_000_000, weight: 280, currency: { code: 'USD', year: 2025, perUSD2025: 1 },
    horizon: { start: '2025-01-01', end: '2027-12-31', steps: 36, stepUnit: 'month', stepLength: 1 }, removalCost: 17_121,
  };
}

export function fixtureComparison(): Comparison {
  const rows: RowComparison[] = [];
  for (let step = 0; step < 36; step += 1) {
    const date = new Date(Date.UTC(2025, step, 1)).toISOString().slice(0, 10);
    const dateEnd = new Date(Date.UTC(2025, step + 1, 0)).toISOString().slice(0, 10);
    const open = Math.max(0, step - 4);
    const key = { date, dateEnd, step, group: 'all' };
    const additional = [1400 * open, 2950 * open];
    const spend = [1.3e8 * open, 2.3e8 * open];
    rows.push(
      { ...key, arm: 'difference', series: 'cum_departures_total', kind: 'cumulative', unit: 'persons',
        a: around(additional[0], 200 * open), b: around(additional[1], 250 * open), difference: around(additional[1] - additional[0], 130 * open) },
      { ...key, arm: 'programme', series: 'cum_spend_programme', kind: 'cumulative', unit: 'USD',
        a: around(spend[0], 2e6 * open), b: around(spend[1], 3e6 * open), difference: around(spend[1] - spend[0], 1e6 * open) },
    );
  }
  const figures = HEADLINE_KEYS.map(({ key, unit }, i) => {
    const level = unit === 'share' ? 0.9 : unit === 'persons' ? 50_000 * (i + 1) : 1e6 * (i + 1);
    return { key, unit, a: around(level, level / 20), b: around(1.5 * level, level / 20), difference: around(0.5 * level, level / 50), unpaired: around(0.5 * level, level / 10) };
  });
  return {
    a: { source: 'scenarios/stipend-5000.json', from: 'scenario file', identity: identity('stipend-5000', 'Stipend of $5,000') },
    b: { source: 'stipend-10000.json', from: 'scenario file', identity: identity('stipend-10000', 'Stipend of $10,000') },
    figures,
    incrementalCost: { mean: 60_500, lo95: 57_300, hi95: 63_600, note: null },
    rows,
  };
}
