// Puts generated input on the broker: all of it before timing (compressed, checked retained), or paced for latency.
import { KafkaLog, type Log, type ProduceRecord } from '../src/runtime/index.js';
import type { BenchRecord } from './generators/bench-record.js';

/** The mock cluster auto-creates every topic with this many partitions. */
export const topicPartitions = 4;

/**
 * The mock keeps at most 5 MB of batches per partition and drops older ones. LZ4 batches of this
 * JSON are several times smaller, so 200k records (~40 MB raw) stay whole; `verifyRetained` checks it.
 */
const bulkProperties = { 'compression.codec': 'lz4', 'linger.ms': 20, 'batch.num.messages': 10_000 } as const;
/** Paced records go out at once: linger would add to the latency being measured. */
const pacedProperties = { 'linger.ms': 0 } as const;
/** Paced records are sent in ticks this far apart. */
const pacingTickMs = 5;

export function bulkFeedLog(bootstrapServers: string): KafkaLog {
  return new KafkaLog({ bootstrapServers, mockCluster: true, properties: bulkProperties });
}

export function pacedFeedLog(bootstrapServers: string): KafkaLog {
  return new KafkaLog({ bootstrapServers, mockCluster: true, properties: pacedProperties });
}

/** Where a shape's records go: those marked `side` to `side`, the others to `input`. */
export interface InputTopics {
  readonly input: string;
  readonly side: string;
}

/** Creates both topics and produces every record, waiting until all are acknowledged. */
export async function produceAll(log: Log, topics: InputTopics, records: readonly BenchRecord[]): Promise<void> {
  await log.createTopic(topics.input, { partitions: topicPartitions });
  await log.createTopic(topics.side, { partitions: topicPartitions });
  const producer = await log.producer();
  try {
    producer.send(records.map((record) => toProduceRecord(topics, record, record.timestampMs)));
    await producer.flush();
  } finally {
    await producer.close();
  }
}

/** Throws unless the topic still holds exactly `expected` records from offset 0: the mock dropped none. */
export async function verifyRetained(log: Log, topic: string, expected: number): Promise<void> {
  const consumer = await log.consumer({ groupId: `${topic}_check`, offsetReset: 'earliest' });
  try {
    const description = await log.describeTopic(topic);
    const partitions = Array.from({ length: description?.partitions ?? 0 }, (_, partition) => ({ topic, partition }));
    const beginnings = await consumer.beginningOffsets(partitions);
    const ends = await consumer.endOffsets(partitions);
    const held = ends.reduce((sum, end) => sum + end, 0);
    if (beginnings.some((offset) => offset !== 0) || held !== expected) {
      throw new Error(`Topic ${topic} lost input: offsets start at [${beginnings.join(', ')}], ${held} of ${expected} records written`);
    }
  } finally {
    await consumer.close();
  }
}

/** Produces the records at `ratePerSecond` in their order, each stamped with the time it is sent (for end-to-end latency). */
export async function producePaced(log: Log, topics: InputTopics, records: readonly BenchRecord[], ratePerSecond: number): Promise<void> {
  const producer = await log.producer();
  try {
    const startMs = Date.now();
    let sent = 0;
    while (sent < records.length) {
      const due = Math.min(records.length, Math.floor(((Date.now() - startMs) * ratePerSecond) / 1000) + 1);
      const nowMs = Date.now();
      const batch: ProduceRecord[] = [];
      for (; sent < due; sent++) batch.push(toProduceRecord(topics, records[sent]!, nowMs));
      producer.send(batch);
      await new Promise((resolve) => setTimeout(resolve, pacingTickMs));
    }
    await producer.flush();
  } finally {
    await producer.close();
  }
}

function toProduceRecord(topics: InputTopics, record: BenchRecord, timestampMs: number): ProduceRecord {
  return { topic: record.side ? topics.side : topics.input, key: Buffer.from(record.key), value: record.encodedValue ?? Buffer.from(record.value), timestamp: timestampMs };
}
