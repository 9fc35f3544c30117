import { describe, expect, it } from 'vitest';
import { fixtureComparison } from '../test-support/comparison-data.js';
import { comparisonCharts } from './charts.js';
import { comparisonHtml, comparisonSentences } from './page.js';
import { comparisonRows, INCREMENTAL_LABEL } from './table.js';

describe('comparison report', () => {
  it('opens with what B changes against A and the incremental cost with its interval', () => {
    const [change, ratio] = comparisonSentences(fixtureComparison());
    expect(change).toMatch(/^Against A \(Stipend of \$5,000\), B \(Stipend of \$10,000\) changes additional departures by \+[\d,]+ persons \(95% interval/);
    expect(ratio).toContain('is $60,500 (95% interval $57,300 to $63,600, percentile bootstrap over paired replicates)');
    const last = comparisonRows(fixtureComparison()).at(-1)!;
    expect([last.label, last.difference, last.interval]).toEqual([INCREMENTAL_LABEL, '$60,500', '$57,300 to $63,600']);
  });

  it('says when the change in departures cannot be told from zero, and why a ratio has no interval', () => {
    const c = fixtureComparison();
    const additional = c.figures.find((f) => f.key === 'additionalDepartures')!;
    additional.difference = { mean: 800, lo95: -400, hi95: 2000 };
    c.incrementalCost = { mean: 2e6, lo95: null, hi95: null, note: 'no finite interval: in more than 2.5% of resamples the denominator is zero or of the other sign' };
    expect(comparisonSentences(c).join(' ')).toContain('these runs cannot tell B\'s effect on departures apart from A\'s');
    expect(comparisonRows(c).at(-1)).toMatchObject({ interval: '', note: expect.stringMatching(/^no finite interval/) });
  });

  it('states what the pairing shares: the people only when both runs have one population', () => {
    const c = fixtureComparison();
    const same = comparisonHtml(c, comparisonCharts(c), []);
    expect(same).toContain('replicate r of each simulates the same people under the same random numbers');
    c.b.identity = { ...c.b.identity, population: 'f'.repeat(64) };
    const other = comparisonHtml(c, comparisonCharts(c), []);
    expect(other).toContain('but not their population, so replicate r of each draws other people under the same random numbers');
    expect(other).not.toContain('simulates the same people');
  });
});
