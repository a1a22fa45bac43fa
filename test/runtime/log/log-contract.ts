// The Log contract: one suite of behaviours every Log implementation must show.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Log, LogConsumer, LogRecord } from '../../../src/runtime/log/log.js';
import { partitionForKey } from '../../../src/runtime/log/murmur2.js';

/** What an implementation cannot do, so the suite skips (and names) those cases rather than weakening them. */
export interface LogCapabilities {
  /** False on librdkafka's mock cluster: every topic gets 4 partitions whatever was asked. */
  readonly exactPartitionCounts: boolean;
  /** False on the mock cluster: it has no DeleteTopics. */
  readonly deletesTopics: boolean;
  /**
   * False on the mock cluster: it serves open and aborted transactional records to read_committed
   * consumers (no last-stable-offset or aborted-transaction filtering), so those cases cannot pass there.
   */
  readonly readCommittedIsolation: boolean;
  /** How long to keep polling for records that should arrive (a group join on the mock takes ~3 s). */
  readonly arrivalTimeoutMs: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);
const text = (data: Uint8Array | null): string | null => (data === null ? null : decoder.decode(data));

let topicCounter = 0;
/** Topics and groups are unique per test: a Kafka cluster outlives the test that wrote to it. */
function uniqueName(prefix: string): string {
  topicCounter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${topicCounter}`;
}

/** Polls until `count` records came or the deadline passed; returns what it got. */
export async function pollUntil(consumer: LogConsumer, count: number, timeoutMs: number): Promise<LogRecord[]> {
  const records: LogRecord[] = [];
  const deadline = Date.now() + timeoutMs;
  while (records.length < count && Date.now() < deadline) {
    records.push(...(await consumer.poll(count - records.length, 100)));
  }
  return records;
}

export function describeLogContract(name: string, makeLog: () => Promise<Log>, capabilities: LogCapabilities): void {
  describe(`Log contract: ${name}`, () => {
    let log: Log;
    const arrival = capabilities.arrivalTimeoutMs;

    beforeEach(async () => {
      log = await makeLog();
    });

    afterEach(async () => {
      await log.close();
    });

    async function newTopic(partitions = 4): Promise<string> {
      const topic = uniqueName('topic');
      await log.createTopic(topic, { partitions });
      return topic;
    }

    describe('topics', () => {
      it('creates a topic that describe and list then show', async () => {
        const topic = await newTopic();
        expect(await log.describeTopic(topic)).toEqual({ name: topic, partitions: 4 });
        expect((await log.listTopics()).map((description) => description.name)).toContain(topic);
      });

      it('describes a missing topic as undefined', async () => {
        expect(await log.describeTopic(uniqueName('missing'))).toBeUndefined();
      });

      it('leaves an existing topic as it is when created again', async () => {
        const topic = await newTopic();
        await log.createTopic(topic, { partitions: 2 });
        expect(await log.describeTopic(topic)).toEqual({ name: topic, partitions: 4 });
      });

      it.skipIf(!capabilities.exactPartitionCounts)('creates exactly the partitions asked for', async () => {
        const topic = await newTopic(3);
        expect(await log.describeTopic(topic)).toEqual({ name: topic, partitions: 3 });
      });

      it.skipIf(!capabilities.deletesTopics)('deletes a topic', async () => {
        const topic = await newTopic();
        expect(await log.deleteTopic(topic)).toBe(true);
        expect(await log.describeTopic(topic)).toBeUndefined();
      });

      it.skipIf(capabilities.deletesTopics)('reports false where topics cannot be deleted', async () => {
        const topic = await newTopic();
        expect(await log.deleteTopic(topic)).toBe(false);
      });
    });

    describe('produce and poll', () => {
      it('keeps the order of records within a partition', async () => {
        const topic = await newTopic();
        const producer = await log.producer();
        producer.send(Array.from({ length: 10 }, (_, index) => ({ topic, partition: 1, key: null, value: bytes(`v${index}`) })));
        await producer.flush();
        const consumer = await log.consumer({ groupId: uniqueName('group'), offsetReset: 'earliest' });
        await consumer.assign([{ topic, partition: 1, offset: 0 }]);
        const records = await pollUntil(consumer, 10, arrival);
        expect(records.map((record) => text(record.value))).toEqual(Array.from({ length: 10 }, (_, index) => `v${index}`));
        expect(records.map((record) => record.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(records.every((record) => record.topic === topic && record.partition === 1)).toBe(true);
      });

      it('puts a keyed record on the murmur2 partition of its key', async () => {
        const topic = await newTopic();
        const producer = await log.producer();
        const keys = Array.from({ length: 20 }, (_, index) => `key-${index}`);
        producer.send(keys.map((key) => ({ topic, key: bytes(key), value: bytes('x') })));
        await producer.flush();
        const consumer = await log.consumer({ groupId: uniqueName('group'), offsetReset: 'earliest' });
        await consumer.assign([0, 1, 2, 3].map((partition) => ({ topic, partition, offset: 0 })));
        const records = await pollUntil(consumer, 20, arrival);
        expect(records).toHaveLength(20);
        for (const record of records) expect(record.partition).toBe(partitionForKey(record.key!, 4));
        expect(new Set(records.map((record) => record.partition)).size).toBeGreaterThan(1);
      });

      it('round-trips keys, null values, headers and timestamps', async () => {
        const topic = await newTopic();
        const producer = await log.producer();
        producer.send([
          { topic, partition: 0, key: bytes('k'), value: null, timestamp: 1_600_000_000_123, headers: [{ key: 'h1', value: bytes('one') }, { key: 'h2', value: bytes('') }] },
          { topic, partition: 0, key: null, value: bytes('v') },
        ]);
        await producer.flush();
        const consumer = await log.consumer({ groupId: uniqueName('group'), offsetReset: 'earliest' });
        await consumer.assign([{ topic, partition: 0, offset: 0 }]);
        const before = Date.now();
        const [first, second] = await pollUntil(consumer, 2, arrival);
        expect(text(first!.key)).toBe('k');
        expect(first!.value).toBeNull();
        expect(first!.timestamp).toBe(1_600_000_000_123);
        expect(first!.headers.map((header) => [header.key, text(header.value)])).toEqual([['h1', 'one'], ['h2', '']]);
        expect(second!.key).toBeNull();
        expect(text(second!.value)).toBe('v');
        expect(second!.headers).toEqual([]);
        // Without a timestamp the record gets the producer's clock (Kafka CreateTime).
        expect(Math.abs(second!.timestamp - before)).toBeLessThan(60_000);
      });

      it('reads assigned partitions from the given offset', async () => {
        const topic = await newTopic();
        const producer = await log.producer();
        producer.send(Array.from({ length: 5 }, (_, index) => ({ topic, partition: 2, key: null, value: bytes(`v${index}`) })));
        await producer.flush();
        const consumer = await log.consumer({ groupId: uniqueName('group'), offsetReset: 'earliest' });
        await consumer.assign([{ topic, partition: 2, offset: 3 }]);
        expect(consumer.assignment()).toEqual([{ topic, partition: 2 }]);
        const records = await pollUntil(consumer, 2, arrival);
        expect(records.map((record) => [record.offset, text(record.value)])).toEqual([[3, 'v3'], [4, 'v4']]);
        expect(await consumer.poll(10, 200)).toEqual([]);
      });

      it('reports beginning and end offsets', async () => {
        const topic = await newTopic();
        const producer = await log.producer();
        producer.send([0, 1, 2].map((index) => ({ topic, partition: 0, key: null, value: bytes(`v${index}`) })));
        await producer.flush();
        const consumer = await log.consumer({ groupId: uniqueName('group'), offsetReset: 'earliest' });
        const partitions = [{ topic, partition: 0 }, { topic, partition: 1 }];
        expect(await consumer.endOffsets(partitions)).toEqual([3, 0]);
        expect(await consumer.beginningOffsets(partitions)).toEqual([0, 0]);
      });

      it('fails flush when a record names a partition the topic lacks', async () => {
        const topic = await newTopic();
        const producer = await log.producer();
        producer.send([{ topic, partition: 99, key: null, value: bytes('lost') }]);
        await expect(producer.flush()).rejects.toThrow();
      });
    });

    describe('consumer groups', () => {
      it('commits offsets and resumes a new member of the group from them', async () => {
        const topic = await newTopic();
        const groupId = uniqueName('group');
        const producer = await log.producer();
        producer.send(Array.from({ length: 6 }, (_, index) => ({ topic, partition: 0, key: null, value: bytes(`v${index}`) })));
        await producer.flush();

        const first = await log.consumer({ groupId, offsetReset: 'earliest' });
        await first.subscribe([topic]);
        expect((await pollUntil(first, 6, arrival)).map((record) => record.offset)).toEqual([0, 1, 2, 3, 4, 5]);
        expect(first.assignment()).toHaveLength(4);
        await first.commit([{ topic, partition: 0, offset: 4 }]);
        expect(await first.committed([{ topic, partition: 0 }, { topic, partition: 1 }])).toEqual([4, undefined]);
        await first.close();

        const second = await log.consumer({ groupId, offsetReset: 'earliest' });
        await second.subscribe([topic]);
        expect((await pollUntil(second, 2, arrival)).map((record) => text(record.value))).toEqual(['v4', 'v5']);
      });
    });

    describe('transactions', () => {
      async function readCommittedReader(topic: string): Promise<LogConsumer> {
        const reader = await log.consumer({ groupId: uniqueName('reader'), offsetReset: 'earliest', readCommitted: true });
        await reader.assign([{ topic, partition: 0, offset: 0 }]);
        return reader;
      }

      it('commits records together with the consumer offsets', async () => {
        const input = await newTopic();
        const output = await newTopic();
        const source = await log.consumer({ groupId: uniqueName('group'), offsetReset: 'earliest' });
        await source.assign([{ topic: input, partition: 0, offset: 0 }]);
        const producer = await log.producer({ transactionalId: uniqueName('tx') });
        await producer.beginTransaction();
        producer.send(['a', 'b', 'c'].map((value) => ({ topic: output, partition: 0, key: null, value: bytes(value) })));
        await producer.commitTransaction([{ topic: input, partition: 0, offset: 5 }], source);
        const reader = await readCommittedReader(output);
        expect((await pollUntil(reader, 3, arrival)).map((record) => text(record.value))).toEqual(['a', 'b', 'c']);
        expect(await source.committed([{ topic: input, partition: 0 }])).toEqual([5]);
      });

      it.skipIf(!capabilities.readCommittedIsolation)('hides an open transaction from read-committed consumers until it commits', async () => {
        const topic = await newTopic();
        const producer = await log.producer({ transactionalId: uniqueName('tx') });
        await producer.beginTransaction();
        producer.send([{ topic, partition: 0, key: null, value: bytes('pending') }]);
        await producer.flush();
        const uncommittedReader = await log.consumer({ groupId: uniqueName('reader'), offsetReset: 'earliest', readCommitted: false });
        await uncommittedReader.assign([{ topic, partition: 0, offset: 0 }]);
        expect((await pollUntil(uncommittedReader, 1, arrival)).map((record) => text(record.value))).toEqual(['pending']);
        const reader = await readCommittedReader(topic);
        expect(await reader.poll(10, 500)).toEqual([]);
        await producer.commitTransaction([], undefined);
        expect((await pollUntil(reader, 1, arrival)).map((record) => text(record.value))).toEqual(['pending']);
      });

      it.skipIf(!capabilities.readCommittedIsolation)('discards the records of an aborted transaction', async () => {
        const topic = await newTopic();
        const producer = await log.producer({ transactionalId: uniqueName('tx') });
        await producer.beginTransaction();
        producer.send([{ topic, partition: 0, key: null, value: bytes('aborted') }]);
        await producer.flush();
        await producer.abortTransaction();
        await producer.beginTransaction();
        producer.send([{ topic, partition: 0, key: null, value: bytes('kept') }]);
        await producer.commitTransaction([], undefined);
        const reader = await readCommittedReader(topic);
        expect((await pollUntil(reader, 1, arrival)).map((record) => text(record.value))).toEqual(['kept']);
        expect(await reader.poll(10, 300)).toEqual([]);
      });

      it('aborts instead of committing a transaction with a failed send, and can start another', async () => {
        const topic = await newTopic();
        const producer = await log.producer({ transactionalId: uniqueName('tx') });
        await producer.beginTransaction();
        producer.send([{ topic, partition: 99, key: null, value: bytes('lost') }]);
        await expect(producer.commitTransaction([], undefined)).rejects.toThrow();
        await producer.beginTransaction();
        producer.send([{ topic, partition: 0, key: null, value: bytes('next') }]);
        await producer.commitTransaction([], undefined);
        const reader = await readCommittedReader(topic);
        expect((await pollUntil(reader, 1, arrival)).map((record) => text(record.value))).toEqual(['next']);
      });

      it('refuses to commit when no transaction is open', async () => {
        const producer = await log.producer({ transactionalId: uniqueName('tx') });
        await expect(producer.commitTransaction([], undefined)).rejects.toThrow();
      });
    });

    describe('lifecycle', () => {
      it('closes producers, consumers and the log twice without error', async () => {
        const producer = await log.producer();
        const consumer = await log.consumer({ groupId: uniqueName('group'), offsetReset: 'earliest' });
        await producer.close();
        await producer.close();
        await consumer.close();
        await consumer.close();
        await log.close();
        await log.close();
      });
    });
  });
}
