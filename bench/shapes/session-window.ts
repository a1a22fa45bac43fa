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

/**
 * The click stream generator ends a user's session after 30 minutes idle, as this window does. The
 * grace period outlasts the event time of every input the broker retains (200k clicks span ~33
 * minutes): after the repartition a task may read one source partition's clicks well ahead of
 * another's, so a shorter one would drop some early clicks as late, depending on that.
 */
export const clickSessionWindow: SessionWindow = { gapMs: 30 * 60_000, graceMs: 60 * 60_000 };

/**
 * Simulates Kafka Streams' session aggregation over `records` in order. Each record with a group
 * key writes one update; it merges every session of its key whose [start - gap, end + gap] holds
 * it, and each merged session is deleted with a tombstone, unless the merged session is the
 * record's own point [t, t] (a record on a single-point session overwrites it).
 *
 * Stream time is per partition, never past the latest event time of the whole input, and the
 * repartitioned records of one task interleave the source partitions in whatever order they were
 * read. A record late against that latest time, or merging a session old enough to have been
 * expired by then, would make the count depend on the partitioning: that input is refused.
 */
export function sessionWindowOutputs(records: readonly BenchRecord[], window: SessionWindow, groupKey: (record: BenchRecord) => string | undefined): ExpectedOutputs {
  const sessionsByKey = new Map<string, Session[]>();
  const latestMs = records.reduce((latest, record) => Math.max(latest, record.timestampMs), Number.NEGATIVE_INFINITY);
  const earliestKeptEndMs = latestMs - window.gapMs - window.graceMs;
  let updates = 0;
  let tombstones = 0;
  for (const [index, record] of records.entries()) {
    const key = groupKey(record);
    if (key === undefined) continue;
    const timeMs = record.timestampMs;
    const sessions = sessionsByKey.get(key) ?? [];
    const merged = sessions.filter((session) => session.end >= timeMs - window.gapMs && session.start <= timeMs + window.gapMs);
    const start = Math.min(timeMs, ...merged.map((session) => session.start));
    const end = Math.max(timeMs, ...merged.map((session) => session.end));
    if (end < earliestKeptEndMs || merged.some((session) => session.end < earliestKeptEndMs)) {
      throw new Error(
        `Input record ${index} (event time ${timeMs}) is late for its session against the input's latest event time ${latestMs}: `
          + 'the expected outputs would depend on partitioning',
      );
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
      WINDOW SESSION (30 MINUTES, GRACE PERIOD 60 MINUTES)
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
