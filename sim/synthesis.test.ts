import { describe, expect, it } from 'vitest';
import { aggregateLayout, F } from './aggregates.js';
import { allocatePopulation, blockCount, COLUMNS, FLAG_FAMILY, viewPopulation, type ColumnName } from './population.js';
import { censusClassCount } from './removal-class.js';
import { populationPlan, synthesisParams } from './replicate.js';
import { synthesizeBlocks } from './synthesis.js';
import { testScenario } from './test-support/scenario.js';

const scenario = testScenario('cbp-home-2025', (s) => { s.population.agents = 100_000; });
const params = synthesisParams(scenario, 12345);
const groups = scenario.population.groups;
const statuses = scenario.population.statuses;
const layout = aggregateLayout(censusClassCount(statuses.length), groups.length, groups.length * scenario.population.localities);

function synthesize(order: number[]) {
  const pop = viewPopulation(allocatePopulation(scenario.population.agents));
  const aggs = new Float64Array(blockCount(pop.n) * layout.blockFields);
  synthesizeBlocks(pop, params, aggs, layout, order);
  return { pop, aggs };
}
const blocks = Array.from({ length: blockCount(scenario.population.agents) }, (_, b) => b);
const { pop, aggs } = synthesize(blocks);

describe('population synthesis', () => {
  it('gives exact group sizes: group g starts at agent round(cumulative share x N), half up', () => {
    const total = groups.reduce((s, g) => s + g.persons, 0);
    let acc = 0;
    groups.forEach((grp, g) => {
      expect(params.groupStart[g]).toBe(Math.round((acc / total) * pop.n));
      acc += grp.persons;
    });
    const counts = new Array(groups.length).fill(0);
    for (let i = 0; i < pop.n; i++) counts[pop.origin[i]]++;
    expect(counts).toEqual(groups.map((_, g) => (params.groupStart[g + 1] ?? pop.n) - params.groupStart[g]));
    expect(populationPlan(scenario).weight).toBe(scenario.population.persons / pop.n);
  });

  it('draws each agent from its key alone: any order of blocks gives the same population', () => {
    const other = synthesize([...blocks].reverse()).pop;
    for (const name of Object.keys(COLUMNS) as ColumnName[]) expect(other[name]).toEqual(pop[name]);
  });

  it('draws attributes as the ODD says (§1.2), within sampling error', () => {
    const mexico = [...Array(pop.n).keys()].filter((i) => pop.origin[i] === 0);
    const group = groups[0];
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
    expect(median(mexico.map((i) => pop.earnings[i])) / group.earningsMedian).toBeCloseTo(1, 1);
    const share = (pred: (i: number) => boolean) => mexico.filter(pred).length / mexico.length;
    const tol = 4 * Math.sqrt(0.25 / mexico.length);
    statuses.forEach((st, k) => {
      expect(Math.abs(share((i) => pop.cls[i] % statuses.length === k) - group.statuses[st.name])).toBeLessThan(tol);
    });
    expect(Math.abs(share((i) => (pop.flags[i] & FLAG_FAMILY) !== 0) - group.familyShare)).toBeLessThan(tol);
    expect(mexico.every((i) => pop.persons[i] === 1 && pop.children[i] === 0)).toBe(true);
    for (let i = 0; i < pop.n; i++) {
      if (pop.age[i] < 16 || pop.age[i] > 85 || pop.years[i] > pop.age[i] - 1 || pop.earnings[i] < 0.1 * groups[pop.origin[i]].earningsMedian) throw new Error(`agent ${i} out of range`);
    }
    // Trust is logit-normal with mean 0.5 and, by the delta method, sd 0.2 on the logit scale's image: 0.176.
    const trust = Array.from(pop.trust);
    const mean = trust.reduce((a, b) => a + b, 0) / trust.length;
    const sd = Math.sqrt(trust.reduce((a, b) => a + (b - mean) ** 2, 0) / trust.length);
    expect(mean).toBeCloseTo(0.5, 2);
    expect(sd).toBeCloseTo(0.176, 2);
  });

  it('writes the initial census: everyone present in both arms, by removal class', () => {
    const total = new Float64Array(layout.blockFields);
    for (let b = 0; b < blocks.length; b++) for (let f = 0; f < layout.blockFields; f++) total[f] += aggs[b * layout.blockFields + f];
    for (const o of [0, layout.armFields]) {
      expect(total[o + F.present]).toBe(pop.n);
      let classes = 0;
      for (let k = 0; k < censusClassCount(statuses.length); k++) classes += total[o + F.removalClass + k];
      expect(classes).toBe(pop.n);
    }
  });
});
