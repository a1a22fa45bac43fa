// The pull benchmark's generated data: the count a pull on COUNTS must find for each key.
import { describe, expect, it } from 'vitest';
import { eventRecord, expectedCount, groupKey } from '../../bench/pull-inputs.js';

describe('expectedCount', () => {
  it('counts event i for key i % keys, so the counts of all keys add up to the events', () => {
    // 10 events over 4 keys: k0 gets events 0, 4, 8; k1 gets 1, 5, 9; k2 gets 2, 6; k3 gets 3, 7.
    const counts = [0, 1, 2, 3].map((key) => expectedCount(key, 10, 4));
    expect(counts).toEqual([3, 3, 2, 2]);
    const produced = Array.from({ length: 10 }, (_, index) => JSON.parse(Buffer.from(eventRecord(index, 4, 0).value!).toString()).K);
    expect([0, 1, 2, 3].map((key) => produced.filter((value) => value === groupKey(key)).length)).toEqual(counts);
  });
});
