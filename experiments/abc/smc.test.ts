import { describe, expect, it } from 'vitest';
import { streamKey, uniform } from '../../sim/random/hash.js';
import type { Summary } from './distance.js';
import { diagnosticsCsv, particlesCsv, posteriorSummaries } from './outputs.js';
import { normalCdf, samplePrior, standardNormalDraw, type Prior } from './priors.js';
import { evaluateBatch, runAbc, type AbcProgress, type Simulator } from './run.js';
import {
  abcSettingsSchema, abcStateSchema, acceptBatch, initialState, nextBatch, proposeCandidates, type AbcConfig, type AbcParameter, type AbcSettings, type AbcState,
  type EvaluationRecord,
} from './smc.js';

// A three-parameter toy: y_i = a + b x_i + c x_i^2 observed with noise at five points, b on a log scale.
const X = [0, 0.5, 1, 1.5, 2];
const SIGMA = 0.3;
const PARAMETERS: AbcParameter[] = [
  { name: 'a', prior: { kind: 'normal', mean: 0, sd: 1 } },
  { name: 'b', prior: { kind: 'log-uniform', min: 0.1, max: 10 } },
  { name: 'c', prior: { kind: 'truncated-normal', mean: 0, sd: 1, min: -1, max: 2 } },
];
const NAMES = PARAMETERS.map((p) => p.name);
const curve = (t: readonly number[]) => X.map((x) => t[0] + t[1] * x + t[2] * x * x);
const noise = (key: number) => X.map((_, j) => SIGMA * standardNormalDraw(uniform(key, j)));
const OBSERVED = curve([0.3, 1.5, -0.4]).map((f, j) => f + noise(streamKey(77, 5))[j]);

function config(settings: Partial<AbcSettings> = {}): AbcConfig {
  return {
    parameters: PARAMETERS,
    targets: OBSERVED.map((value) => ({ value, sdObservation: SIGMA, sdDiscrepancy: 0, weight: 1 })),
    settings: abcSettingsSchema.parse({ seed: 11, particles: 100, batchSize: 40, maxGenerations: 5, ...settings }),
  };
}

/** The toy's simulation: deterministic in (theta, candidate), whatever order or process it runs in. */
function summary(theta: readonly number[], c: { generation: number; index: number }): Summary {
  const e = noise(streamKey(77, 6, c.generation, c.index));
  return { mean: curve(theta).map((f, j) => f + e[j]), variance: X.map(() => 0) };
}

/** The same simulation, finishing after a random delay so that concurrent runs complete out of order. */
const jittery: Simulator = async (theta, c) => {
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  return summary(theta, c);
};

const outputs = (s: AbcState) => particlesCsv(NAMES, s) + diagnosticsCsv(s);
const roundTrip = (s: AbcState): AbcState => abcStateSchema.parse(JSON.parse(JSON.stringify(s)));

describe('ABC-SMC determinism', () => {
  it('gives byte-identical outputs for concurrency 1 and 4, when killed and resumed from saved JSON, and when sharded through records', async () => {
    const c = config();
    const reference = await runAbc(c, async (t, k) => summary(t, k), { concurrency: 1 });
    expect(reference.stopped).toBe('max-generations');
    expect(reference.generations).toHaveLength(5);
    const expected = outputs(reference);

    expect(outputs(await runAbc(c, jittery, { concurrency: 4 }))).toBe(expected);

    // Killed after batch 7 (generation 1 or 2), after the JSON was saved: a resumed run ends in the same bytes.
    let saved = '';
    let batches = 0;
    await expect(runAbc(c, jittery, {
      concurrency: 3,
      onBatch: (s) => {
        saved = JSON.stringify(s);
        if (++batches === 7) throw new Error('killed');
      },
    })).rejects.toThrow('killed');
    const resumedFrom = abcStateSchema.parse(JSON.parse(saved));
    expect(resumedFrom.generations.length).toBeGreaterThan(0);
    expect(resumedFrom.pending).not.toBeNull();
    expect(outputs(await runAbc(c, jittery, { state: resumedFrom, concurrency: 2 }))).toBe(expected);

    // Sharded: each batch's candidates split three ways by index, simulated "elsewhere", written as JSON records,
    // read back in shard order and sorted by index before they are accepted.
    let state = initialState(c);
    while (!state.stopped) {
      const files = [0, 1, 2].map((shard) => JSON.stringify(nextBatch(c, state).filter((k) => k.index % 3 === shard).reverse()
        .map((k): EvaluationRecord => ({ ...k, ...summary(k.theta, k) }))));
      const records: EvaluationRecord[] = files.flatMap((f) => JSON.parse(f)).sort((p, q) => p.index - q.index);
      state = roundTrip(acceptBatch(c, state, records));
    }
    expect(outputs(state)).toBe(expected);
  });

  it('batch size moves only the count of simulations, never the particles; another seed gives other particles', async () => {
    const sim: Simulator = async (t, k) => summary(t, k);
    const a = await runAbc(config({ batchSize: 7 }), sim);
    const b = await runAbc(config({ batchSize: 64 }), sim);
    expect(particlesCsv(NAMES, a)).toBe(particlesCsv(NAMES, b));
    expect(diagnosticsCsv(a)).not.toBe(diagnosticsCsv(b));
    const other = await runAbc(config({ seed: 12 }), sim);
    expect(particlesCsv(NAMES, other)).not.toBe(particlesCsv(NAMES, a));
  });

  it('any candidate of a generation can be proposed ahead, from the state at the start of the generation', async () => {
    const c = config({ maxGenerations: 3 });
    let state = initialState(c);
    const ahead = new Map<string, number[]>();
    let start = state;
    while (!state.stopped) {
      if (state.pending!.next === 0) {
        start = state;
        for (const k of proposeCandidates(c, start, 0, 400)) ahead.set(`${k.generation}:${k.index}`, k.theta);
      }
      const batch = nextBatch(c, state);
      for (const k of batch) if (k.index < 400) expect(k.theta).toEqual(ahead.get(`${k.generation}:${k.index}`));
      state = acceptBatch(c, state, batch.map((k) => ({ ...k, ...summary(k.theta, k) })));
    }
    expect(state.generations.every((g) => g.particles.every((p) => p.candidate < 400))).toBe(true);
  });

  it('the state survives JSON exactly', async () => {
    const s = await runAbc(config({ maxGenerations: 2 }), async (t, k) => summary(t, k));
    expect(roundTrip(s)).toEqual(s);
    expect(s.generations[0].tolerance).toBeNull();
  });
});

