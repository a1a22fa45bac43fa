// session-window's expected outputs: a simulation of Kafka Streams' session merging, checked by hand.
import { describe, expect, it } from 'vitest';
import type { BenchRecord } from '../../../bench/generators/bench-record.js';
import { clickSessionWindow, sessionWindow, sessionWindowOutputs, type SessionWindow } from '../../../bench/shapes/session-window.js';

const window: SessionWindow = { gapMs: 10, graceMs: 100 };

/** A record of group `key` at `timestampMs`; the key is what the simulation groups by. */
function at(key: string, timestampMs: number): BenchRecord {
  return { key, value: '{}', timestampMs };
}

const byRecordKey = (record: BenchRecord): string => record.key;

describe('sessionWindowOutputs', () => {
  it('writes one update per record and a tombstone per merged session, as worked out by hand', () => {
    // gap 10 ms, key a:
    //   t=0   opens [0,0]                          update
    //   t=5   merges [0,0] into [0,5]               update + tombstone [0,0]
    //   t=22  12 ms after [0,5]: opens [22,22]      update
    //   t=14  within 10 of both: merges into [0,22] update + tombstones [0,5] and [22,22]
    //   t=22  inside [0,22]: rewrites it            update + tombstone [0,22]
    // key b:
    //   t=7   opens [7,7]                          update
    //   t=7   on the single-point session [7,7]    update, no tombstone
    const records = [at('a', 0), at('a', 5), at('a', 22), at('b', 7), at('a', 14), at('b', 7), at('a', 22)];
    expect(sessionWindowOutputs(records, window, byRecordKey)).toEqual({ updates: 7, tombstones: 4 });
  });

  it('merges a record exactly a gap away from a session, and not one a millisecond further', () => {
    expect(sessionWindowOutputs([at('a', 0), at('a', 10)], window, byRecordKey)).toEqual({ updates: 2, tombstones: 1 });
    expect(sessionWindowOutputs([at('a', 0), at('a', 11)], window, byRecordKey)).toEqual({ updates: 2, tombstones: 0 });
  });

  it('skips records without a group key', () => {
    const records = [at('a', 0), at('', 1), at('a', 2)];
    expect(sessionWindowOutputs(records, window, (record) => record.key || undefined)).toEqual({ updates: 2, tombstones: 1 });
  });

  it('refuses input with a record later than its session end plus gap and grace', () => {
    expect(() => sessionWindowOutputs([at('a', 500), at('b', 0)], window, byRecordKey)).toThrow(/Input record 1 .* is late/);
  });

  it('refuses a record that a later record of another partition could make late', () => {
    // In order here, but a task may read b's partition first: its stream time 500 closes a's [0, 0].
    expect(() => sessionWindowOutputs([at('a', 0), at('b', 500)], window, byRecordKey)).toThrow(/Input record 0 .* is late/);
  });

  it('accepts the default 200,000 generated clicks: the grace period outlasts their event time', () => {
    expect(sessionWindow.expectedOutputs(sessionWindow.input(200_000, 42, Date.now())).updates).toBe(200_000);
  });

  it('expects about one tombstone per click but the first of each user session over the generated click stream', () => {
    const records = sessionWindow.input(20_000, 42, Date.now());
    const expected = sessionWindow.expectedOutputs(records);
    expect(expected.updates).toBe(20_000);
    // 400 users, mostly one session each over the ~200 s of event time.
    expect(expected.tombstones).toBeGreaterThan(20_000 - 450);
    expect(expected.tombstones).toBeLessThan(20_000 - 350);
  });

  it('ends the generated input a session gap before the given time, so later records open new sessions', () => {
    const startTimeMs = Date.now();
    const records = sessionWindow.input(1000, 42, startTimeMs);
    expect(Math.max(...records.map((record) => record.timestampMs))).toBeLessThan(startTimeMs - clickSessionWindow.gapMs);
  });
});
