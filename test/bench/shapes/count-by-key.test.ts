// count-by-key's expected outputs: one updated count per click with a user id, over the key space it is given.
import { describe, expect, it } from 'vitest';
import { clickUserId } from '../../../bench/shapes/clicks.js';
import { countByKey10k, countByKey1m, countByKeyOutputs } from '../../../bench/shapes/count-by-key.js';

function click(userId: string | null) {
  return { key: 'user-1-s1', value: JSON.stringify({ user_id: userId, session_id: 'user-1-s1' }), timestampMs: 0 };
}

describe('countByKeyOutputs', () => {
  it('counts one update per record with a user id and none for a null one', () => {
    expect(countByKeyOutputs([click('user-1'), click(null), click('user-2'), click('user-1')])).toEqual({ updates: 3, tombstones: 0 });
  });

  it('draws the 10k variant from 10,000 users and the 1M variant from up to 1,000,000', () => {
    const distinct = (records: ReturnType<typeof countByKey10k.input>) => new Set(records.map(clickUserId)).size;
    // Uniform draws: 100k clicks miss about 10,000 × e^-10 ≈ 0.5 of the 10k users.
    expect(distinct(countByKey10k.input(100_000, 42, 0))).toBeGreaterThan(9_990);
    expect(distinct(countByKey10k.input(100_000, 42, 0))).toBeLessThanOrEqual(10_000);
    expect(distinct(countByKey1m.input(100_000, 42, 0))).toBeGreaterThan(95_000);
  });

  it('ends the generated input before the given time', () => {
    const records = countByKey10k.input(1000, 42, 1_000_000_000);
    expect(Math.max(...records.map((record) => record.timestampMs))).toBeLessThan(1_000_000_000);
  });
});
