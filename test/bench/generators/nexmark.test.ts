// The Nexmark generator: deterministic per seed, in Nexmark's proportions, bids pointing at existing auctions.
import { describe, expect, it } from 'vitest';
import { generateNexmark } from '../../../bench/generators/nexmark.js';

const startTimeMs = 1_700_000_000_000;

describe('generateNexmark', () => {
  it('generates the same events for the same seed and different ones for another seed', () => {
    const first = generateNexmark({ seed: 7, bids: 500, startTimeMs });
    const again = generateNexmark({ seed: 7, bids: 500, startTimeMs });
    const other = generateNexmark({ seed: 8, bids: 500, startTimeMs });
    expect(again).toEqual(first);
    expect(other.bids.map((bid) => bid.value)).not.toEqual(first.bids.map((bid) => bid.value));
  });

  it('generates exactly the bids asked for, with persons and auctions in 1 : 3 : 46 proportion', () => {
    const events = generateNexmark({ seed: 1, bids: 4600, startTimeMs });
    expect(events.bids).toHaveLength(4600);
    expect(events.persons).toHaveLength(100);
    expect(events.auctions).toHaveLength(300);
  });

  it('keys bids by an auction generated before them and stamps event times in order', () => {
    const events = generateNexmark({ seed: 3, bids: 2000, startTimeMs });
    const auctionIds = new Set(events.auctions.map((auction) => auction.key));
    let previousMs = startTimeMs;
    for (const record of events.bids) {
      const bid = JSON.parse(record.value) as { auction: number; price: number; dateTime: number };
      expect(record.key).toBe(String(bid.auction));
      expect(auctionIds.has(record.key)).toBe(true);
      expect(bid.dateTime).toBe(record.timestampMs);
      expect(bid.price).toBeGreaterThanOrEqual(100);
      expect(record.timestampMs).toBeGreaterThanOrEqual(previousMs);
      previousMs = record.timestampMs;
    }
  });

  it('writes persons and auctions as JSON keyed by their id', () => {
    const events = generateNexmark({ seed: 5, bids: 100, startTimeMs });
    const person = JSON.parse(events.persons[0]!.value) as { id: number; state: string };
    const auction = JSON.parse(events.auctions[0]!.value) as { id: number; seller: number; reserve: number; initialBid: number };
    expect(events.persons[0]!.key).toBe(String(person.id));
    expect(events.auctions[0]!.key).toBe(String(auction.id));
    expect(auction.seller).toBe(person.id);
    expect(auction.reserve).toBeGreaterThanOrEqual(auction.initialBid);
  });
});
