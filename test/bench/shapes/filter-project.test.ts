// filter-project's expected output count: the bids its WHERE keeps, which raw-passthrough must match.
import { describe, expect, it } from 'vitest';
import { nexmarkBids } from '../../../bench/shapes/bids.js';
import { countKeptBids, minimumPriceCents } from '../../../bench/shapes/filter-project.js';

function bidRecord(price: number) {
  return { key: '1000', value: JSON.stringify({ auction: 1000, bidder: 1000, price }), timestampMs: 0 };
}

describe('countKeptBids', () => {
  it('keeps bids at or above the minimum price and drops cheaper ones', () => {
    const records = [bidRecord(minimumPriceCents - 1), bidRecord(minimumPriceCents), bidRecord(minimumPriceCents * 50), bidRecord(100)];
    expect(countKeptBids(records)).toBe(2);
  });

  it('drops about one generated bid in six', () => {
    const bids = nexmarkBids(6000, 42, 0);
    const kept = countKeptBids(bids);
    expect(kept).toBeGreaterThan(4700);
    expect(kept).toBeLessThan(5300);
  });
});
