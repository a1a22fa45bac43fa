// Nexmark auctions beside their bids, as the two inputs of the join shapes: the generated records and the AUCTIONS sources over them.
import type { BenchRecord } from '../generators/bench-record.js';
import { generateEndingBefore } from '../generators/ending-before.js';
import { generateNexmark, type NexmarkEvents } from '../generators/nexmark.js';

/** Nexmark's 3 auctions per 46 bids: of `count` events, this share are bids. */
const bidShare = 46 / 49;

/**
 * `count` events, bids and their auctions interleaved in Nexmark's event order, the auctions marked
 * `side`; event times end before `startTimeMs` (a join's output carries its input's event time).
 * Every bid's auction comes before it, at most 100 auctions (about 170 ms of event time) earlier.
 * Nexmark's ids restart with every generation, so keys are prefixed with the seed: the latency
 * phase's bids (another seed) must not meet the rounds' auctions, which may be seconds before them.
 */
export function nexmarkBidsWithAuctions(count: number, seed: number, startTimeMs: number): BenchRecord[] {
  const bids = Math.round(count * bidShare);
  return generateEndingBefore((start) => interleave(generateNexmark({ seed, bids, startTimeMs: start }), `${seed}-`), startTimeMs);
}

function interleave({ auctions, bids: bidRecords }: NexmarkEvents, keyPrefix: string): BenchRecord[] {
  const events: BenchRecord[] = [];
  let bidIndex = 0;
  const pushBid = (): void => {
    const bid = bidRecords[bidIndex++]!;
    events.push({ ...bid, key: keyPrefix + bid.key });
  };
  for (const auction of auctions) {
    // At equal event times Nexmark places a block's auctions before its bids.
    while (bidIndex < bidRecords.length && bidRecords[bidIndex]!.timestampMs < auction.timestampMs) pushBid();
    events.push({ ...auction, key: keyPrefix + auction.key, side: true });
  }
  while (bidIndex < bidRecords.length) pushBid();
  return events;
}

/** The bids among the records (the input topic's). */
export function countBids(records: readonly BenchRecord[]): number {
  let bids = 0;
  for (const record of records) if (!record.side) bids++;
  return bids;
}

const auctionColumns = 'ID STRING PRIMARY KEY, ITEMNAME STRING, DESCRIPTION STRING, INITIALBID BIGINT, RESERVE BIGINT, DATETIME BIGINT, EXPIRES BIGINT, SELLER BIGINT, CATEGORY INT, EXTRA STRING';

/** AUCTIONS as a table over `topic`, keyed by auction id. */
export function auctionsTable(topic: string): string {
  return `
    CREATE TABLE AUCTIONS (${auctionColumns}) WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');`;
}

/** AUCTIONS as a stream over `topic`, keyed by auction id. */
export function auctionsStream(topic: string): string {
  return `
    CREATE STREAM AUCTIONS (${auctionColumns.replace('PRIMARY KEY', 'KEY')}) WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');`;
}
