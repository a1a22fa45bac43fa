// The Kafka Log against an embedded Kafka (librdkafka's mock cluster) started in this test process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedKafka, type EmbeddedKafka } from '../../../src/runtime/log/embedded-kafka.js';
import { KafkaLog } from '../../../src/runtime/log/kafka-log.js';
import { MemoryLog } from '../../../src/runtime/log/memory-log.js';
import { describeLogContract, pollUntil } from './log-contract.js';

let embedded: EmbeddedKafka;

beforeAll(async () => {
  embedded = await startEmbeddedKafka({ brokers: 3 });
});

afterAll(async () => {
  await embedded.stop();
});

describeLogContract('KafkaLog on the embedded Kafka', async () => new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true }), {
  // The mock cluster auto-creates every topic with 4 partitions and has no DeleteTopics.
  exactPartitionCounts: false,
  readCommittedIsolation: false,
  deletesTopics: false,
  // A consumer group's first join waits out the mock's 3 s initial rebalance delay.
  arrivalTimeoutMs: 15_000,
});

describe('KafkaLog', () => {
  it('falls back to auto-creation when the cluster leaves CreateTopics unanswered', async () => {
    // Not told it is the mock: the first createTopic times out, then the topic is auto-created.
    const log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, requestTimeoutMs: 1_000 });
    try {
      await log.createTopic('unflagged-mock-topic', { partitions: 4 });
      expect(await log.describeTopic('unflagged-mock-topic')).toEqual({ name: 'unflagged-mock-topic', partitions: 4 });
      expect(await log.deleteTopic('unflagged-mock-topic')).toBe(false);
    } finally {
      await log.close();
    }
  });

  it('refuses to commit offsets through a consumer of another kind of log', async () => {
    const log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true });
    const memory = new MemoryLog();
    try {
      const producer = await log.producer({ transactionalId: 'foreign-consumer-tx' });
      await producer.beginTransaction();
      const foreign = await memory.consumer({ groupId: 'foreign', offsetReset: 'earliest' });
      await expect(producer.commitTransaction([{ topic: 't', partition: 0, offset: 1 }], foreign)).rejects.toThrow('needs a consumer of the same KafkaLog');
      await producer.abortTransaction();
    } finally {
      await log.close();
      await memory.close();
    }
  });

  it('holds records back while the local queue is full and sends them all, in order', async () => {
    // A 10-record queue: most of the 500 records wait in the producer's backlog first.
    const log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true, properties: { 'queue.buffering.max.messages': 10 } });
    try {
      await log.createTopic('backlog-topic', { partitions: 4 });
      const producer = await log.producer();
      producer.send(Array.from({ length: 500 }, (_, index) => ({ topic: 'backlog-topic', partition: 0, key: null, value: Buffer.from(String(index)) })));
      await producer.flush();
      const consumer = await log.consumer({ groupId: 'backlog', offsetReset: 'earliest' });
      await consumer.assign([{ topic: 'backlog-topic', partition: 0, offset: 0 }]);
      const values = (await pollUntil(consumer, 500, 10_000)).map((record) => Number(Buffer.from(record.value!).toString()));
      expect(values).toEqual(Array.from({ length: 500 }, (_, index) => index));
    } finally {
      await log.close();
    }
  });

  it('fails to connect to a cluster that is not there', async () => {
    const log = new KafkaLog({ bootstrapServers: '127.0.0.1:1', requestTimeoutMs: 1_000 });
    try {
      await expect(log.listTopics()).rejects.toThrow();
    } finally {
      await log.close();
    }
  });

  it('reads back many records sent in one batch', async () => {
    const log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true });
    try {
      await log.createTopic('bulk-topic', { partitions: 4 });
      const producer = await log.producer();
      producer.send(Array.from({ length: 5_000 }, (_, index) => ({ topic: 'bulk-topic', partition: index % 4, key: null, value: Buffer.from(String(index)) })));
      await producer.flush();
      const consumer = await log.consumer({ groupId: 'bulk', offsetReset: 'earliest' });
      await consumer.assign([0, 1, 2, 3].map((partition) => ({ topic: 'bulk-topic', partition, offset: 0 })));
      expect(await pollUntil(consumer, 5_000, 10_000)).toHaveLength(5_000);
    } finally {
      await log.close();
    }
  });
});
