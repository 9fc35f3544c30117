import { afterAll, describe, expect, it } from 'vitest';
import { createPool } from '../sim/pool.js';
import { elasticities } from './elasticities.js';

const pool = createPool(2);
afterAll(() => pool.close());

describe('elasticities of the stay (the Lessem check, models/README.md section 7)', () => {
  it('shorten the stay when home wages or enforcement rise, with intervals that exclude no change', async () => {
    const rows = await elasticities(20_000, 12, 3, pool);
    expect(rows.map((r) => r.label)).toEqual(['home wages +10%', 'enforcement +50%']);
    for (const r of rows) {
      expect(r.change.hi95!).toBeLessThan(0);
      expect(r.ownDepartures.lo95!).toBeGreaterThan(0);
    }
  }, 120_000);
});
