import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from 'vega-lite';
import { describe, expect, it, vi } from 'vitest';
import { benchCommand } from '../cli/bench-command.js';
import { readScenario } from '../cli/run-command.js';
import { InputError } from '../scenarios/errors.js';
import { packageRoot } from '../scenarios/package-info.js';
import { presetFile } from './cases.js';
import { checkRatios, readBaseline } from './check.js';
import { compareBench, readBenchFile } from './compare.js';
import { AGREEMENT_Z, agreement, referenceTotals } from './inner-loop.js';
import { figure } from './measure.js';
import { runReference } from './reference-utility.js';
import { steadyRate } from './sweep.js';

const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
const cli = join(packageRoot(), 'dist', 'cli', 'main.js');

describe('agreement with the object-per-agent reference (informational)', () => {
  const read = (preset: string) => readScenario(preset, { agents: 50_000, replicates: 1 });
  const weight = (s: ReturnType<typeof read>) => s.population.persons / s.population.agents;

  it('two runs of one model agree within the Poisson noise; a different removal capacity does not', () => {
    const s = read(presetFile('utility'));
    const a = referenceTotals(runReference(s, 1, 12));
    const b = referenceTotals(runReference(s, 2, 12));
    expect(agreement(a, b, weight(s)).worstZ).toBeLessThan(AGREEMENT_Z);
    const more = read(join(packageRoot(), 'scenarios', 'high-enforcement.json'));
    const c = agreement(a, referenceTotals(runReference(more, 2, 12)), weight(s));
    expect(c.z['removals.twin']).toBeGreaterThan(AGREEMENT_Z);
    expect(c.agrees).toBe(false);
  });
});

describe('sweep steady state', () => {
  it('counts completions between the first point of the last lane and the last full round of lanes', () => {
    // Two lanes in lock step, a point every 100 ms per lane: 20 points per second.
    expect(steadyRate([100, 100, 200, 200, 300, 300, 400], 2)).toBeCloseTo(20);
    expect(steadyRate([0, 100, 200, 300, 400], 1)).toBeCloseTo(10);
    expect(steadyRate([100, 100], 2)).toBeNaN();
  });
});

describe('--check', () => {
  const baseline = {
    ratios: { coldEfficiencyVsMachine: 0.8, sweepEfficiencyVsMachine: 0.9, coldVsReference: 10 },
    tolerance: { coldEfficiencyVsMachine: 0.3, sweepEfficiencyVsMachine: 0.3, coldVsReference: 0.4 },
  };

  it('passes ratios at or above baseline x (1 - tolerance) and fails any below, or not measured', () => {
    expect(checkRatios({ coldEfficiencyVsMachine: 0.56, sweepEfficiencyVsMachine: 0.63, coldVsReference: 6 }, baseline).every((c) => c.ok)).toBe(true);
    expect(checkRatios({ coldEfficiencyVsMachine: 0.55, sweepEfficiencyVsMachine: 0.9, coldVsReference: 10 }, baseline).map((c) => c.ok)).toEqual([false, true, true]);
    expect(checkRatios({ coldEfficiencyVsMachine: 1, sweepEfficiencyVsMachine: 1, coldVsReference: 5.9 }, baseline).map((c) => c.ok)).toEqual([true, true, false]);
    expect(checkRatios({ coldEfficiencyVsMachine: 1, sweepEfficiencyVsMachine: NaN, coldVsReference: 10 }, baseline)[1].ok).toBe(false);
  });

  it('accepts the committed baseline and rejects a malformed one, naming the field', () => {
    const committed = readBaseline(new URL('./baseline.json', import.meta.url).pathname);
    expect(committed.ratios.coldEfficiencyVsMachine).toBeGreaterThan(0);
    const bad = join(dir, 'bad-baseline.json');
    writeFileSync(bad, JSON.stringify({ ratios: { coldEfficiencyVsMachine: 0.8, sweepEfficiencyVsMachine: 0.9 }, tolerance: { coldEfficiencyVsMachine: 1.5, sweepEfficiencyVsMachine: 0.2, coldVsReference: 0.2 } }));
    try {
      readBaseline(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).problems.map((p) => p.path)).toEqual(['ratios.coldVsReference', 'tolerance.coldEfficiencyVsMachine']);
    }
  });
});

