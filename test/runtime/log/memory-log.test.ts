// The in-memory Log: the shared contract, then what only a deterministic, broker-free log can promise.
import { describe, expect, it } from 'vitest';
import { MemoryLog } from '../../../src/runtime/log/memory-log.js';
import { describeLogContract, pollUntil } from './log-contract.js';

describeLogContract('MemoryLog', async () => new MemoryLog(), {
  exactPartitionCounts: true,
  readCommittedIsolation: true,
  deletesTopics: true,
  arrivalTimeoutMs: 1_000,
});

const encoder = new TextEncoder();
const bytes = (text: string): Uint8Array => encoder.encode(text);
const values = (records: { value: Uint8Array | null }[]): (string | null)[] =>
  records.map((record) => (record.value === null ? null : new TextDecoder().decode(record.value)));

describe('MemoryLog', () => {
  it('fails flush for an unknown topic unless topics are auto-created', async () => {
    const strict = new MemoryLog();
    const strictProducer = await strict.producer();
    strictProducer.send([{ topic: 'nowhere', key: null, value: bytes('x') }]);
    await expect(strictProducer.flush()).rejects.toThrow("Unknown topic 'nowhere'");
    await strictProducer.flush();

    const lenient = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 3 });
    const producer = await lenient.producer();
    producer.send([{ topic: 'made', key: null, value: bytes('x') }]);
    await producer.flush();
    expect(await lenient.describeTopic('made')).toEqual({ name: 'made', partitions: 3 });
  });

  it('rejects illegal topic names and partition counts', async () => {
    const log = new MemoryLog();
    await expect(log.createTopic('has space', { partitions: 1 })).rejects.toThrow('Invalid topic name');
    await expect(log.createTopic('..', { partitions: 1 })).rejects.toThrow('Invalid topic name');
    await expect(log.createTopic('zero', { partitions: 0 })).rejects.toThrow('Invalid partition count 0');
  });

  it('stamps records without a timestamp from its clock', async () => {
    const log = new MemoryLog({ clock: () => 42 });
    await log.createTopic('t', { partitions: 1 });
    const producer = await log.producer();
    producer.send([{ topic: 't', key: null, value: null }]);
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await consumer.assign([{ topic: 't', partition: 0, offset: 0 }]);
    expect((await consumer.poll(1, 0))[0]!.timestamp).toBe(42);
  });

  it('spreads null-keyed records round-robin over the partitions', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 3 });
    const producer = await log.producer();
    producer.send([1, 2, 3, 4].map(() => ({ topic: 't', key: null, value: null })));
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await consumer.assign([0, 1, 2].map((partition) => ({ topic: 't', partition, offset: 0 })));
    const partitions = (await consumer.poll(10, 0)).map((record) => record.partition).sort();
    expect(partitions).toEqual([0, 0, 1, 2]);
  });

  it('shares partitions between the members of a group and hands them back when one leaves', async () => {
    // topic t: partitions 0 1 2 3 → first member gets 0 and 2, second gets 1 and 3
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 4 });
    const first = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    const second = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await first.subscribe(['t']);
    await second.subscribe(['t']);
    // As with Kafka, a member takes up its assignment in poll.
    expect(first.assignment()).toEqual([]);
    await first.poll(1, 0);
    await second.poll(1, 0);
    expect(first.assignment().map((entry) => entry.partition)).toEqual([0, 2]);
    expect(second.assignment().map((entry) => entry.partition)).toEqual([1, 3]);
    await second.close();
    await first.poll(1, 0);
    expect(first.assignment().map((entry) => entry.partition)).toEqual([0, 2, 1, 3]);
  });

  it('assigns a subscribed topic once it is created', async () => {
    const log = new MemoryLog();
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await consumer.subscribe(['later']);
    await consumer.poll(1, 0);
    expect(consumer.assignment()).toEqual([]);
    await log.createTopic('later', { partitions: 2 });
    await consumer.poll(1, 0);
    expect(consumer.assignment()).toEqual([{ topic: 'later', partition: 0 }, { topic: 'later', partition: 1 }]);
  });

  it('starts a group without committed offsets at the end when the reset is latest', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const producer = await log.producer();
    producer.send([{ topic: 't', key: null, value: bytes('old') }]);
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'latest' });
    await consumer.subscribe(['t']);
    expect(await consumer.poll(10, 0)).toEqual([]);
    producer.send([{ topic: 't', key: null, value: bytes('new') }]);
    expect(values(await consumer.poll(10, 0))).toEqual(['new']);
  });

  it('wakes a waiting poll when data arrives and ends it empty on close', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await consumer.assign([{ topic: 't', partition: 0, offset: 0 }]);
    const waiting = consumer.poll(10, 10_000);
    const producer = await log.producer();
    producer.send([{ topic: 't', key: null, value: bytes('late') }]);
    expect(values(await waiting)).toEqual(['late']);

    const abandoned = consumer.poll(10, 10_000);
    await consumer.close();
    expect(await abandoned).toEqual([]);
    await expect(consumer.poll(1, 0)).rejects.toThrow('Consumer is closed');
  });

  it('refuses to mix subscribe and assign on one consumer', async () => {
    const log = new MemoryLog();
    const subscribed = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await subscribed.subscribe(['t']);
    await expect(subscribed.assign([{ topic: 't', partition: 0, offset: 0 }])).rejects.toThrow('subscribed consumer');
    const assigned = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await assigned.assign([]);
    await expect(assigned.subscribe(['t'])).rejects.toThrow('uses assign');
  });

  it('rejects negative committed offsets and unknown partitions for offsets', async () => {
    const log = new MemoryLog();
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await expect(consumer.commit([{ topic: 't', partition: 0, offset: -1 }])).rejects.toThrow('non-negative');
    await expect(consumer.endOffsets([{ topic: 'missing', partition: 0 }])).rejects.toThrow('Unknown topic partition missing[0]');
  });

  it('fences the older producer of a transactional id and aborts its open transaction', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const older = await log.producer({ transactionalId: 'query-1' });
    await older.beginTransaction();
    older.send([{ topic: 't', key: null, value: bytes('zombie') }]);
    const newer = await log.producer({ transactionalId: 'query-1' });
    await expect(older.commitTransaction([], undefined)).rejects.toThrow('fenced');
    await newer.beginTransaction();
    newer.send([{ topic: 't', key: null, value: bytes('live') }]);
    await newer.commitTransaction([], undefined);
    const reader = await log.consumer({ groupId: 'r', offsetReset: 'earliest' });
    await reader.assign([{ topic: 't', partition: 0, offset: 0 }]);
    expect(values(await reader.poll(10, 0))).toEqual(['live']);
  });

  it('aborts a transaction whose sends failed instead of committing half of it', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const producer = await log.producer({ transactionalId: 'query-1' });
    await producer.beginTransaction();
    producer.send([{ topic: 't', key: null, value: bytes('half') }, { topic: 'missing', key: null, value: bytes('x') }]);
    await expect(producer.commitTransaction([], undefined)).rejects.toThrow("Unknown topic 'missing'");
    const reader = await log.consumer({ groupId: 'r', offsetReset: 'earliest' });
    await reader.assign([{ topic: 't', partition: 0, offset: 0 }]);
    expect(await reader.poll(10, 0)).toEqual([]);
  });

  it('reports transactional misuse', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const plain = await log.producer();
    await expect(plain.beginTransaction()).rejects.toThrow('needs a producer created with a transactionalId');
    const transactional = await log.producer({ transactionalId: 'query-1' });
    transactional.send([{ topic: 't', key: null, value: null }]);
    await expect(transactional.flush()).rejects.toThrow('sent outside a transaction');
    await transactional.beginTransaction();
    await expect(transactional.beginTransaction()).rejects.toThrow('already open');
    await expect(transactional.commitTransaction([{ topic: 't', partition: 0, offset: 1 }], undefined)).rejects.toThrow('needs a consumer');
  });

  it('refuses new clients once closed', async () => {
    const log = new MemoryLog();
    await log.close();
    await expect(log.producer()).rejects.toThrow('MemoryLog is closed');
  });

  it('lets the group resume where an exactly-once commit left off', async () => {
    const log = new MemoryLog();
    await log.createTopic('in', { partitions: 1 });
    const producer = await log.producer();
    producer.send(['a', 'b', 'c'].map((value) => ({ topic: 'in', key: null, value: bytes(value) })));
    const consumer = await log.consumer({ groupId: 'q', offsetReset: 'earliest' });
    await consumer.subscribe(['in']);
    await pollUntil(consumer, 3, 100);
    const transactional = await log.producer({ transactionalId: 'q-tx' });
    await transactional.beginTransaction();
    await transactional.commitTransaction([{ topic: 'in', partition: 0, offset: 2 }], consumer);
    await consumer.close();
    const restarted = await log.consumer({ groupId: 'q', offsetReset: 'earliest' });
    await restarted.subscribe(['in']);
    expect(values(await restarted.poll(10, 0))).toEqual(['c']);
  });
});
