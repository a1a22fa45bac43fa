// rekey: PARTITION BY over a click stream keyed by session, re-keyed by user.
import { generateClickstream } from '../generators/clickstream.js';
import type { Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';

function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `
    CREATE STREAM CLICKS (SESSION_ID STRING KEY, USER_ID STRING, EVENT_TYPE STRING, PAGE STRING, EVENT_TIME BIGINT)
      WITH (KAFKA_TOPIC='${inputTopic}', VALUE_FORMAT='JSON');
    CREATE STREAM CLICKS_BY_USER WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT * FROM CLICKS PARTITION BY USER_ID;`;
}

export const rekey: Shape = {
  name: 'rekey',
  summary: 'Click stream keyed by session_id, PARTITION BY user_id: a new key computed and hashed per record (stateless)',
  input: (count, seed, startTimeMs) => generateClickstream({ seed, events: count, startTimeMs }),
  expectedOutputs: (records) => records.length,
  start: (context) => startSquallQuery(context, statements(context)),
};