describe('--compare', () => {
  const samples = [10.2, 11.1, 9.6, 10.8, 10.0];
  const file = (name: string, scale: number) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify({
      meta: { commit: name, date: '2026-01-01T00:00:00Z' },
      figures: [
        figure('speed', 'a speed', 'agent-steps/s', 'higher', samples.map((x) => x * 1e6 * scale), 'test'),
        figure('wall', 'a wall time', 's', 'lower', samples.map((x) => x * scale), 'test'),
        figure(`only-${name}`, 'in one file', 's', 'lower', [1, 2], 'test'),
      ],
    }));
    return path;
  };
  const a = file('a', 1);

  it('flags a change far beyond the samples\' spread, in the right direction, and not one within it', () => {
    const big = compareBench(readBenchFile(a), readBenchFile(file('b', 2)));
    expect(big.rows.map((r) => [r.id, r.flagged, r.change])).toEqual([['speed', true, 'better'], ['wall', true, 'worse']]);
    expect(big.rows[0].ratio).toBeCloseTo(2);
    expect(big.rows[0].chance).toBeCloseTo(2 / 252);
    expect(big.onlyA).toEqual(['only-a']);
    const small = compareBench(readBenchFile(a), readBenchFile(file('c', 1.04)));
    expect(small.rows.every((r) => !r.flagged)).toBe(true);
  });

  it('prints the ratios and exits 0; exits 2 with a clear message on a file that is not a benchmark file', () => {
    const ok = spawnSync(process.execPath, [cli, 'bench', '--compare', a, file('d', 0.5)], { encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/^speed .* 0\.500 +CHANGED, worse/m);
    expect(ok.stdout).toMatch(/2 of 2 shared figures changed/);
    const old = join(dir, 'old.json');
    writeFileSync(old, JSON.stringify({ node: 'v20', cases: [] }));
    const bad = spawnSync(process.execPath, [cli, 'bench', '--compare', a, old], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/written by an older benchmark/);
    const one = spawnSync(process.execPath, [cli, 'bench', '--compare', a], { encoding: 'utf8' });
    expect(one.status).toBe(2);
    expect(one.stderr).toMatch(/expected exactly two files/);
  });
});

describe('bench run', () => {
  it('writes metadata and every raw sample, a valid chart, and exits 1 on an impossible baseline', { timeout: 180_000 }, async () => {
    const check = join(dir, 'impossible.json');
    // No cold run is a million times faster than the reference: this baseline must fail.
    writeFileSync(check, JSON.stringify({
      ratios: { coldEfficiencyVsMachine: 0, sweepEfficiencyVsMachine: 0, coldVsReference: 1e6 },
      tolerance: { coldEfficiencyVsMachine: 0.5, sweepEfficiencyVsMachine: 0.5, coldVsReference: 0.5 },
    }));
    const json = join(dir, 'bench.json');
    const before = process.exitCode;
    const printed = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      await benchCommand({
        runs: 1, smallFactor: 1, sizes: [2000], headlineAgents: 2000, referenceAgents: 2000, referenceSteps: 2, fullScale: false,
        sweep: { agents: 1000, replicates: 1 }, inner: false, report: false, json, check, quiet: true,
      });
      expect(process.exitCode).toBe(1);
      const lines = printed.mock.calls.map((c) => String(c[0])).join('');
      expect(lines).toMatch(/^FAIL coldVsReference/m);
      expect(lines).toMatch(/^ok {3}coldEfficiencyVsMachine/m);
    } finally {
      printed.mockRestore();
      process.exitCode = before;
    }
    const r = JSON.parse(readFileSync(json, 'utf8'));
    expect(r.format).toBe('departure-sim-bench/2');
    for (const key of ['commit', 'version', 'date', 'node', 'cpu', 'cores', 'memoryBytes', 'loadAverageStart', 'loadAverageEnd']) expect(r.meta).toHaveProperty(key);
    expect(r.meta.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Number.isNaN(Date.parse(r.meta.date))).toBe(false);
    expect(r.meta.loadAverageEnd).toHaveLength(3);
    const ids = r.figures.map((f: { id: string }) => f.id);
    const cores = r.meta.cores as number;
    const expected = ['startup.version.wall', 'startup.run.w1.wall', 'cold.2000.w1.wall', 'cold.2000.w1.agentStepsPerSec', 'cold.2000.w1.peakRss',
      'phases.2000.w1.synthesis', 'phases.2000.w1.steps', 'phases.2000.w1.other', 'reference.agentStepsPerSec', 'ratio.coldVsReference',
      'sweep.w1.wall', 'sweep.w1.steadyAgentStepsPerSec'];
    if (cores > 1) expected.push('cold.2000.efficiency', 'sweep.efficiency', 'machine.efficiency', 'cold.2000.efficiencyVsMachine', 'sweep.efficiencyVsMachine', `sweep.w${cores}.runsPerSec`,
      'sweep.separate.efficiency', 'sweep.efficiencyVsSeparate');
    expect(ids).toEqual(expect.arrayContaining(expected));
    for (const f of r.figures) {
      expect(f.samples.length, f.id).toBeGreaterThan(0);
      expect(f.min, f.id).toBeLessThanOrEqual(f.median);
      expect(f.median, f.id).toBeLessThanOrEqual(f.max);
    }
    const wall = r.figures.find((f: { id: string }) => f.id === 'cold.2000.w1.wall');
    expect(wall.median).toBeGreaterThan(0.05);
    expect(r.figures.find((f: { id: string }) => f.id === 'cold.2000.w1.peakRss').median).toBeGreaterThan(2 ** 20);
    expect(r.targets.length).toBeGreaterThan(5);
    const spec = JSON.parse(readFileSync(join(dir, 'bench.vl.json'), 'utf8'));
    expect(compile(spec).spec.marks?.length).toBeGreaterThan(0);
    expect(spec.data.values.length).toBeGreaterThan(0);
    expect(readFileSync(join(dir, 'bench.svg'), 'utf8')).toMatch(/^<svg/);
    // A file this command wrote compares with itself without a flag.
    expect(compareBench(readBenchFile(json), readBenchFile(json)).rows.every((x) => !x.flagged)).toBe(true);
  });
});
