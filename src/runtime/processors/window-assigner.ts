// Which TUMBLING or HOPPING windows hold a record: Kafka Streams' TimeWindows.windowsFor over
// epoch time, or, for a window with a TIME ZONE, over the zone's wall clock (a local day is 23 or
// 25 hours long across a daylight-saving change, so a window's end comes from its start).
import { localToUtc, offsetAt, resolveTimeZone, type WindowSpec } from '../../planner/index.js';

export type TimeWindow = Extract<WindowSpec, { kind: 'TUMBLING' | 'HOPPING' }>;

export interface WindowBounds {
  readonly start: number;
  readonly end: number;
}

export interface WindowAssigner {
  /** The windows holding `timestampMs`, ascending by start. */
  windowsFor(timestampMs: number): WindowBounds[];
  /** The end of the window starting at `startMs`. */
  endOf(startMs: number): number;
  /** How much longer than its size a window can be (a daylight-saving hour), for range scans. */
  readonly slackMs: number;
}

/** Window starts holding `timeMs` on a clock, ascending, never below 0. */
export function windowStartsFor(timeMs: number, window: TimeWindow): number[] {
  const { sizeMs, advanceMs } = window;
  const earliest = Math.max(0, timeMs - sizeMs + advanceMs);
  const starts: number[] = [];
  for (let start = earliest - (earliest % advanceMs); start <= timeMs; start += advanceMs) starts.push(start);
  return starts;
}

const MINUTE_MS = 60_000;
const OFFSET_CACHE_ENTRIES = 4096;

export function createWindowAssigner(window: TimeWindow): WindowAssigner {
  if (window.timeZone === undefined) {
    return {
      windowsFor: (timestampMs) => windowStartsFor(timestampMs, window).map((start) => ({ start, end: start + window.sizeMs })),
      endOf: (startMs) => startMs + window.sizeMs,
      slackMs: 0,
    };
  }
  const zone = resolveTimeZone(window.timeZone);
  // Offsets only change on whole minutes; looking one up through Intl is slow.
  const offsets = new Map<number, number>();
  const offset = (utcMs: number): number => {
    const minute = Math.floor(utcMs / MINUTE_MS);
    let known = offsets.get(minute);
    if (known === undefined) {
      if (offsets.size >= OFFSET_CACHE_ENTRIES) offsets.clear();
      known = offsetAt(zone, minute * MINUTE_MS);
      offsets.set(minute, known);
    }
    return known;
  };
  const endOf = (startMs: number) => localToUtc(zone, startMs + offset(startMs) + window.sizeMs);
  return {
    windowsFor: (timestampMs) =>
      windowStartsFor(timestampMs + offset(timestampMs), window)
        .map((localStart) => ({ start: localToUtc(zone, localStart), end: localToUtc(zone, localStart + window.sizeMs) }))
        .filter((bounds) => bounds.start <= timestampMs && timestampMs < bounds.end),
    endOf,
    slackMs: 3_600_000,
  };
}
