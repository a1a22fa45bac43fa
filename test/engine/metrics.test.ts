// The engine's per-query metrics on the in-memory Log: records in and out, processing-log errors,
// late records, commits, consumer lag before and after the query catches up, store sizes, and a
// restore from the changelog reported done.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QueryMetricsSnapshot } from '../../src/engine/index.js';
import { MemoryLog, type ConsumerOptions, type Log, type LogConsumer } from '../../src/runtime/index.js';
import { startEngine } from './memory-engine.js';

const CREATE_ORDERS = "CREATE STREAM ORDERS (ID STRING KEY, USER STRING, AMOUNT INT) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);";
const CREATE_BIG = 'CREATE STREAM BIG AS SELECT * FROM ORDERS WHERE AMOUNT > 5;';
const CREATE_PER_SECOND =
  'CREATE TABLE PER_SECOND AS SELECT USER, COUNT(*) AS N FROM ORDERS WINDOW TUMBLING (SIZE 1 SECOND, GRACE PERIOD 0 SECONDS) GROUP BY USER;';

/**
 * Orders at 1000..1009 ms with amounts 0..9 (4 above 5), for users ann and bob; then one that is
 * not JSON; one at 5000 ms that closes the window [1000, 2000); one at 1500 ms, too late for it.
 */
async function produceOrders(log: Log): Promise<void> {
  const producer = await log.producer();
  const order = (id: number, amount: number, timestamp: number) => ({
    topic: 'orders',
    key: Buffer.from(`o${id}`),
    value: Buffer.from(JSON.stringify({ USER: id % 2 === 0 ? 'ann' : 'bob', AMOUNT: amount })),
    timestamp,
  });
  producer.send(Array.from({ length: 10 }, (_, id) => order(id, id, 1000 + id)));
  producer.send([{ topic: 'orders', key: Buffer.from('bad'), value: Buffer.from('{not json'), timestamp: 1010 }]);
  producer.send([order(11, 0, 5000), order(12, 0, 1500)]);
  await producer.flush();
  await producer.close();
}

function byQuery(queries: readonly QueryMetricsSnapshot[], sinkPrefix: string): QueryMetricsSnapshot {
  const found = queries.find((query) => query.queryId.startsWith(sinkPrefix));
  if (found === undefined) throw new Error(`no query ${sinkPrefix}* in ${queries.map((query) => query.queryId).join(', ')}`);
  return found;
}

/** A Log whose consumers, once told, cannot read end offsets, as when the brokers stop answering. */
class UnansweredEndOffsetsLog extends MemoryLog {
  failing = false;

  override async consumer(options: ConsumerOptions): Promise<LogConsumer> {
    const consumer = await super.consumer(options);
    const endOffsets = consumer.endOffsets.bind(consumer);
    consumer.endOffsets = (partitions) => (this.failing ? Promise.reject(new Error('request timed out')) : endOffsets(partitions));
    return consumer;
  }
}

describe('engine metrics', () => {
  it('counts records, errors, late records and commits, and measures lag and store sizes', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-metrics-')), 'metrics_');
    await engine.execute({ sql: `${CREATE_ORDERS} ${CREATE_BIG} ${CREATE_PER_SECOND}` });
    await engine.drain();
    await produceOrders(log);

    const before = await engine.metrics();
    expect(before.pushQueriesOpen).toBe(0);
    expect(byQuery(before.queries, 'CSAS_BIG').lag).toEqual([{ topic: 'orders', partition: 0, lag: 13 }]);
    expect(byQuery(before.queries, 'CSAS_BIG').recordsIn).toBe(0);

    await engine.drain();
    const after = await engine.metrics();
    const big = byQuery(after.queries, 'CSAS_BIG');
    expect(big).toMatchObject({
      state: 'RUNNING',
      recordsIn: 13,
      recordsOut: 4,
      processingErrors: { DESERIALIZATION_ERROR: 1, RECORD_PROCESSING_ERROR: 0, SERIALIZATION_ERROR: 0 },
      lateRecordsDropped: 0,
      lag: [{ topic: 'orders', partition: 0, lag: 0 }],
      stores: [],
    });
    expect(big.commits).toBeGreaterThan(0);
    expect(big.commitSeconds).toBeGreaterThan(0);

    const perSecond = byQuery(after.queries, 'CTAS_PER_SECOND');
    expect(perSecond.lateRecordsDropped).toBe(1);
    // The windows [1000, 2000) expired once stream time passed their end (no grace): only bob's [5000, 6000) is left.
    expect(perSecond.stores.map(({ partition, entries }) => ({ partition, entries }))).toEqual([{ partition: 0, entries: 1 }]);
    await engine.close();
  });

  it('reports a restore from the changelog as done, with the records it restored', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const first = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-metrics-')), 'metrics_');
    await first.execute({ sql: `${CREATE_ORDERS} ${CREATE_PER_SECOND}` });
    await produceOrders(log);
    await first.drain();
    await first.close();

    // An empty state dir: the window store is rebuilt from its changelog before the task runs.
    const second = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-metrics-')), 'metrics_');
    await second.drain();
    const perSecond = byQuery((await second.metrics()).queries, 'CTAS_PER_SECOND');
    expect(perSecond.restores).toHaveLength(1);
    expect(perSecond.restores[0]).toMatchObject({ partition: 0, done: true });
    expect(perSecond.restores[0]!.restored).toBeGreaterThan(0);
    expect(perSecond.stores.map(({ entries }) => entries)).toEqual([1]);
    await second.close();
  });

  it('reports the counters without lag when Kafka does not answer for the end offsets', async () => {
    const log = new UnansweredEndOffsetsLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-metrics-')), 'metrics_');
    await engine.execute({ sql: `${CREATE_ORDERS} ${CREATE_BIG}` });
    await produceOrders(log);
    await engine.drain();
    log.failing = true;
    const [big] = (await engine.metrics()).queries;
    expect(big).toMatchObject({ recordsIn: 13, recordsOut: 4, lag: [] });
    await engine.close();
  });
});
