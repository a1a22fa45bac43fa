// Fault injection of the in-memory Log: each fault does what the commit protocol tests rely on.
import { describe, expect, it } from 'vitest';
import { LogUnavailableError, MemoryLog, ProducerFencedError, SimulatedCrash, type LogRecord } from '../../../src/runtime/log/index.js';

async function committedValues(log: MemoryLog, topic: string): Promise<string[]> {
  const reader = await log.consumer({ groupId: `reader-${Math.random()}`, offsetReset: 'earliest', readCommitted: true });
  await reader.assign([{ topic, partition: 0, offset: 0 }]);
  const records: LogRecord[] = await reader.poll(100, 0);
  await reader.close();
  return records.map((record) => Buffer.from(record.value!).toString());
}

async function transactional(log: MemoryLog) {
  const producer = await log.producer({ transactionalId: 'tx' });
  await producer.beginTransaction();
  producer.send([{ topic: 't', key: null, value: Buffer.from('v') }]);
  return producer;
}

describe('MemoryLog faults', () => {
  it('failNext fails the next call only, leaving the transaction to abort', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const producer = await transactional(log);
    log.faults.failNext('commitTransaction', new Error('boom'));
    await expect(producer.commitTransaction([], undefined)).rejects.toThrow('boom');
    await producer.abortTransaction();
    expect(await committedValues(log, 't')).toEqual([]);
    await producer.beginTransaction();
    producer.send([{ topic: 't', key: null, value: Buffer.from('w') }]);
    await producer.commitTransaction([], undefined);
    expect(await committedValues(log, 't')).toEqual(['w']);
  });

  it('crashOnCommit leaves the transaction open, invisible, until a successor fences it', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const producer = await transactional(log);
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await consumer.subscribe(['t']);
    log.faults.crashOnCommit();
    await expect(producer.commitTransaction([{ topic: 't', partition: 0, offset: 1 }], consumer)).rejects.toBeInstanceOf(SimulatedCrash);
    await expect(consumer.poll(1, 0)).rejects.toBeInstanceOf(SimulatedCrash);
    const after = await log.producer();
    after.send([{ topic: 't', key: null, value: Buffer.from('later') }]);
    expect(await committedValues(log, 't')).toEqual([]);
    await log.producer({ transactionalId: 'tx' });
    expect(await committedValues(log, 't')).toEqual(['later']);
    const member = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    expect(await member.committed([{ topic: 't', partition: 0 }])).toEqual([undefined]);
  });

  it('fence makes the producer refuse further work with ProducerFencedError', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const producer = await transactional(log);
    log.faults.fence('tx');
    await expect(producer.commitTransaction([], undefined)).rejects.toBeInstanceOf(ProducerFencedError);
    expect(await committedValues(log, 't')).toEqual([]);
  });

  it('setUnavailable rejects every call with LogUnavailableError until cleared', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await consumer.subscribe(['t']);
    log.faults.setUnavailable(true);
    await expect(consumer.poll(1, 0)).rejects.toBeInstanceOf(LogUnavailableError);
    await expect(log.describeTopic('t')).rejects.toBeInstanceOf(LogUnavailableError);
    log.faults.setUnavailable(false);
    expect(await consumer.poll(1, 0)).toEqual([]);
  });
});
