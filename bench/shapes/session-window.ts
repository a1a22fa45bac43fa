// session-window: clicks counted per user session with a 30-minute gap, through a repartition by user.
import type { BenchRecord } from '../generators/bench-record.js';
import type { ExpectedOutputs, Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { clicksEndingBefore, clicksStream, clickUserId } from './clicks.js';

export interface SessionWindow {
  readonly gapMs: number;
  readonly graceMs: number;
}

interface Session {
  readonly start: number;
  readonly end: number;
}

/** The click stream generator ends a user's session after 30 minutes idle, as this window does. */
export const clickSessionWindow: SessionWindow = { gapMs: 30 * 60_000, graceMs: 60_000 };

/**
 * Simulates Kafka Streams' session aggregation over `records` in order. Each record with a group
 * key writes one update; it merges every session of its key whose [start - gap, end + gap] holds
 * it, and each merged session is deleted with a tombstone, unless the merged session is the
 * record's own point [t, t] (a record on a single-point session overwrites it).
 *
 * Stream time is per partition, never past the latest event time of the whole input. A record
 * late against that, or merging a session old enough to have been expired, would make the count
 * depend on the partitioning: that input is refused.
 */
export function sessionWindowOutputs(records: readonly BenchRecord[], window: SessionWindow, groupKey: (record: BenchRecord) => string | undefined): ExpectedOutputs {
  const sessionsByKey = new Map<string, Session[]>();
  const retentionMs = window.gapMs + window.graceMs;
  let streamTimeMs = Number.NEGATIVE_INFINITY;
  let updates = 0;
  let tombstones = 0;
  for (const [index, record] of records.entries()) {
    const key = groupKey(record);
    if (key === undefined) continue;
    const timeMs = record.timestampMs;
    streamTimeMs = Math.max(streamTimeMs, timeMs);
    const sessions = sessionsByKey.get(key) ?? [];
    const merged = sessions.filter((session) => session.end >= timeMs - window.gapMs && session.start <= timeMs + window.gapMs);
    const start = Math.min(timeMs, ...merged.map((session) => session.start));
    const end = Math.max(timeMs, ...merged.map((session) => session.end));
    if (end < streamTimeMs - retentionMs || merged.some((session) => session.end < streamTimeMs - retentionMs)) {
      throw new Error(`Input record ${index} (event time ${timeMs}) is late for its session: the expected outputs would depend on partitioning`);
    }
    if (start !== timeMs || end !== timeMs) tombstones += merged.length;
    sessionsByKey.set(key, [...sessions.filter((session) => !merged.includes(session)), { start, end }]);
    updates++;
  }
  return { updates, tombstones };
}

/** Grouped by user while the input is keyed by session id: every record goes through the repartition topic. */
function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `${clicksStream(inputTopic)}
    CREATE TABLE CLICKS_PER_SESSION WITH (KAFKA_TOPIC='${outputTopic}') AS
      SELECT USER_ID, COUNT(*) AS CLICKS FROM CLICKS
      WINDOW SESSION (30 MINUTES, GRACE PERIOD 1 MINUTE)
      GROUP BY USER_ID EMIT CHANGES;`;
}

export const sessionWindow: Shape = {
  name: 'session-window',
  summary: 'Click stream keyed by session_id, COUNT(*) per user per session with a 30-minute gap (repartition + session store, a tombstone per merged session)',
  // Ending a gap before the latency phase: its send-time records open new sessions instead of merging into these.
  input: (count, seed, startTimeMs) => clicksEndingBefore(count, seed, startTimeMs - clickSessionWindow.gapMs),
  expectedOutputs: (records) => sessionWindowOutputs(records, clickSessionWindow, clickUserId),
  start: (context) => startSquallQuery(context, statements(context)),
};
