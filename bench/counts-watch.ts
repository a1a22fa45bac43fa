// Watches COUNTS's sink topic until the latest count of every key adds up to the events produced:
// then the GROUP BY query has counted everything, and a pull query on COUNTS must see it all.
import type { Log } from '../src/runtime/index.js';

/** A watch that sees no new record for this long gives up: the query has stalled or lost records. */
const stallMs = 60_000;
const pollMs = 200;

/** Resolves with the sink records read; throws if the topic lost records or stops growing short of `events`. */
export async function waitForCounts(log: Log, topic: string, events: number): Promise<number> {
  const consumer = await log.consumer({ groupId: `${topic}_watch`, offsetReset: 'earliest', readCommitted: true });
  try {
    const partitions = await topicPartitions(log, topic);
    await consumer.assign(partitions.map((partition) => ({ ...partition, offset: 0 })));
    const latestByKey = new Map<string, number>();
    let counted = 0;
    let records = 0;
    let lastProgressMs = Date.now();
    while (counted < events) {
      const polled = await consumer.poll(10_000, pollMs);
      if (polled.length > 0) lastProgressMs = Date.now();
      else if (Date.now() - lastProgressMs > stallMs) throw new Error(`${topic} stalled at ${counted} of ${events} events counted (${records} records)`);
      for (const record of polled) {
        if (record.key === null || record.value === null) continue;
        const key = Buffer.from(record.key).toString('utf8');
        const count = countOf(record.value);
        counted += count - (latestByKey.get(key) ?? 0);
        latestByKey.set(key, count);
        records++;
      }
    }
    const beginnings = await consumer.beginningOffsets(partitions);
    if (beginnings.some((offset) => offset !== 0)) {
      throw new Error(`${topic} lost records (the mock keeps 5 MB per partition): offsets start at [${beginnings.join(', ')}]`);
    }
    return records;
  } finally {
    await consumer.close();
  }
}

async function topicPartitions(log: Log, topic: string): Promise<{ topic: string; partition: number }[]> {
  const description = await log.describeTopic(topic);
  if (description === undefined) throw new Error(`Topic ${topic} does not exist`);
  return Array.from({ length: description.partitions }, (_, partition) => ({ topic, partition }));
}

function countOf(value: Uint8Array): number {
  const parsed: unknown = JSON.parse(Buffer.from(value).toString('utf8'));
  if (typeof parsed === 'object' && parsed !== null && 'EVENTS' in parsed && typeof parsed.EVENTS === 'number') return parsed.EVENTS;
  throw new Error(`A COUNTS record without a numeric EVENTS: ${JSON.stringify(parsed)}`);
}
