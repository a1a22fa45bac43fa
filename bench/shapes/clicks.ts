// The click stream as the input of the click-reading shapes: the generated records and the CLICKS stream over them.
import type { BenchRecord } from '../generators/bench-record.js';
import { generateClickstream } from '../generators/clickstream.js';
import { generateEndingBefore } from '../generators/ending-before.js';

/**
 * Click events keyed by session id with event times ending before `startTimeMs` (`users` distinct
 * users, else the generator's default). An aggregate's output carries the latest event time of its
 * group; the latency phase stamps records with their send time, so generated events after it would
 * make latency negative.
 */
export function clicksEndingBefore(count: number, seed: number, startTimeMs: number, users?: number): BenchRecord[] {
  return generateEndingBefore((start) => generateClickstream({ seed, events: count, startTimeMs: start, users }), startTimeMs);
}

/** The CLICKS stream over `topic`, keyed by session id. */
export function clicksStream(topic: string): string {
  return `
    CREATE STREAM CLICKS (SESSION_ID STRING KEY, USER_ID STRING, EVENT_TYPE STRING, PAGE STRING, EVENT_TIME BIGINT)
      WITH (KAFKA_TOPIC='${topic}', VALUE_FORMAT='JSON');`;
}

/** The click's user id, the key the aggregating shapes group by; undefined when it is missing or not text. */
export function clickUserId(record: BenchRecord): string | undefined {
  const click: unknown = JSON.parse(record.value);
  if (typeof click !== 'object' || click === null) return undefined;
  const userId: unknown = Reflect.get(click, 'user_id');
  return typeof userId === 'string' ? userId : undefined;
}
