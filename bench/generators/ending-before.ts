// Generated input moved back in time to end before a given moment, for queries whose outputs carry their group's latest event time.
import type { BenchRecord } from './bench-record.js';

/**
 * Calls `generate` so that its last event time falls before `endBeforeMs`. The generators place
 * events relative to their start time, so a first call at 0 gives the span and a second the records.
 */
export function generateEndingBefore(generate: (startTimeMs: number) => BenchRecord[], endBeforeMs: number): BenchRecord[] {
  let spanMs = 0;
  for (const record of generate(0)) spanMs = Math.max(spanMs, record.timestampMs);
  return generate(endBeforeMs - spanMs - 1);
}
