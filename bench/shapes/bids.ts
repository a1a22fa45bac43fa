// Nexmark bids as the input of the bid-reading shapes: the generated records and the BIDS stream over them.
import { SqlTypes } from '../../src/planner/index.js';
import type { SerdeColumn } from '../../src/runtime/index.js';
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

/** The BIDS stream's value columns, as the Schema Registry formats' shapes and bench:serde write them. */
export const bidsValueColumns: readonly SerdeColumn[] = [
  { name: 'AUCTION', type: SqlTypes.BIGINT },
  { name: 'BIDDER', type: SqlTypes.BIGINT },
  { name: 'PRICE', type: SqlTypes.BIGINT },
  { name: 'CHANNEL', type: SqlTypes.STRING },
  { name: 'URL', type: SqlTypes.STRING },
  { name: 'DATETIME', type: SqlTypes.BIGINT },
  { name: 'EXTRA', type: SqlTypes.STRING },
];
