// The outputs of a TUMBLING or HOPPING windowed count: one update per record and window, none late.
import type { BenchRecord } from '../generators/bench-record.js';
import type { ExpectedOutputs } from '../shape.js';

export interface TimeWindow {
  readonly sizeMs: number;
  /** Equal to the size for a tumbling window. */
  readonly advanceMs: number;
  readonly graceMs: number;
}

/** The starts of the windows holding `timeMs`, ascending: multiples of the advance, never below 0 (Kafka Streams' TimeWindows.windowsFor). */
export function windowStartsFor(timeMs: number, window: TimeWindow): number[] {
  const starts: number[] = [];
  const latest = timeMs - (timeMs % window.advanceMs);
  for (let start = latest; start > timeMs - window.sizeMs && start >= 0; start -= window.advanceMs) starts.unshift(start);
  return starts;
}

/**
 * Without caching, EMIT CHANGES writes one update per record and window holding it. A window is
 * closed once stream time reaches its end plus the grace period, and a record for it is dropped.
 * Stream time is per partition, never past the latest event time of the whole input, so a record
 * late against that would make the count depend on the partitioning: that input is refused.
 */
export function timeWindowOutputs(records: readonly BenchRecord[], window: TimeWindow): ExpectedOutputs {
  let updates = 0;
  let streamTimeMs = Number.NEGATIVE_INFINITY;
  for (const [index, record] of records.entries()) {
    streamTimeMs = Math.max(streamTimeMs, record.timestampMs);
    for (const start of windowStartsFor(record.timestampMs, window)) {
      if (start + window.sizeMs + window.graceMs <= streamTimeMs) {
        throw new Error(`Input record ${index} (event time ${record.timestampMs}) is late for window ${start}: the expected outputs would depend on partitioning`);
      }
      updates++;
    }
  }
  return { updates, tombstones: 0 };
}
