// stream-table-join: Nexmark bids enriched with their auction's current row (the AUCTIONS table).
import type { Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { auctionsTable, countBids, nexmarkBidsWithAuctions } from './auctions.js';
import { bidsStream } from './bids.js';

/**
 * Bids and auctions are both keyed by auction id, so co-partitioned: no repartition. A LEFT JOIN
 * writes one row per bid whether or not its auction was read first, so the count does not depend
 * on how the task interleaves the two topics.
 */
function statements({ inputTopic, sideInputTopic, outputTopic }: ShapeContext): string {
  return `${bidsStream(inputTopic)}${auctionsTable(sideInputTopic)}
    CREATE STREAM BIDS_WITH_AUCTIONS WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT B.AUCTION_ID AS AUCTION_ID, B.BIDDER, B.PRICE, B.DATETIME, A.ITEMNAME, A.SELLER, A.CATEGORY, A.RESERVE
      FROM BIDS B LEFT JOIN AUCTIONS A ON B.AUCTION_ID = A.ID;`;
}

export const streamTableJoin: Shape = {
  name: 'stream-table-join',
  summary: 'Nexmark bids LEFT JOIN the AUCTIONS table on the auction id, both keyed by it (table store read per bid, written per auction)',
  input: nexmarkBidsWithAuctions,
  expectedOutputs: (records) => ({ updates: countBids(records), tombstones: 0 }),
  start: (context) => startSquallQuery(context, statements(context)),
};
