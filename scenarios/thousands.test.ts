import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withThousands } from './thousands.js';

describe('withThousands', () => {
  it('writes any number as toLocaleString(\'en-US\') does, so labels and messages keep their text', () => {
    fc.assert(fc.property(fc.oneof(fc.maxSafeInteger(), fc.double({ noNaN: true })), (n) => withThousands(n) === n.toLocaleString('en-US')), { numRuns: 20_000 });
    for (const n of [0, -0, 999, 1000, -1000, 1e8, 1e11, 2 ** 53 - 1, 2 ** 53, 1500.5, -0.25]) expect(withThousands(n)).toBe(n.toLocaleString('en-US'));
  });
});
