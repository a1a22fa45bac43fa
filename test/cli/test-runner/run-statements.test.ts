// The test runner's engine run: statements on the in-memory Log, inputs one at a time, the output
// topics collected in the order the queries wrote them.
import { isLosslessNumber, parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { runStatements, type RunOutcome } from '../../../src/cli/test-runner/run-statements.js';
import type { TestRecord } from '../../../src/cli/test-runner/test-files.js';

/** Input records as a test file writes them (numbers lossless). */
function records(json: string): TestRecord[] {
  return parse(json) as TestRecord[];
}

function outputsOf(outcome: RunOutcome, topic: string): unknown[] {
  if (outcome.kind !== 'ran') throw new Error(`the run failed: ${outcome.message}`);
  return (outcome.outputs.get(topic) ?? []).map((record) => JSON.parse(JSON.stringify(record, (_, value: unknown) => (isLosslessNumber(value) ? Number(value.value) : typeof value === 'bigint' ? Number(value) : value))));
}

describe('runStatements', () => {
  it('counts per key in tumbling windows: a KAFKA INT key in, windowed keys with their window out', async () => {
    // 10 s windows: key 1 at 1 s and 4 s, key 2 at 5 s, key 1 again at 12 s (the next window).
    const outcome = await runStatements({
      sql: `CREATE STREAM CLICKS (USER_ID INT KEY, PAGE STRING) WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE TABLE CLICK_COUNTS AS SELECT USER_ID, COUNT(*) AS CLICKS FROM CLICKS WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY USER_ID EMIT CHANGES;`,
      inputs: records(`[
        {"topic": "clicks", "key": 1, "value": {"PAGE": "/a"}, "timestamp": 1000},
        {"topic": "clicks", "key": 1, "value": {"PAGE": "/b"}, "timestamp": 4000},
        {"topic": "clicks", "key": 2, "value": {"PAGE": "/a"}, "timestamp": 5000},
        {"topic": "clicks", "key": 1, "value": {"PAGE": "/c"}, "timestamp": 12000}
      ]`),
      outputTopics: ['CLICK_COUNTS'],
      functions: [],
    });
    expect(outputsOf(outcome, 'CLICK_COUNTS')).toEqual([
      { topic: 'CLICK_COUNTS', key: 1, value: { CLICKS: 1 }, timestamp: 1000, window: { start: 0, end: 10000, type: 'time' } },
      { topic: 'CLICK_COUNTS', key: 1, value: { CLICKS: 2 }, timestamp: 4000, window: { start: 0, end: 10000, type: 'time' } },
      { topic: 'CLICK_COUNTS', key: 2, value: { CLICKS: 1 }, timestamp: 5000, window: { start: 0, end: 10000, type: 'time' } },
      { topic: 'CLICK_COUNTS', key: 1, value: { CLICKS: 1 }, timestamp: 12000, window: { start: 10000, end: 20000, type: 'time' } },
    ]);
  });

  it('runs INSERT VALUES of the file, and reports a bad input record from the processing log while the query goes on', async () => {
    const outcome = await runStatements({
      sql: `CREATE STREAM S (ID STRING KEY, N INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);
            CREATE STREAM DOUBLED AS SELECT ID, N * 2 AS N2 FROM S;
            INSERT INTO S (ID, N) VALUES ('a', 1);`,
      inputs: records(`[{"topic": "s", "key": "b", "value": {"N": "not a number"}}, {"topic": "s", "key": "c", "value": {"N": 3}, "timestamp": 7}]`),
      outputTopics: ['DOUBLED', 'absent'],
      functions: [],
    });
    expect(outputsOf(outcome, 'DOUBLED').map((record) => (record as { key: unknown }).key)).toEqual(['a', 'c']);
    expect(outcome.kind === 'ran' && outcome.outputs.has('absent')).toBe(false);
    expect(outcome.kind === 'ran' && outcome.processingErrors.map((entry) => [entry.kind, entry.topic, entry.offset])).toEqual([['DESERIALIZATION_ERROR', 's', 1]]);
  });

  it.each([['AVRO'], ['PROTOBUF'], ['PROTOBUF_NOSR'], ['JSON_SR']])('reads and writes %s records as the JSON of their row', async (format) => {
    const outcome = await runStatements({
      sql: `CREATE STREAM ORDERS (ID STRING KEY, N INT, TAGS ARRAY<STRING>) WITH (KAFKA_TOPIC='orders', FORMAT='${format}', PARTITIONS=1);
            CREATE STREAM BIG AS SELECT ID, N * 2 AS N2, TAGS FROM ORDERS WHERE N > 1;`,
      inputs: records(`[{"topic": "orders", "key": ${format.startsWith('PROTOBUF') ? '{"ID": "a"}' : '"a"'}, "value": {"N": 3, "TAGS": ["x"]}, "timestamp": 5}]`),
      outputTopics: ['BIG'],
      functions: [],
    });
    expect(outputsOf(outcome, 'BIG')).toEqual([{ topic: 'BIG', key: format.startsWith('PROTOBUF') ? { ID: 'a' } : 'a', value: { N2: 6, TAGS: ['x'] }, timestamp: 5 }]);
  });

  it('fails naming the input record whose key does not fit the KAFKA key column', async () => {
    const outcome = await runStatements({
      sql: "CREATE STREAM S (ID BIGINT KEY, N INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1);",
      inputs: records('[{"topic": "s", "key": 1, "value": {"N": 1}}, {"topic": "s", "key": "one", "value": {"N": 1}}]'),
      outputTopics: [],
      functions: [],
    });
    expect(outcome).toEqual({ kind: 'failed', message: 'inputs[1] (topic s): one is not a BIGINT' });
  });

  it('fails naming an input topic that no source of the file reads', async () => {
    const outcome = await runStatements({ sql: '', inputs: records('[{"topic": "nowhere", "key": null, "value": 1}]'), outputTopics: [], functions: [] });
    expect(outcome).toEqual({ kind: 'failed', message: 'inputs[0] (topic nowhere): no stream or table of the SQL file reads this topic' });
  });

  it('fails with the planner message of a statement that does not plan, at its line', async () => {
    const outcome = await runStatements({ sql: '\nCREATE STREAM T AS SELECT * FROM MISSING;', inputs: [], outputTopics: [], functions: [] });
    expect(outcome).toEqual({
      kind: 'failed',
      message: 'Line: 2, Col: 34: Source `MISSING` does not exist.\nCREATE STREAM T AS SELECT * FROM MISSING;\n                                 ^^^^^^^',
    });
  });
});
