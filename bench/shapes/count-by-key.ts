// count-by-key: COUNT(*) per user over the click stream, grouped by a value column, so through a repartition topic.
import type { BenchRecord } from '../generators/bench-record.js';
import type { ExpectedOutputs, Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { clicksEndingBefore, clicksStream, clickUserId } from './clicks.js';

/** Without caching, EMIT CHANGES writes one updated count per record whose group key is not null. */
export function countByKeyOutputs(records: readonly BenchRecord[]): ExpectedOutputs {
  let updates = 0;
  for (const record of records) if (clickUserId(record) !== undefined) updates++;
  return { updates, tombstones: 0 };
}

function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `${clicksStream(inputTopic)}
    CREATE TABLE CLICKS_PER_USER WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT USER_ID, COUNT(*) AS CLICKS FROM CLICKS GROUP BY USER_ID EMIT CHANGES;`;
}

/**
 * The input is keyed by session id and the query groups by user id, so every record is re-keyed
 * through the repartition topic before it is counted, as most GROUP BYs in practice are. `users`
 * is the key space: the generator draws each click's user uniformly from it.
 */
function countByKeyShape(name: string, users: number, usersInWords: string): Shape {
  return {
    name,
    summary: `Click stream keyed by session_id, SELECT USER_ID, COUNT(*) GROUP BY USER_ID over ${usersInWords} users (repartition + key-value store)`,
    input: (count, seed, startTimeMs) => clicksEndingBefore(count, seed, startTimeMs, users),
    expectedOutputs: countByKeyOutputs,
    start: (context) => startSquallQuery(context, statements(context)),
  };
}

export const countByKey10k = countByKeyShape('count-by-key-10k', 10_000, '10k');
export const countByKey1m = countByKeyShape('count-by-key-1m', 1_000_000, '1M');
