import { existsSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../scenarios/errors.js';
import { checkOutputTarget, writeFolderAtomically } from '../sim/output-folder.js';
import { scenarioHash } from '../sim/outputs.js';
import { finishedPoints, readText } from './files.js';
import { sweepOutputs } from './outputs.js';
import { planFromFolder, pointName } from './plan.js';
import { parsePointRecord, type PointRecord } from './records.js';

export interface MergeOptions {
  out: string;
  /** Replace an --out folder that is not a sweep's output. */
  force?: boolean;
}

const sameFolder = (a: string, b: string) => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
};

/**
 * Combine the folders of a sharded sweep into the folder a one-machine sweep writes: the shards must come from
 * the same experiment (identical experiment.json and design.csv) and together hold every point; each point file
 * must be the one this experiment's point gives (its index, values, seed and scenario hash), and a point found in
 * two folders must be the same bytes in both.
 */
export async function mergeSweeps(dirs: readonly string[], o: MergeOptions): Promise<{ points: number }> {
  for (const dir of dirs) {
    if (sameFolder(dir, o.out) || resolve(dir) === resolve(o.out)) {
      throw new InputError('--out', [{ path: '--out', value: o.out, expected: 'expected a folder other than the shard folders being merged' }]);
    }
  }
  // Before reading anything: a folder that must not be replaced costs the user nothing.
  checkOutputTarget({ path: o.out, kind: 'sweep', force: o.force });
  const header: Record<string, string> = {};
  for (const dir of dirs) {
    for (const name of ['experiment.json', 'design.csv']) {
      const file = join(dir, name);
      if (!existsSync(file)) throw new InputError(dir, [{ path: name, value: undefined, expected: 'expected the folder of a sweep or of one of its shards' }]);
      const text = readText(file);
      header[name] ??= text;
      if (header[name] !== text) {
        throw new InputError(dir, [{ path: name, value: `${dir}/${name}`, expected: `expected the same ${name} as ${dirs[0]}: all shards must be of one experiment with the same --agents and --replicates` }]);
      }
    }
  }
  const plan = planFromFolder(header['experiment.json'], dirs[0]);
  const texts = new Map<number, string>();
  const records = new Map<number, PointRecord>();
  for (const dir of dirs) {
    for (const [index, file] of finishedPoints(dir)) {
      const text = readText(file);
      const seen = texts.get(index);
      if (seen !== undefined && seen !== text) {
        throw new InputError(dir, [{ path: `points/${pointName(index)}.json`, value: index, expected: 'expected the same results as the copy of this point in another folder' }]);
      }
      const record = parsePointRecord(text, file);
      const point = plan.points[index];
      const expected = point && scenarioHash(point.scenario);
      if (!point || record.point !== index || record.seed !== point.seed || record.scenarioHash !== expected
        || record.values.join() !== point.values.join()) {
        throw new InputError(file, [{
          path: 'scenarioHash', value: record.scenarioHash,
          expected: point
            ? `expected point ${index} of this experiment (scenario hash ${expected}): this file was written for another experiment, setting or version; re-run that shard`
            : `expected a point index below ${plan.points.length}, the size of this experiment's design`,
        }]);
      }
      texts.set(index, text);
      records.set(index, record);
    }
  }
  const total = plan.points.length;
  const missing = Array.from({ length: total }, (_, i) => i).filter((i) => !texts.has(i));
  if (missing.length > 0) {
    throw new InputError(dirs.join(' '), [{
      path: 'points', value: `${texts.size} of ${total}`,
      expected: `expected every point of the design; missing ${missing.length} (e.g. ${missing.slice(0, 5).map(pointName).join(', ')}): run or resume the shards that hold them`,
    }]);
  }
  const outputs = await sweepOutputs(plan.experiment, Array.from({ length: total }, (_, i) => records.get(i)!), plan.points);
  const points = Object.fromEntries([...texts].map(([index, text]) => [join('points', `${pointName(index)}.json`), text]));
  await writeFolderAtomically({ path: o.out, kind: 'sweep', force: o.force }, { ...header, ...outputs, ...points });
  return { points: total };
}