describe('ABC-SMC records', () => {
  it('refuses records that are not the batch the state waits for, or whose accepted parameters differ from its proposals', () => {
    const c = config();
    let state = initialState(c);
    const records = () => nextBatch(c, state).map((k): EvaluationRecord => ({ ...k, ...summary(k.theta, k) }));
    expect(() => acceptBatch(c, state, records().slice(1))).toThrow(/record 0 is generation 0 candidate 1; expected generation 0 candidate 0/);
    expect(() => acceptBatch(c, state, records().slice(0, 10))).toThrow(/expected 40 records for the batch from candidate 0, got 10/);
    const moved = records();
    moved[5] = { ...moved[5], theta: moved[5].theta.map((v) => v + 1e-12) };
    expect(() => acceptBatch(c, state, moved)).toThrow(/generation 0 candidate 5 was simulated at/);
    // Generation 0 accepts everything: move on to generation 1, where a rejected candidate's parameters are not checked.
    while (state.pending!.generation === 0) state = acceptBatch(c, state, records());
    const batch = records();
    const rejected = batch.findIndex((r) => !(discrepancyOf(r) <= state.pending!.tolerance!));
    expect(rejected).toBeGreaterThanOrEqual(0);
    batch[rejected] = { ...batch[rejected], theta: batch[rejected].theta.map((v) => v + 1) };
    expect(() => acceptBatch(c, state, batch)).not.toThrow();
  });

  it('a stopped calibration has no batch and accepts none', async () => {
    const c = config({ maxGenerations: 1 });
    const s = await runAbc(c, async (t, k) => summary(t, k));
    expect(nextBatch(c, s)).toEqual([]);
    expect(() => acceptBatch(c, s, [])).toThrow(/has stopped \(max-generations\)/);
  });
});

function discrepancyOf(r: EvaluationRecord): number {
  return Math.sqrt(r.mean.reduce((s, m, j) => s + ((m - OBSERVED[j]) / SIGMA) ** 2, 0) / X.length);
}

describe('ABC-SMC stopping rules', () => {
  const sim: Simulator = async (t, k) => summary(t, k);

  it('stops when the simulation budget runs out, keeping the generation it cut short apart from the posterior', async () => {
    const c = config({ maxSimulations: 130, batchSize: 50 });
    const s = await runAbc(c, sim);
    expect(s.stopped).toBe('budget');
    expect(s.simulations).toBe(130);
    expect(s.generations).toHaveLength(1);
    expect(s.pending).toMatchObject({ generation: 1, evaluations: 30 });
    expect(diagnosticsCsv(s).trim().split('\n')).toHaveLength(3);
  });

  it('stops after a generation whose acceptance rate falls below the floor', async () => {
    const s = await runAbc(config({ minAcceptanceRate: 0.2, maxGenerations: 30 }), sim);
    expect(s.stopped).toBe('acceptance-rate');
    const last = s.generations[s.generations.length - 1];
    expect(100 / last.evaluations).toBeLessThan(0.2);
    expect(s.generations.slice(0, -1).every((g) => 100 / g.evaluations >= 0.2)).toBe(true);
  });

  it('stops when the tolerance no longer shrinks: a simulator that ignores its parameters', async () => {
    const s = await runAbc(config({ maxGenerations: 30 }), async () => ({ mean: X.map(() => 1), variance: X.map(() => 0) }));
    expect(s.stopped).toBe('tolerance-stalled');
    expect(s.generations).toHaveLength(2);
  });

  it('stops after the generation run at minTolerance, which the tolerance never goes below', async () => {
    const s = await runAbc(config({ minTolerance: 1.5, maxGenerations: 30 }), sim);
    expect(s.stopped).toBe('tolerance-reached');
    const tolerances = s.generations.map((g) => g.tolerance);
    expect(tolerances[tolerances.length - 1]).toBe(1.5);
    expect(tolerances.slice(1, -1).every((t) => t! > 1.5)).toBe(true);
  });

  it('stops when the population cannot span the parameters (fewer particles than dimensions)', async () => {
    const s = await runAbc(config({ particles: 2 }), sim);
    expect(s.stopped).toBe('degenerate');
    expect(s.generations).toHaveLength(1);
  });

  it('reports progress after every batch', async () => {
    const seen: AbcProgress[] = [];
    const s = await runAbc(config({ maxGenerations: 3 }), sim, { onProgress: (p) => seen.push(p) });
    expect(seen.length).toBe(s.simulations / 40);
    expect(seen[0]).toEqual({ generation: 0, accepted: 40, evaluated: 40, tolerance: null });
    expect(seen[seen.length - 1]).toMatchObject({ generation: 2, accepted: 100, tolerance: s.generations[2].tolerance });
    expect(seen.filter((p) => p.accepted === 100).map((p) => p.generation)).toEqual([0, 1, 2]);
  });
});

