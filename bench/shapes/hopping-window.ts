// hopping-window: Nexmark bids counted per auction per 10-second window advancing by 5 seconds.
import type { Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { bidsStream, nexmarkBidsEndingBefore } from './bids.js';
import { timeWindowOutputs, type TimeWindow } from './time-window-outputs.js';

export const hoppingTimeWindow: TimeWindow = { sizeMs: 10_000, advanceMs: 5_000, graceMs: 60_000 };

/** Grouped by the input key (the auction id), so no repartition; each record updates two windows. */
function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `${bidsStream(inputTopic)}
    CREATE TABLE BIDS_PER_AUCTION_HOPPING WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT AUCTION_ID, COUNT(*) AS BIDS FROM BIDS
      WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 5 SECONDS, GRACE PERIOD 1 MINUTE)
      GROUP BY AUCTION_ID EMIT CHANGES;`;
}

export const hoppingWindow: Shape = {
  name: 'hopping-window',
  summary: 'Nexmark bids, COUNT(*) per auction per 10 s window advancing by 5 s (two window updates per record)',
  input: nexmarkBidsEndingBefore,
  expectedOutputs: (records) => timeWindowOutputs(records, hoppingTimeWindow),
  start: (context) => startSquallQuery(context, statements(context)),
};
