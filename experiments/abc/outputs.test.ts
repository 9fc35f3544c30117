import { csvParse } from 'd3-dsv';
import { describe, expect, it } from 'vitest';
import { diagnosticsCsv, particlesCsv, posteriorSummaries, summaryCsv, weightedQuantile } from './outputs.js';
import type { AbcState } from './smc.js';

const particle = (candidate: number, theta: number[], weight: number, distance: number) => ({ candidate, theta, weight, distance });

const STATE: AbcState = {
  generations: [
    { generation: 0, tolerance: null, evaluations: 4, ess: 4, particles: [0, 1, 2, 3].map((k) => particle(k, [k / 3, 10 ** -k], 0.25, 5 - k)) },
    {
      generation: 1, tolerance: 3.5, evaluations: 10, ess: 1 / 0.3,
      particles: [particle(7, [4, 0.1], 0.4, 0.5), particle(1, [1, 0.2], 0.1, 3), particle(2, [3, 0.3], 0.3, 1.25), particle(5, [2, 1e-7], 0.2, 2)],
    },
  ],
  pending: { generation: 2, tolerance: 1.625, next: 6, evaluations: 6, accepted: [{ candidate: 4, theta: [2.5, 0.2], distance: 1, logWeight: -1 }] },
  simulations: 20,
  stopped: 'budget',
};

describe('ABC outputs', () => {
  it('writes every particle of every generation, numbers exactly as they read back', () => {
    const text = particlesCsv(['a', 'b'], STATE);
    expect(text.split('\n')[0]).toBe('generation,particle,candidate,a,b,weight,distance');
    expect(text.split('\n')[2]).toBe('0,1,1,0.3333333333333333,0.1,0.25,4');
    expect(text.endsWith('\n')).toBe(true);
    const rows = csvParse(text);
    expect(rows).toHaveLength(8);
    const all = STATE.generations.flatMap((g) => g.particles);
    rows.forEach((r, i) => {
      expect([Number(r.a), Number(r.b)]).toEqual(all[i].theta);
      expect(Number(r.weight)).toBe(all[i].weight);
    });
    expect(rows[7]).toMatchObject({ generation: '1', particle: '3', candidate: '5', b: '1e-7' });
  });

  it('diagnoses each generation, and the generation the budget cut short without an ESS; no tolerance in generation 0', () => {
    expect(diagnosticsCsv(STATE)).toBe([
      'generation,tolerance,evaluations,accepted,acceptance_rate,ess',
      '0,,4,4,1,4',
      `1,3.5,10,4,0.4,${1 / 0.3}`,
      `2,1.625,6,1,${1 / 6},`,
      '',
    ].join('\n'));
  });

  it('summarises the last generation by weight: mean, sd, median and the equal-tailed 90% interval', () => {
    const [a, b] = posteriorSummaries(['a', 'b'], STATE);
    // Values 1..4 with weights 0.1..0.4: mean 3, variance 0.1*4 + 0.2*1 + 0 + 0.4*1 = 1.
    expect(a.mean).toBeCloseTo(3, 15);
    expect(a.sd).toBeCloseTo(1, 15);
    expect(a).toMatchObject({ parameter: 'a', median: 3, q05: 1, q95: 4 });
    expect(b).toMatchObject({ parameter: 'b', median: 0.1, q05: 1e-7, q95: 0.3 });
    expect(summaryCsv([a]).split('\n')[0]).toBe('parameter,mean,sd,median,q05,q95');
    expect(posteriorSummaries(['a'], { ...STATE, generations: [] })).toEqual([]);
  });

  it('a weighted quantile is the smallest value whose share at or below it reaches q', () => {
    const sorted = [1, 2, 3, 4].map((value) => ({ value, weight: 0.25 }));
    expect([0, 0.25, 0.2500001, 0.5, 0.75, 1].map((q) => weightedQuantile(sorted, q))).toEqual([1, 1, 2, 2, 3, 4]);
    // Weights need not sum to 1.
    expect(weightedQuantile([{ value: 5, weight: 1 }, { value: 6, weight: 3 }], 0.3)).toBe(6);
  });
});
