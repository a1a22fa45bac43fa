// The pull benchmark's data: a USERS table of N keys, and an EVENTS stream counted per key into
// COUNTS; their statements, records and the rows a pull must find.
import type { Log, ProduceRecord } from '../src/runtime/index.js';

/**
 * Records handed to the producer at a time: bounds the benchmark's own memory while 1M records go
 * out, and lets librdkafka fill its 10,000-record LZ4 batches.
 */
const produceChunkRecords = 100_000;

export const usersTopic = 'pull_bench_users';
export const eventsTopic = 'pull_bench_events';
export const countsTopic = 'pull_bench_counts';

export const usersTableSql = `CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING, SCORE INT)
  WITH (KAFKA_TOPIC='${usersTopic}', VALUE_FORMAT='JSON', PARTITIONS=4);`;

/** Events are keyed by their own id, so GROUP BY K re-keys them through a repartition topic, as most GROUP BYs do. */
export const countsSql = `CREATE STREAM EVENTS (EVENT_ID STRING KEY, K STRING)
  WITH (KAFKA_TOPIC='${eventsTopic}', VALUE_FORMAT='JSON', PARTITIONS=4);
CREATE TABLE COUNTS WITH (KAFKA_TOPIC='${countsTopic}') AS SELECT K, COUNT(*) AS EVENTS FROM EVENTS GROUP BY K EMIT CHANGES;`;

export function userId(index: number): string {
  return `user-${String(index).padStart(7, '0')}`;
}

/**
 * Two short value columns: at 1M keys the four partitions hold 250k records each, and the mock keeps
 * only 5 MB per partition, so a record must stay near 20 bytes once LZ4-compressed (a third column
 * already loses ~6% of the input).
 */
export function userValue(index: number): { readonly NAME: string; readonly SCORE: number } {
  return { NAME: `name ${index}`, SCORE: index % 1000 };
}

export function groupKey(index: number): string {
  return `k${String(index).padStart(7, '0')}`;
}

/** Event `index` counts for key `index % keys`, so each key's count is known without keeping the events. */
export function expectedCount(keyIndex: number, events: number, keys: number): number {
  return Math.floor(events / keys) + (keyIndex < events % keys ? 1 : 0);
}

export function pullUserSql(index: number): string {
  return `SELECT * FROM USERS WHERE ID = '${userId(index)}';`;
}

export function pullCountSql(keyIndex: number): string {
  return `SELECT * FROM COUNTS WHERE K = '${groupKey(keyIndex)}';`;
}

export function userRecord(index: number, timestampMs: number): ProduceRecord {
  return { topic: usersTopic, key: Buffer.from(userId(index)), value: Buffer.from(JSON.stringify(userValue(index))), timestamp: timestampMs };
}

export function eventRecord(index: number, keys: number, timestampMs: number): ProduceRecord {
  const value = JSON.stringify({ K: groupKey(index % keys) });
  return { topic: eventsTopic, key: Buffer.from(`e${index}`), value: Buffer.from(value), timestamp: timestampMs };
}

/** Produces records 0..count-1 of `recordAt` in chunks and waits until all are acknowledged. */
export async function produceGenerated(log: Log, count: number, recordAt: (index: number) => ProduceRecord): Promise<void> {
  const producer = await log.producer();
  try {
    for (let start = 0; start < count; start += produceChunkRecords) {
      const end = Math.min(count, start + produceChunkRecords);
      producer.send(Array.from({ length: end - start }, (_, offset) => recordAt(start + offset)));
    }
    await producer.flush();
  } finally {
    await producer.close();
  }
}
