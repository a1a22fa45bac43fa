// rekey: PARTITION BY over a click stream keyed by session, re-keyed by user.
import { generateClickstream } from '../generators/clickstream.js';
import type { Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { clicksStream } from './clicks.js';

function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `${clicksStream(inputTopic)}
    CREATE STREAM CLICKS_BY_USER WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT * FROM CLICKS PARTITION BY USER_ID;`;
}

export const rekey: Shape = {
  name: 'rekey',
  summary: 'Click stream keyed by session_id, PARTITION BY user_id: a new key computed and hashed per record (stateless)',
  input: (count, seed, startTimeMs) => generateClickstream({ seed, events: count, startTimeMs }),
  expectedOutputs: (records) => ({ updates: records.length, tombstones: 0 }),
  start: (context) => startSquallQuery(context, statements(context)),
};
