// The Kafka Log against an embedded Kafka (librdkafka's mock cluster) started in this test process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedKafka, type EmbeddedKafka } from '../../../src/runtime/log/embedded-kafka.js';
import { KafkaLog } from '../../../src/runtime/log/kafka-log.js';
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

  it('refuses to commit offsets through a consumer of another log', async () => {
    const log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true });
    try {
      const producer = await log.producer({ transactionalId: 'foreign-consumer-tx' });
      await producer.beginTransaction();
      const foreign = { ...(await log.consumer({ groupId: 'foreign', offsetReset: 'earliest' })) };
      await expect(producer.commitTransaction([{ topic: 't', partition: 0, offset: 1 }], foreign as never)).rejects.toThrow('needs a consumer');
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
