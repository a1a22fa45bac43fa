// The embedded Kafka in a process of its own, reached over TCP from this one; and its in-process start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMockClusterNotice, startEmbeddedKafka } from '../../../src/runtime/log/embedded-kafka.js';
import { KafkaLog } from '../../../src/runtime/log/kafka-log.js';
import { pollUntil } from './log-contract.js';
import { spawnEmbeddedKafka, type SpawnedKafka } from './spawn-embedded-kafka.js';

describe('embedded Kafka process', () => {
  let spawned: SpawnedKafka;

  beforeAll(async () => {
    spawned = await spawnEmbeddedKafka();
  }, 40_000);

  afterAll(async () => {
    await spawned?.stop();
  });

  it('announces loopback bootstrap servers, one per broker', () => {
    expect(spawned.bootstrapServers).toMatch(/^127\.0\.0\.1:\d+(,127\.0\.0\.1:\d+){2}$/);
  });

  it('serves produce and consume to a client in another process', async () => {
    const log = new KafkaLog({ bootstrapServers: spawned.bootstrapServers, mockCluster: true });
    try {
      await log.createTopic('across-processes', { partitions: 4 });
      const producer = await log.producer();
      producer.send([{ topic: 'across-processes', partition: 3, key: Buffer.from('k'), value: Buffer.from('hello') }]);
      await producer.flush();
      const consumer = await log.consumer({ groupId: 'across', offsetReset: 'earliest' });
      await consumer.assign([{ topic: 'across-processes', partition: 3, offset: 0 }]);
      const [record] = await pollUntil(consumer, 1, 10_000);
      expect(Buffer.from(record!.value!).toString()).toBe('hello');
    } finally {
      await log.close();
    }
  });

  it('exits cleanly on SIGTERM', async () => {
    expect(await spawned.stop()).toBe(0);
  });
});

describe('startEmbeddedKafka', () => {
  it('starts the number of brokers asked for and stops twice without error', async () => {
    const embedded = await startEmbeddedKafka({ brokers: 1 });
    expect(embedded.bootstrapServers).toMatch(/^127\.0\.0\.1:\d+$/);
    await embedded.stop();
    await embedded.stop();
  });

  it('rejects a cluster without brokers', async () => {
    await expect(startEmbeddedKafka({ brokers: 0 })).rejects.toThrow('at least one broker');
  });

  it('reads the bootstrap servers from librdkafka\'s mock cluster notice only', () => {
    const notice = {
      severity: 5,
      fac: 'MOCK',
      message: '[thrd:app]: Mock cluster enabled: original bootstrap.servers and security.protocol ignored and replaced with 127.0.0.1:46459,127.0.0.1:40171',
    };
    expect(parseMockClusterNotice(notice)).toBe('127.0.0.1:46459,127.0.0.1:40171');
    expect(parseMockClusterNotice({ message: 'Broker 3: New connection from 127.0.0.1:43190' })).toBeUndefined();
    expect(parseMockClusterNotice('not an event')).toBeUndefined();
  });
});
