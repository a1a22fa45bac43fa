// filter-project: Nexmark q1's currency conversion projected over bids, behind a q2-style filter.
import type { BenchRecord } from '../generators/bench-record.js';
import type { Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { bidsStream, nexmarkBids } from './bids.js';

/** Bids below this price (cents) are filtered out: about one in six of the generated bids. */
export const minimumPriceCents = 1000;
/** Nexmark q1's dollar-to-euro rate. */
export const dollarToEuro = 0.908;

/** Bids the filter keeps; raw-passthrough applies the same predicate, so both write the same count. */
export function countKeptBids(records: readonly BenchRecord[]): number {
  let kept = 0;
  for (const record of records) {
    const bid: unknown = JSON.parse(record.value);
    if (typeof bid === 'object' && bid !== null && Number(Reflect.get(bid, 'price')) >= minimumPriceCents) kept++;
  }
  return kept;
}

function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `${bidsStream(inputTopic)}
    CREATE STREAM BIDS_IN_EUROS WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT AUCTION_ID, AUCTION, BIDDER, PRICE * ${dollarToEuro} AS PRICE_EUR, DATETIME
      FROM BIDS WHERE PRICE >= ${minimumPriceCents};`;
}

export const filterProject: Shape = {
  name: 'filter-project',
  summary: 'Nexmark q1/q2: WHERE price >= 1000, project four columns with price * 0.908 (stateless)',
  input: nexmarkBids,
  expectedOutputs: (records) => ({ updates: countKeptBids(records), tombstones: 0 }),
  start: (context) => startSquallQuery(context, statements(context)),
};
