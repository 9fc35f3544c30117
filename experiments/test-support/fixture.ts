import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const BASE = join(ROOT, 'scenarios', 'cbp-home-2025.json');

export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'departure-sim-exp-'));
}

/** A small experiment (few agents, six months) written to a file; `change` edits it first. */
export function writeExperiment(dir: string, change: (e: any) => void = () => {}, name = 'experiment.json'): string {
  const e: any = {
    version: 1, name: 'tiny', title: 'Tiny sweep', base: BASE,
    fixed: { 'time.steps': 6 }, agents: 3000, replicates: 2, seeds: [1, 2], budget: 100,
    design: {
      kind: 'grid',
      parameters: [
        { name: 'stipend', path: 'programme.stipend', values: [0, 4000] },
        { name: 'removalsPerDay', path: 'enforcement.removalsPerDay', min: 742, max: 1500, levels: 2 },
      ],
    },
  };
  change(e);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(e));
  return file;
}

/** Every file under a folder, by relative path, with its bytes as text (a PNG's in base64, so no byte is lost). */
export function folderContents(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, folderContents(path, `${prefix}${name}/`));
    else out[`${prefix}${name}`] = name.endsWith('.png') ? readFileSync(path).toString('base64') : readFileSync(path, 'utf8');
  }
  return out;
}

/**
 * A small ABC calibration (version 2) written to a file; `change` edits it first. Two parameters, two targets of
 * the cbp-home-2025 preset over six months at 1,000 agents for 200,000 persons, and few particles: seconds.
 */
export function writeAbcCalibration(dir: string, change: (c: any) => void = () => {}, name = 'calibration.json'): string {
  const c: any = {
    version: 2, name: 'tiny-abc', title: 'Tiny ABC calibration',
    // The behavioural parameters the targets' values and sds were chosen for, pinned so that the shipped defaults
    // can move without making the targets uninformative (the engine's SBC test needs them to inform statusQuo).
    scenarios: { us: { file: BASE, fixed: {
      'time.steps': 6, 'population.persons': 200000, 'programme.stipend': 2000,
      'model.noiseScale': 0.8, 'model.reviewRate': 1, 'information.newsRate': 0.025,
    }, agents: 1000, replicates: 1 } },
    parameters: [
      { name: 'statusQuo', path: 'model.statusQuo', prior: { kind: 'normal', mean: -1.5, sd: 1 } },
      { name: 'removalsPerDay', path: 'enforcement.removalsPerDay', prior: { kind: 'uniform', min: 10, max: 60 } },
    ],
    targets: [
      { name: 'removals', kind: 'window', scenario: 'us', series: 'removals', from: '2025-01-01', to: '2025-06-30', value: 6000, sd: 300 },
      { name: 'unassisted', kind: 'window', scenario: 'us', series: 'departures_unassisted', from: '2025-01-01', to: '2025-06-30', value: 3000, sd: 500 },
    ],
    method: { kind: 'abc-smc', seed: 7, particles: 12, batchSize: 6, maxGenerations: 3, predictive: 6 },
  };
  change(c);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(c));
  return file;
}
