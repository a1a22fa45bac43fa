// DESCRIBE … EXTENDED and EXPLAIN <query id> show each query's runtime state: its state, its
// tasks with their partitions and lag, the records it processed and its processing errors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Engine } from '../../src/engine/index.js';
import { MemoryLog } from '../../src/runtime/index.js';
import { FailingPollLog } from './failing-poll-log.js';

let log: MemoryLog;
let engine: Engine;

beforeEach(async () => {
  log = new MemoryLog();
  engine = new Engine(log, { serviceId: 'status_test', guarantee: 'exactly_once_v2', properties: {}, background: false, kafkaClusterId: 'memory', instanceId: 'i1' });
  await engine.start();
  // S (2 partitions) → DOUBLED: two good records by INSERT VALUES and one unreadable, written straight to partition 0.
  await engine.execute({
    sql: `CREATE STREAM S (ID STRING KEY, N INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=2);
          CREATE STREAM DOUBLED AS SELECT ID, N * 2 AS N2 FROM S;
          INSERT INTO S (ID, N) VALUES ('a', 1);
          INSERT INTO S (ID, N) VALUES ('b', 2);`,
  });
  const producer = await log.producer();
  producer.send([{ topic: 's', partition: 0, key: Buffer.from('c'), value: Buffer.from('{not json') }]);
  await producer.flush();
  await producer.close();
  await engine.drain();
});

afterEach(async () => {
  await engine.close();
  await log.close();
});

async function describeSource(name: string): Promise<Record<string, unknown>> {
  const [entity] = await engine.execute({ sql: `DESCRIBE ${name} EXTENDED;` });
  return entity?.['sourceDescription'] as Record<string, unknown>;
}

describe('DESCRIBE … EXTENDED', () => {
  it("shows what the queries reading a source read, their lag and their failed records", async () => {
    const description = await describeSource('S');
    expect(description['statistics']).toBe('consumer-total-messages: 3  consumer-lag: 0');
    expect(description['errorStats']).toBe('consumer-failed-messages: 1');
  });

  it('shows what the query writing a source wrote', async () => {
    const description = await describeSource('DOUBLED');
    expect(description['statistics']).toBe('total-messages: 2');
    expect(description['errorStats']).toBe('');
  });

  it('leaves the statistics out without EXTENDED', async () => {
    const [entity] = await engine.execute({ sql: 'DESCRIBE S;' });
    expect(entity?.['sourceDescription']).toMatchObject({ statistics: '', errorStats: '', extended: false });
  });
});

describe('EXPLAIN <query id>', () => {
  it("shows the query's state on this server, each task's partitions and lag, and its counts", async () => {
    const [entity] = await engine.execute({ sql: 'EXPLAIN CSAS_DOUBLED_0;' });
    expect(entity?.['queryDescription']).toMatchObject({
      state: 'RUNNING',
      ksqlHostQueryStatus: { i1: 'RUNNING' },
      queryErrors: [],
      tasksMetadata: [
        { taskId: '0_0', topicPartitions: [{ topic: 's', partition: 0, consumerLag: 0 }] },
        { taskId: '0_1', topicPartitions: [{ topic: 's', partition: 1, consumerLag: 0 }] },
      ],
      statistics: 'records-in: 3  records-out: 2  consumer-lag: 0  late-records-dropped: 0',
      errorStats: 'failed-messages: 1  DESERIALIZATION_ERROR: 1',
    });
  });

  it('shows a query that failed in ERROR, with the error that stopped it', async () => {
    const failing = new FailingPollLog();
    const background = new Engine(failing, { serviceId: 'status_fail', guarantee: 'exactly_once_v2', properties: {}, background: true, kafkaClusterId: 'memory', instanceId: 'i1' });
    await background.start();
    try {
      await background.execute({ sql: "CREATE STREAM S (ID STRING KEY, N INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=1); CREATE STREAM T AS SELECT * FROM S;" });
      failing.failPolls(new Error('the consumer broke'));
      const explain = async () => (await background.execute({ sql: 'EXPLAIN CSAS_T_0;' }))[0]?.['queryDescription'];
      await vi.waitFor(async () => expect(await explain()).toMatchObject({ state: 'ERROR' }), { timeout: 5000 });
      expect(await explain()).toMatchObject({
        ksqlHostQueryStatus: { i1: 'ERROR' },
        queryErrors: [{ errorMessage: 'the consumer broke', type: 'SYSTEM' }],
        errorStats: 'failed-messages: 0  last-error: the consumer broke',
      });
    } finally {
      await background.close();
    }
  });
});
