// stream-stream-join: Nexmark bids joined with the AUCTIONS stream within 10 seconds.
import type { BenchRecord } from '../generators/bench-record.js';
import type { ExpectedOutputs, Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { auctionsStream, nexmarkBidsWithAuctions } from './auctions.js';
import { bidsStream } from './bids.js';

const withinMs = 10_000;

/**
 * Both streams are keyed by auction id (co-partitioned). The grace period is longer than the whole
 * input's event time (200k events span 20 s), so neither side's records are dropped as late however
 * the task interleaves the two topics.
 */
function statements({ inputTopic, sideInputTopic, outputTopic }: ShapeContext): string {
  return `${bidsStream(inputTopic)}${auctionsStream(sideInputTopic)}
    CREATE STREAM BIDS_WITHIN_AUCTIONS WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT B.AUCTION_ID AS AUCTION_ID, B.BIDDER, B.PRICE, B.DATETIME, A.ITEMNAME, A.SELLER, A.CATEGORY, A.RESERVE
      FROM BIDS B JOIN AUCTIONS A WITHIN ${withinMs / 1000} SECONDS GRACE PERIOD 1 MINUTE ON B.AUCTION_ID = A.ID;`;
}

/** An inner join writes one row per (bid, auction) pair of a key within 10 s of each other. */
export function streamStreamJoinOutputs(records: readonly BenchRecord[]): ExpectedOutputs {
  const auctionTimes = new Map<string, number[]>();
  for (const record of records) if (record.side) auctionTimes.set(record.key, [...(auctionTimes.get(record.key) ?? []), record.timestampMs]);
  let updates = 0;
  for (const record of records) {
    if (record.side) continue;
    for (const auctionMs of auctionTimes.get(record.key) ?? []) if (Math.abs(record.timestampMs - auctionMs) <= withinMs) updates++;
  }
  return { updates, tombstones: 0 };
}

export const streamStreamJoin: Shape = {
  name: 'stream-stream-join',
  summary: 'Nexmark bids JOIN the AUCTIONS stream WITHIN 10 SECONDS on the auction id, both keyed by it (two window stores, a write and a range read per event)',
  input: nexmarkBidsWithAuctions,
  expectedOutputs: streamStreamJoinOutputs,
  start: (context) => startSquallQuery(context, statements(context)),
};
