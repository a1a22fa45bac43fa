// The join shapes' input: bids on the input topic, their auctions on the side topic, each auction before its bids.
import { describe, expect, it } from 'vitest';
import { countBids, nexmarkBidsWithAuctions } from '../../../bench/shapes/auctions.js';

describe('nexmarkBidsWithAuctions', () => {
  it('gives the requested count, 46 bids to 3 auctions, the auctions marked side', () => {
    const records = nexmarkBidsWithAuctions(4900, 42, 1_000_000_000);
    expect(records).toHaveLength(4900);
    expect(countBids(records)).toBe(4600);
    expect(records.filter((record) => record.side)).toHaveLength(300);
  });

  it('orders events by time and puts every auction before the bids that name it', () => {
    const records = nexmarkBidsWithAuctions(4900, 42, 1_000_000_000);
    const seen = new Set<string>();
    let previousMs = -Infinity;
    for (const record of records) {
      expect(record.timestampMs).toBeGreaterThanOrEqual(previousMs);
      previousMs = record.timestampMs;
      if (record.side) seen.add(record.key);
      else expect(seen.has(record.key)).toBe(true);
    }
    expect(previousMs).toBeLessThan(1_000_000_000);
  });

  it('keys records of different seeds apart, so two generations never join', () => {
    const keys = (seed: number) => new Set(nexmarkBidsWithAuctions(490, seed, 0).map((record) => record.key));
    const second = keys(43);
    expect([...keys(42)].some((key) => second.has(key))).toBe(false);
  });
});
