// Nexmark bids as the input of the bid-reading shapes: the generated records and the BIDS stream over them.
import type { BenchRecord } from '../generators/bench-record.js';
import { generateEndingBefore } from '../generators/ending-before.js';
import { generateNexmark } from '../generators/nexmark.js';

/** Nexmark bids keyed by auction id, event times from `startTimeMs` on. */
export function nexmarkBids(count: number, seed: number, startTimeMs: number): BenchRecord[] {
  return generateNexmark({ seed, bids: count, startTimeMs }).bids;
}

/**
 * The same bids with event times ending before `startTimeMs`. An aggregate's output carries the
 * latest event time of its group or window; the latency phase stamps records with their send time,
 * so generated events after it would make latency negative.
 */
export function nexmarkBidsEndingBefore(count: number, seed: number, startTimeMs: number): BenchRecord[] {
  return generateEndingBefore((start) => nexmarkBids(count, seed, start), startTimeMs);
}

/** The BIDS stream over `topic`, keyed by auction id. */
export function bidsStream(topic: string): string {
  return `
    CREATE STREAM BIDS (AUCTION_ID STRING KEY, AUCTION BIGINT, BIDDER BIGINT, PRICE BIGINT, CHANNEL STRING, URL STRING, DATETIME BIGINT, EXTRA STRING)
      WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');`;
}
