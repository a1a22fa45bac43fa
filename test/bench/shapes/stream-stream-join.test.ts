// stream-stream-join's expected outputs: one row per bid and auction of a key within 10 s of each other.
import { describe, expect, it } from 'vitest';
import { countBids, nexmarkBidsWithAuctions } from '../../../bench/shapes/auctions.js';
import { streamStreamJoinOutputs } from '../../../bench/shapes/stream-stream-join.js';

function event(key: string, timestampMs: number, side?: true) {
  return { key, value: '{}', timestampMs, ...(side ? { side } : {}) };
}

describe('streamStreamJoinOutputs', () => {
  it('counts each pair of a key within the window, on either side of the bid, and no other', () => {
    //   time (ms)       0        10000    10001    20001
    //   auction a       x                           x
    //   bid a                    x        x
    //   pairs 10000 ms apart join (a@0–a@10000, a@10001–a@20001), 10001 ms apart do not;
    //   bid b@5 has no auction
    const records = [event('a', 0, true), event('a', 10_000), event('a', 10_001), event('b', 5), event('a', 20_001, true)];
    expect(streamStreamJoinOutputs(records)).toEqual({ updates: 2, tombstones: 0 });
  });

  it('expects one row per bid of the generated input: every auction is close before its bids', () => {
    const records = nexmarkBidsWithAuctions(4900, 42, 0);
    expect(streamStreamJoinOutputs(records)).toEqual({ updates: countBids(records), tombstones: 0 });
  });
});
