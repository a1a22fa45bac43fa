// The engine through the real Kafka client against the embedded Kafka: a persistent query runs
// in the background, and a restarted engine resumes it from its committed offsets.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/index.js';
import { KafkaLog, scanTopic, startEmbeddedKafka, type EmbeddedKafka, type Log } from '../../src/runtime/index.js';

let kafka: EmbeddedKafka;

beforeAll(async () => {
  kafka = await startEmbeddedKafka();
});

afterAll(async () => {
  await kafka.stop();
});

function newLog(): KafkaLog {
  return new KafkaLog({ bootstrapServers: kafka.bootstrapServers, mockCluster: true });
}

async function startEngine(log: Log, serviceId = 'itest_', stateDir?: string): Promise<Engine> {
  const engine = new Engine(log, {
    serviceId,
    guarantee: 'exactly_once_v2',
    properties: {},
    background: true,
    kafkaClusterId: 'embedded',
    ...(stateDir === undefined ? {} : { stateDir, instanceId: 'itest-instance' }),
  });
  await engine.start();
  return engine;
}

async function readValues(log: Log, topic: string): Promise<string[]> {
  const found: string[] = [];
  await scanTopic(log, topic, (record) => found.push(record.value === null ? 'null' : Buffer.from(record.value).toString()));
  return found.sort();
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function produceRides(log: Log, rides: readonly [string, string][]): Promise<void> {
  const producer = await log.producer();
  producer.send(rides.map(([key, value]) => ({ topic: 'itest_rides', key: Buffer.from(key), value: Buffer.from(value) })));
  await producer.flush();
  await producer.close();
}

describe('Engine over the embedded Kafka', () => {
  it('filters and projects continuously, skips a bad record, and resumes after a restart without duplicates', async () => {
    const firstLog = newLog();
    const first = await startEngine(firstLog);
    await first.execute({
      sql: `CREATE STREAM RIDES (ID STRING KEY, FARE DOUBLE) WITH (KAFKA_TOPIC='itest_rides', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM HIGH_FARES WITH (KAFKA_TOPIC='itest_high_fares') AS SELECT ID, FARE FROM RIDES WHERE FARE >= 50;`,
    });
    await produceRides(firstLog, [
      ['r1', '{"FARE": 75.5}'],
      ['r2', '{"FARE": 10}'],
      ['r3', 'not json'],
      ['r4', '{"FARE": 50}'],
    ]);
    const beforeRestart = await eventually(() => readValues(firstLog, 'itest_high_fares'), (values) => values.length >= 2);
    expect(beforeRestart).toEqual(['{"FARE":50.0}', '{"FARE":75.5}']);
    await eventually(async () => first.processingLogEntries.length, (count) => count >= 1);
    expect(first.processingLogEntries[0]).toMatchObject({ kind: 'DESERIALIZATION_ERROR', topic: 'itest_rides' });
    await first.close();
    await firstLog.close();

    const secondLog = newLog();
    await produceRides(secondLog, [
      ['r5', '{"FARE": 99.0}'],
      ['r6', '{"FARE": 1.0}'],
    ]);
    const second = await startEngine(secondLog);
    expect(second.runningQueryTexts()).toHaveLength(1);
    const afterRestart = await eventually(() => readValues(secondLog, 'itest_high_fares'), (values) => values.length >= 3);
    // Give a wrongly re-processed batch time to show up before asserting there is none.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await readValues(secondLog, 'itest_high_fares')).toEqual(afterRestart);
    expect(afterRestart).toEqual(['{"FARE":50.0}', '{"FARE":75.5}', '{"FARE":99.0}']);
    await second.close();
    await secondLog.close();
  }, 90_000);

  it('counts by key through a repartition topic and comes back after a restart with exact counts', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'squall-itest-'));
    const firstLog = newLog();
    const first = await startEngine(firstLog, 'counts_', stateDir);
    await first.execute({
      sql: `CREATE STREAM VISITS (ID STRING KEY, PAGE STRING) WITH (KAFKA_TOPIC='counts_visits', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE PAGE_VIEWS WITH (KAFKA_TOPIC='counts_page_views') AS SELECT PAGE, COUNT(*) AS VIEWS FROM VISITS GROUP BY PAGE;`,
    });
    const visit = async (log: Log, from: number, count: number) => {
      const producer = await log.producer();
      producer.send(Array.from({ length: count }, (_, index) => ({ topic: 'counts_visits', key: Buffer.from(`v${from + index}`), value: Buffer.from(`{"PAGE": "p${(from + index) % 3}"}`) })));
      await producer.flush();
      await producer.close();
    };
    /** The latest count per page in the sink topic. */
    const latestCounts = async (log: Log) => {
      const latest = new Map<string, number>();
      await scanTopic(log, 'counts_page_views', (record) => latest.set(Buffer.from(record.key!).toString(), JSON.parse(Buffer.from(record.value!).toString()).VIEWS));
      return Object.fromEntries([...latest].sort());
    };
    await visit(firstLog, 0, 30);
    expect(await eventually(() => latestCounts(firstLog), (counts) => ['p0', 'p1', 'p2'].every((page) => counts[page] === 10))).toEqual({ p0: 10, p1: 10, p2: 10 });
    await first.close();
    await firstLog.close();

    const secondLog = newLog();
    const second = await startEngine(secondLog, 'counts_', stateDir);
    await visit(secondLog, 30, 9);
    expect(await eventually(() => latestCounts(secondLog), (counts) => ['p0', 'p1', 'p2'].every((page) => counts[page] === 13))).toEqual({ p0: 13, p1: 13, p2: 13 });
    await second.close();
    await secondLog.close();
  }, 90_000);

  it('shares a query between two servers with the same service id, losing nothing', async () => {
    const firstLog = newLog();
    const first = await startEngine(firstLog, 'shared_');
    await first.execute({
      sql: `CREATE STREAM CLICKS (ID STRING KEY, N INT) WITH (KAFKA_TOPIC='shared_clicks', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM CLICKS_COPY WITH (KAFKA_TOPIC='shared_clicks_copy') AS SELECT ID, N FROM CLICKS;`,
    });
    const secondLog = newLog();
    const second = await startEngine(secondLog, 'shared_');
    expect(second.runningQueryTexts()).toEqual(first.runningQueryTexts());
    const producer = await firstLog.producer();
    const keys = Array.from({ length: 40 }, (_, index) => `user-${index}`);
    producer.send(keys.map((key, index) => ({ topic: 'shared_clicks', key: Buffer.from(key), value: Buffer.from(`{"N": ${index}}`) })));
    await producer.flush();
    await producer.close();
    // Had both servers' producers shared one transactional id, one would be fenced and the
    // records of its partitions never copied. Duplicates are not asserted against: during the
    // rebalance the mock cluster shows aborted transactions to read_committed readers.
    const copied = await eventually(() => readValues(firstLog, 'shared_clicks_copy'), (values) => new Set(values).size >= 40, 60_000);
    expect(new Set(copied).size).toBe(40);
    expect(first.info().serverStatus).toBe('RUNNING');
    expect(second.info().serverStatus).toBe('RUNNING');
    await second.close();
    await secondLog.close();
    await first.close();
    await firstLog.close();
  }, 90_000);
});

