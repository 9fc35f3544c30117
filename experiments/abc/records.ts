import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../scenarios/errors.js';
import { canonicalJson } from '../../sim/outputs.js';
import { PREDICTIVE, type EvaluationKey, type ModelSummary } from './evaluate.js';

/**
 * One file per finished evaluation, written atomically into the calibration folder: what resume, shards and the
 * outputs work from. evaluations/gNNN/cNNNNNN.json for candidate c of generation g, predictive/kNNNNNN.json
 * for the posterior predictive draws. A record holds the parameters and the model's summary before noise; the
 * noise is recomputed from the candidate's key.
 */

export interface EvaluationFile extends EvaluationKey {
  theta: number[];
  model: ModelSummary;
}

export function recordPath(dir: string, k: EvaluationKey): string {
  const n = String(k.index).padStart(6, '0');
  return k.generation === PREDICTIVE ? join(dir, 'predictive', `k${n}.json`) : join(dir, 'evaluations', `g${String(k.generation).padStart(3, '0')}`, `c${n}.json`);
}

export function recordText(r: EvaluationFile): string {
  return `${canonicalJson({ generation: r.generation, index: r.index, theta: r.theta, model: r.model })}\n`;
}

/** The record of an evaluation, or undefined when it has not been written (yet). */
export function readRecord(dir: string, k: EvaluationKey, theta: readonly number[], targets: number): EvaluationFile | undefined {
  const file = recordPath(dir, k);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  const damaged = (expected: string): never => {
    throw new InputError(file, [{ path: '', value: text.slice(0, 60), expected: `${expected}; delete the file and continue with --resume` }]);
  };
  let r: EvaluationFile;
  try {
    r = JSON.parse(text) as EvaluationFile;
  } catch (e) {
    return damaged(`expected a complete evaluation record (${(e as Error).message})`);
  }
  const numbers = (xs: unknown) => Array.isArray(xs) && xs.every((x) => x === null || typeof x === 'number');
  if (!r || r.generation !== k.generation || r.index !== k.index || !numbers(r.theta) || !numbers(r.model?.mean) || !numbers(r.model?.variance)) {
    damaged(`expected the record of generation ${k.generation} candidate ${k.index}`);
  }
  if (r.model.mean.length !== targets || r.model.variance.length !== targets) damaged(`expected a figure for each of the ${targets} targets`);
  if (r.theta.length !== theta.length || r.theta.some((v, i) => !Object.is(v, theta[i]))) {
    damaged(`expected the parameters this calibration proposes, [${theta.join(', ')}]: the record was written by another calibration`);
  }
  return r;
}
