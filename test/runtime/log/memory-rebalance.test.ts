// The in-memory group's two-phase rebalance: a partition reaches its new member only after the
// old one ran its revoke listener, and rebalance callbacks come from inside poll.
import { describe, expect, it } from 'vitest';
import { MemoryLog, type TopicPartition } from '../../../src/runtime/log/index.js';

const names = (partitions: readonly TopicPartition[]) => partitions.map(({ partition }) => partition);

describe('MemoryLog rebalance', () => {
  it('hands a partition on only once its old owner has revoked it', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 2 });
    const events: string[] = [];
    const first = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await first.subscribe(['t'], {
      onAssigned: (partitions) => void events.push(`first+${names(partitions)}`),
      onRevoked: (partitions) => void events.push(`first-${names(partitions)}`),
    });
    await first.poll(1, 0);
    const second = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await second.subscribe(['t'], {
      onAssigned: (partitions) => void events.push(`second+${names(partitions)}`),
      onRevoked: (partitions) => void events.push(`second-${names(partitions)}`),
    });
    await second.poll(1, 0);
    expect(second.assignment()).toEqual([]);
    await first.poll(1, 0);
    await second.poll(1, 0);
    expect(events).toEqual(['first+0,1', 'first-1', 'second+1']);
    await second.close();
    await first.poll(1, 0);
    expect(events.slice(3)).toEqual(['second-1', 'first+1']);
  });

  it('rewinds with seek', async () => {
    const log = new MemoryLog();
    await log.createTopic('t', { partitions: 1 });
    const producer = await log.producer();
    producer.send(['a', 'b', 'c'].map((value) => ({ topic: 't', key: null, value: Buffer.from(value) })));
    const consumer = await log.consumer({ groupId: 'g', offsetReset: 'earliest' });
    await consumer.subscribe(['t']);
    expect(await consumer.poll(10, 0)).toHaveLength(3);
    await consumer.seek([{ topic: 't', partition: 0, offset: 1 }]);
    expect((await consumer.poll(10, 0)).map((record) => Buffer.from(record.value!).toString())).toEqual(['b', 'c']);
  });
});
