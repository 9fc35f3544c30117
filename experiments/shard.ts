import { InputError } from '../scenarios/errors.js';

/** Shard i of n (0-based): it runs the points whose index is i modulo n, so every shard gets a mix of the design. */
export interface Shard {
  index: number;
  count: number;
}

function problem(path: string, value: unknown, expected: string): never {
  throw new InputError('shard', [{ path, value, expected }]);
}

function whole(text: string, path: string, min: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min) problem(path, text, `expected a whole number >= ${min}`);
  return n;
}

/**
 * The shard to run: `--shard i/n`; else a Slurm array task (SLURM_ARRAY_TASK_ID less SLURM_ARRAY_TASK_MIN, of
 * SLURM_ARRAY_TASK_COUNT); else a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, with the count from
 * `--shard-count`); else the whole sweep.
 */
export function resolveShard(flag: string | undefined, shardCount: number | undefined, env: NodeJS.ProcessEnv): Shard | undefined {
  let shard: Shard | undefined;
  if (flag !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flag.trim());
    if (!m) problem('--shard', flag, 'expected i/n with 0 <= i < n, e.g. 0/4');
    shard = { index: Number(m[1]), count: Number(m[2]) };
  } else if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    const min = env.SLURM_ARRAY_TASK_MIN === undefined ? 0 : whole(env.SLURM_ARRAY_TASK_MIN, 'SLURM_ARRAY_TASK_MIN', 0);
    shard = { index: whole(env.SLURM_ARRAY_TASK_ID, 'SLURM_ARRAY_TASK_ID', 0) - min, count: whole(env.SLURM_ARRAY_TASK_COUNT, 'SLURM_ARRAY_TASK_COUNT', 1) };
  } else if (env.JOB_COMPLETION_INDEX !== undefined) {
    if (shardCount === undefined) problem('--shard-count', undefined, 'expected the number of completions of the Indexed Job (JOB_COMPLETION_INDEX is set)');
    shard = { index: whole(env.JOB_COMPLETION_INDEX, 'JOB_COMPLETION_INDEX', 0), count: shardCount };
  }
  if (shard && (shard.count < 1 || shard.index < 0 || shard.index >= shard.count)) {
    problem('shard', `${shard.index}/${shard.count}`, 'expected a shard index from 0 to the shard count less one (Slurm: --array=0-(n-1) or any range, n tasks)');
  }
  return shard;
}
