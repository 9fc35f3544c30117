import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../scenarios/errors.js';
import { writeFileAtomically, writeFolderAtomically } from '../sim/outputs.js';
import { finishedPoints, readText } from './files.js';
import { sweepOutputs } from './outputs.js';
import { pointName } from './plan.js';
import { parsePointRecord, type PointRecord } from './records.js';
import type { Experiment } from './schema.js';

/**
 * Combine the folders of a sharded sweep into the folder a one-machine sweep writes: the shards must come from
 * the same experiment (identical experiment.json and design.csv) and together hold every point; a point found
 * in two folders must be the same bytes in both.
 */
export async function mergeSweeps(dirs: readonly string[], out: string): Promise<{ points: number }> {
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
  const total = header['design.csv'].trimEnd().split('\n').length - 1;
  const texts = new Map<number, string>();
  for (const dir of dirs) {
    for (const [index, file] of finishedPoints(dir)) {
      const text = readText(file);
      const seen = texts.get(index);
      if (seen !== undefined && seen !== text) {
        throw new InputError(dir, [{ path: `points/${pointName(index)}.json`, value: index, expected: 'expected the same results as the copy of this point in another folder' }]);
      }
      texts.set(index, text);
    }
  }
  const missing = Array.from({ length: total }, (_, i) => i).filter((i) => !texts.has(i));
  if (missing.length > 0) {
    throw new InputError(dirs.join(' '), [{
      path: 'points', value: `${texts.size} of ${total}`,
      expected: `expected every point of the design; missing ${missing.length} (e.g. ${missing.slice(0, 5).map(pointName).join(', ')}): run or resume the shards that hold them`,
    }]);
  }
  const records: PointRecord[] = Array.from({ length: total }, (_, i) => parsePointRecord(texts.get(i)!));
  const { experiment } = JSON.parse(header['experiment.json']) as { experiment: Experiment };
  const outputs = await sweepOutputs(experiment, records);
  await writeFolderAtomically(out, { ...header, ...outputs }, async (tmp) => {
    for (const [index, text] of texts) writeFileAtomically(join(tmp, 'points', `${pointName(index)}.json`), text);
  });
  return { points: total };
}
