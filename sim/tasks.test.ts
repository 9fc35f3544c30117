import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimBlocks, type BlockTask } from './tasks.js';

describe('claimBlocks', () => {
  it('hands each block to exactly one claimant, however the claimants interleave', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 6 }), fc.array(fc.nat(), { maxLength: 400 }),
      (blocks, threads, turns) => {
        const task = { blocks, claim: new SharedArrayBuffer(4) } as BlockTask;
        const claimants = Array.from({ length: threads }, () => claimBlocks(task));
        const claimed: number[] = [];
        for (const k of turns) {
          const next = claimants[k % threads].next();
          if (!next.done) claimed.push(next.value);
        }
        for (const c of claimants) claimed.push(...c);
        expect(claimed.sort((a, b) => a - b)).toEqual(Array.from({ length: blocks }, (_, b) => b));
      }));
  });
});
