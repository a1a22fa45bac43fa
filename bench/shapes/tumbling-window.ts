// tumbling-window: Nexmark bids counted per auction per 10-second tumbling window.
import type { Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { bidsStream, nexmarkBidsEndingBefore } from './bids.js';
import { timeWindowOutputs, type TimeWindow } from './time-window-outputs.js';

export const tumblingTimeWindow: TimeWindow = { sizeMs: 10_000, advanceMs: 10_000, graceMs: 60_000 };

/** Grouped by the input key (the auction id), so no repartition: what is measured is the window store. */
function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `${bidsStream(inputTopic)}
    CREATE TABLE BIDS_PER_AUCTION_TUMBLING WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT AUCTION_ID, COUNT(*) AS BIDS FROM BIDS
      WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 1 MINUTE)
      GROUP BY AUCTION_ID EMIT CHANGES;`;
}

export const tumblingWindow: Shape = {
  name: 'tumbling-window',
  summary: 'Nexmark bids, COUNT(*) per auction per 10 s tumbling window, grouped by the input key (window store)',
  input: nexmarkBidsEndingBefore,
  expectedOutputs: (records) => timeWindowOutputs(records, tumblingTimeWindow),
  start: (context) => startSquallQuery(context, statements(context)),
};
