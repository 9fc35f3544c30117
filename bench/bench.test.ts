import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { InputError } from '../scenarios/errors.js';
import { createPool } from '../sim/pool.js';
import { benchScenario, CASE_STEPS } from './cases.js';
import { checkRatios, readBaseline } from './check.js';
import { timeEngine, total } from './measure.js';
import { runReference } from './reference-utility.js';
import { benchCommand } from '../cli/bench-command.js';
import { AGREEMENT_Z } from './run-bench.js';

const pool = createPool(2);
afterAll(() => pool.close());

describe('object-per-agent reference', () => {
  it('agrees with the engine on every total of both arms within sampling noise at 1e5 agents', async () => {
    const s = benchScenario('utility', { agents: 100_000, steps: CASE_STEPS });
    const ref = runReference(s, 3);
    const { result } = await timeEngine(s, pool, 0, true);
    const weight = s.population.persons / s.population.agents;
    const pairs: Array<[string, [number, number]]> = [
      ['departures_assisted', ref.departuresAssisted], ['departures_unassisted', ref.departuresUnassisted],
      ['removals', ref.removals], ['registrations', ref.registrations],
    ];
    for (const [name, refArms] of pairs) {
      for (const arm of [0, 1] as const) {
        const a = total(result, name, arm) / weight;
        const b = refArms[arm] / weight;
        const z = a + b > 0 ? Math.abs(a - b) / Math.sqrt(a + b) : 0;
        expect(z, `${name} arm ${arm}: engine ${a}, reference ${b}`).toBeLessThan(AGREEMENT_Z);
      }
    }
    // The programme matters in both implementations: registrations in the programme arm only.
    expect(ref.registrations[0]).toBeGreaterThan(0);
    expect(ref.registrations[1]).toBe(0);
  });

  it('detects a different model: doubling the removal capacity moves removals far outside the noise', async () => {
    const s = benchScenario('utility', { agents: 100_000, steps: CASE_STEPS });
    const more = benchScenario('utility', { agents: 100_000, steps: CASE_STEPS, change: (raw) => { raw.enforcement.removalsPerDay = 2000; } });
    const weight = s.population.persons / s.population.agents;
    const a = total((await timeEngine(s, pool, 0, true)).result, 'removals', 1) / weight;
    const b = runReference(more, 3).removals[1] / weight;
    expect(Math.abs(a - b) / Math.sqrt(a + b)).toBeGreaterThan(AGREEMENT_Z);
  });
});

describe('--check', () => {
  const baseline = { ratios: { speedupVsReference: 10, parallelEfficiency: 0.9 }, tolerance: { speedupVsReference: 0.4, parallelEfficiency: 0.4 } };

  it('passes ratios at or above baseline x (1 - tolerance) and fails any below', () => {
    expect(checkRatios({ speedupVsReference: 6, parallelEfficiency: 0.54 }, baseline).every((c) => c.ok)).toBe(true);
    const low = checkRatios({ speedupVsReference: 5.9, parallelEfficiency: 0.95 }, baseline);
    expect(low.map((c) => c.ok)).toEqual([false, true]);
    expect(checkRatios({ speedupVsReference: 20, parallelEfficiency: 0.5 }, baseline).map((c) => c.ok)).toEqual([true, false]);
    expect(checkRatios({ speedupVsReference: NaN, parallelEfficiency: 1 }, baseline)[0].ok).toBe(false);
  });

  it('accepts the committed baseline and rejects a malformed one, naming the field', () => {
    const committed = readBaseline(new URL('./baseline.json', import.meta.url).pathname);
    expect(committed.ratios.parallelEfficiency).toBeGreaterThan(0);
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ratios: { speedupVsReference: 10 }, tolerance: { speedupVsReference: 1.5, parallelEfficiency: 0.2 } }));
    try {
      readBaseline(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems.map((p) => p.path)).toEqual(['ratios.parallelEfficiency', 'tolerance.speedupVsReference']);
    }
  });
});

describe('bench run', () => {
  it('writes the JSON figures and a valid Vega-Lite chart, and exits 1 when a ratio falls below the baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const check = join(dir, 'baseline.json');
    // No engine is a million times faster than the reference: this baseline must fail.
    writeFileSync(check, JSON.stringify({ ratios: { speedupVsReference: 1e6, parallelEfficiency: 0 }, tolerance: { speedupVsReference: 0.5, parallelEfficiency: 0.5 } }));
    const json = join(dir, 'bench.json');
    const before = process.exitCode;
    const printed = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await benchCommand({ sizes: [40_000], referenceSizes: [40_000], runs: 1, fullScale: false, json, check, quiet: true });
      expect(process.exitCode).toBe(1);
      const lines = printed.mock.calls.map((c) => String(c[0])).join('');
      expect(lines).toMatch(/^FAIL speedupVsReference/m);
      expect(lines).toMatch(/^ok {3}parallelEfficiency/m);
    } finally {
      printed.mockRestore();
      process.exitCode = before;
    }
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(Object.keys(r).slice(0, 6)).toEqual(['node', 'cpu', 'cores', 'cases', 'parallelEfficiency', 'speedupVsReference']);
    expect(r.fullScale).toBeUndefined();
    expect(r.cases.length).toBe(2 * (r.cores > 1 ? 2 : 1));
    for (const c of r.cases) {
      expect(Object.keys(c)).toEqual(expect.arrayContaining(['model', 'agents', 'workers', 'steps', 'agentStepsPerSec', 'min', 'max']));
      expect(c.min).toBeLessThanOrEqual(c.agentStepsPerSec);
      expect(c.agentStepsPerSec).toBeLessThanOrEqual(c.max);
      expect(c.armStepsPerSec).toBe(2 * c.agentStepsPerSec);
    }
    expect(r.speedupVsReference).toBeGreaterThan(0);
    expect(r.subSteps.length).toBeGreaterThan(3);
    const spec = JSON.parse(readFileSync(join(dir, 'bench.vl.json'), 'utf8'));
    expect(compile(spec).spec.marks?.length).toBeGreaterThan(0);
    expect(spec.data.values.length).toBe(r.cases.length);
  });
});