describe('ABC-SMC importance weights', () => {
  // Priors of every kind in four dimensions, bounds close enough that the kernel often steps outside them.
  const priors: Prior[] = [
    { kind: 'uniform', min: -1, max: 1 },
    { kind: 'log-uniform', min: 0.01, max: 100 },
    { kind: 'normal', mean: 2, sd: 0.5 },
    { kind: 'truncated-normal', mean: 0, sd: 1, min: 0.5, max: 3 },
  ];
  const cdf = (p: Prior, x: number): number => {
    switch (p.kind) {
      case 'uniform': return (x - p.min) / (p.max - p.min);
      case 'log-uniform': return Math.log(x / p.min) / Math.log(p.max / p.min);
      case 'normal': return normalCdf((x - p.mean) / p.sd);
      case 'truncated-normal': {
        const [a, b] = [p.min, p.max].map((v) => normalCdf((v - p.mean) / p.sd));
        return (normalCdf((x - p.mean) / p.sd) - a) / (b - a);
      }
    }
  };

  it('when the simulation ignores the parameters, every generation is the prior again (Jacobian, support and weights together)', async () => {
    const c: AbcConfig = {
      parameters: priors.map((prior, i) => ({ name: `p${i}`, prior })),
      targets: [{ value: 0, sdObservation: 1, sdDiscrepancy: 0, weight: 1 }],
      settings: abcSettingsSchema.parse({ seed: 5, particles: 2000, batchSize: 500, maxGenerations: 5, maxSimulations: 100_000 }),
    };
    // The distance is noise that has nothing to do with the parameters, so acceptance cannot favour any of them.
    const s = await runAbc(c, async (_, k) => ({ mean: [standardNormalDraw(uniform(streamKey(9, k.generation, k.index), 0))], variance: [0] }));
    expect(s.stopped).toBe('max-generations');
    const last = s.generations[4];
    expect(last.ess).toBeGreaterThan(500);
    priors.forEach((p, i) => {
      // The weighted CDF at the prior's deciles: each within 4 standard errors sqrt(q (1 - q) / ESS).
      for (const q of [0.1, 0.3, 0.5, 0.7, 0.9]) {
        const x = samplePrior(p, q);
        const share = last.particles.reduce((acc, particle) => acc + (particle.theta[i] <= x ? particle.weight : 0), 0);
        expect(Math.abs(share - q), `parameter ${i} at its ${q} quantile`).toBeLessThan(4 * Math.sqrt((q * (1 - q)) / last.ess));
      }
      expect(Math.abs(cdf(p, posteriorSummaries(c.parameters.map((x) => x.name), s)[i].median) - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / last.ess));
    });
  });
});

describe('evaluateBatch', () => {
  it('keeps at most `concurrency` simulations in flight, returns summaries in candidate order, and starts none after a failure', async () => {
    const candidates = Array.from({ length: 20 }, (_, index) => ({ generation: 0, index, theta: [index] }));
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const out = await evaluateBatch(candidates, async (theta) => {
      started.push(theta[0]);
      peak = Math.max(peak, ++running);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
      running--;
      return { mean: [theta[0] * 2], variance: [0] };
    }, 3);
    expect(peak).toBe(3);
    expect(out.map((s) => s.mean[0])).toEqual(candidates.map((k) => 2 * k.index));

    started.length = 0;
    await expect(evaluateBatch(candidates, async (theta) => {
      started.push(theta[0]);
      if (theta[0] === 4) throw new Error('simulation 4 failed');
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { mean: [0], variance: [0] };
    }, 2)).rejects.toThrow('simulation 4 failed');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Math.max(...started)).toBeLessThan(7);
  });
});
