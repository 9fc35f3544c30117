import { describe, expect, it } from 'vitest';
import { resolveShard } from './shard.js';

describe('shard selection', () => {
  it('reads --shard, then Slurm array variables, then a Kubernetes completion index', () => {
    expect(resolveShard('2/5', undefined, {})).toEqual({ index: 2, count: 5 });
    expect(resolveShard(undefined, undefined, {})).toBeUndefined();
    expect(resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_COUNT: '4' })).toEqual({ index: 3, count: 4 });
    expect(resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: '4', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '1' })).toEqual({ index: 3, count: 4 });
    expect(resolveShard(undefined, 6, { JOB_COMPLETION_INDEX: '5' })).toEqual({ index: 5, count: 6 });
    expect(resolveShard('0/2', undefined, { SLURM_ARRAY_TASK_ID: '1', SLURM_ARRAY_TASK_COUNT: '2' })).toEqual({ index: 0, count: 2 });
  });

  it('rejects malformed or out-of-range shards with the variable it came from', () => {
    expect(() => resolveShard('2of5', undefined, {})).toThrow(/--shard: got "2of5"; expected i\/n/);
    expect(() => resolveShard('5/5', undefined, {})).toThrow(/expected a shard index from 0 to the shard count less one/);
    expect(() => resolveShard(undefined, undefined, { JOB_COMPLETION_INDEX: '1' })).toThrow(/--shard-count: .*expected the number of completions/);
    expect(() => resolveShard(undefined, undefined, { SLURM_ARRAY_TASK_ID: 'x', SLURM_ARRAY_TASK_COUNT: '2' })).toThrow(/SLURM_ARRAY_TASK_ID: got "x"/);
  });
});
