// Reads every partition of a topic from its first retained offset to its end as of the call:
// the basis of pull queries and command-topic replay.
import type { Log, LogRecord } from './log/index.js';

/** Empty polls in a row after which the scan ends: transaction markers occupy offsets no record has. */
const IDLE_POLLS_TO_END = 3;

export async function scanTopic(
  log: Log,
  topic: string,
  onRecord: (record: LogRecord) => void,
  partitions?: readonly number[],
): Promise<void> {
  const description = await log.describeTopic(topic);
  if (description === undefined) return;
  const consumer = await log.consumer({ groupId: `_squall_scan_${topic}_${process.pid}_${Date.now()}`, offsetReset: 'earliest' });
  try {
    const selected = (partitions ?? Array.from({ length: description.partitions }, (_, index) => index)).map((partition) => ({
      topic,
      partition,
    }));
    const [beginnings, ends] = await Promise.all([consumer.beginningOffsets(selected), consumer.endOffsets(selected)]);
    const remaining = new Map<number, number>();
    const assignment = selected.flatMap((topicPartition, index) => {
      if (ends[index]! <= beginnings[index]!) return [];
      remaining.set(topicPartition.partition, ends[index]!);
      return [{ ...topicPartition, offset: beginnings[index]! }];
    });
    if (assignment.length === 0) return;
    await consumer.assign(assignment);
    let idlePolls = 0;
    while (remaining.size > 0 && idlePolls < IDLE_POLLS_TO_END) {
      const records = await consumer.poll(1000, 200);
      idlePolls = records.length === 0 ? idlePolls + 1 : 0;
      for (const record of records) {
        const end = remaining.get(record.partition);
        if (end === undefined || record.offset >= end) continue;
        onRecord(record);
        if (record.offset + 1 >= end) remaining.delete(record.partition);
      }
    }
  } finally {
    await consumer.close();
  }
}
