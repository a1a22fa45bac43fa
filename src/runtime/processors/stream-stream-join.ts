// Two streams joined within a time window, as Kafka Streams' KStream-KStream join: each side
// keeps its records per join key in a window store for the window plus its grace, and every
// record is joined with the other side's records whose time is within the window of its own
// (left.ts - before <= right.ts <= left.ts + after); a result takes the later time.
//
// A record of an outer side that found no partner is NULL-padded. Without GRACE PERIOD (ksqlDB's
// legacy windows) that result is emitted at once, and a partner arriving later joins as well.
// With GRACE PERIOD it waits in a shared outer store until its window and grace have closed in
// stream time — dropped if a partner arrives first — so that a late partner gives no spurious
// NULL result; a record whose window has already ended is emitted at once.
import type { JoinStep } from '../../planner/index.js';
import type { WindowStore } from '../state/index.js';
import { decodeInternal, encodeInternal } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { joinRows, type JoinSide } from './join-rows.js';

export interface StreamStreamJoinStores {
  readonly left: string;
  readonly right: string;
  /** The outer store of unmatched records, for an outer join with a grace period. */
  readonly outer: string | undefined;
}

type OuterEntry = [side: 0 | 1, row: unknown[]];
const LEFT = 0;
const RIGHT = 1;

export function streamStreamJoinProcessor(name: string, step: JoinStep, rightTopics: ReadonlySet<string>, storeNames: StreamStreamJoinStores): ProcessorDefinition {
  const rows = joinRows(step, rightTopics);
  const window = step.window!;
  const { beforeMs, afterMs, graceMs } = window;
  const retentionMs = beforeMs + afterMs + graceMs;
  const outerSide = { left: step.joinType === 'LEFT' || step.joinType === 'OUTER', right: step.joinType === 'RIGHT' || step.joinType === 'OUTER' };
  const outerStoreName = storeNames.outer;
  return {
    name,
    stores: [storeNames.left, storeNames.right, ...(outerStoreName === undefined ? [] : [outerStoreName])],
    create: (context) => {
      const windows = { left: context.store<WindowStore>(storeNames.left), right: context.store<WindowStore>(storeNames.right) };
      const outer = outerStoreName === undefined ? undefined : context.store<WindowStore>(outerStoreName);
      const observed = { left: -1, right: -1 };
      let streamTime = -1;

      const append = (store: WindowStore, key: Uint8Array, timestampMs: number, entry: unknown) => {
        const existing = store.fetch(key, timestampMs);
        const list = existing === undefined ? [] : (decodeInternal(existing) as unknown[]);
        list.push(entry);
        store.put(key, timestampMs, encodeInternal(list));
      };

      const emitClosedOuterRecords = () => {
        if (outer === undefined) return;
        const closed: { key: Uint8Array; windowStart: number; entries: OuterEntry[]; kept: OuterEntry[] }[] = [];
        const latestClosing = streamTime - graceMs - Math.min(beforeMs, afterMs) - 1;
        for (const { key, windowStart, value } of outer.fetchAll(Number.MIN_SAFE_INTEGER, latestClosing)) {
          const entries = decodeInternal(value) as OuterEntry[];
          const isClosed = (entry: OuterEntry) => windowStart + (entry[0] === LEFT ? afterMs : beforeMs) + graceMs < streamTime;
          closed.push({ key, windowStart, entries: entries.filter(isClosed), kept: entries.filter((entry) => !isClosed(entry)) });
        }
        for (const { key, windowStart, entries, kept } of closed) {
          if (entries.length === 0) continue;
          if (kept.length === 0) outer.delete(key, windowStart);
          else outer.put(key, windowStart, encodeInternal(kept));
          // Right entries first at the same time, as Kafka Streams orders its outer store.
          for (const [side, row] of [...entries].sort((a, b) => b[0] - a[0])) {
            const joinKey = rows.keyOf(side === LEFT ? 'left' : 'right', row, context);
            const output = side === LEFT ? rows.combine(row, null, joinKey, windowStart, context.record) : rows.combine(null, row, joinKey, windowStart, context.record);
            context.forward({ row: output, oldRow: null, timestampMs: windowStart, isDelete: false });
          }
        }
      };

      return {
        process(change) {
          if (change.isDelete) return;
          const record = context.record;
          const side: JoinSide = rows.sideOf(record);
          const otherSide: JoinSide = side === 'left' ? 'right' : 'left';
          const key = rows.keyOf(side, change.row, context);
          if (key === null) return;
          const storeKey = rows.storeKeyOf(side, change.row, key);
          const timestampMs = change.timestampMs;

          // The record joins its own side's window store, unless that window has expired.
          observed[side] = Math.max(observed[side], timestampMs);
          if (timestampMs > observed[side] - retentionMs) append(windows[side], storeKey, timestampMs, change.row);
          windows[side].expireBefore(observed[side] - retentionMs);

          streamTime = Math.max(streamTime, timestampMs);
          if (timestampMs === streamTime) emitClosedOuterRecords();

          const from = Math.max(0, side === 'left' ? timestampMs - beforeMs : timestampMs - afterMs);
          const to = Math.max(0, side === 'left' ? timestampMs + afterMs : timestampMs + beforeMs);
          let matched = false;
          for (const [otherTimestamp, value] of windows[otherSide].fetchRange(storeKey, from, to)) {
            const otherRows = decodeInternal(value) as unknown[][];
            if (otherRows.length === 0) continue;
            matched = true;
            if (outer !== undefined) dropOuter(outer, storeKey, otherTimestamp, otherSide === 'left' ? LEFT : RIGHT);
            const resultTime = Math.max(timestampMs, otherTimestamp);
            for (const otherRow of otherRows) {
              const output = side === 'left' ? rows.combine(change.row, otherRow, key, resultTime, record) : rows.combine(otherRow, change.row, key, resultTime, record);
              context.forward({ row: output, oldRow: null, timestampMs: resultTime, isDelete: false });
            }
          }
          if (matched || !outerSide[side]) return;
          if (outer === undefined || to < streamTime) {
            const output = side === 'left' ? rows.combine(change.row, null, key, timestampMs, record) : rows.combine(null, change.row, key, timestampMs, record);
            context.forward({ row: output, oldRow: null, timestampMs, isDelete: false });
            return;
          }
          append(outer, storeKey, timestampMs, [side === 'left' ? LEFT : RIGHT, change.row] satisfies OuterEntry);
        },
      };
    },
  };
}

/** A partner arrived: the other side's unmatched records at that time no longer wait for a NULL result. */
function dropOuter(outer: WindowStore, key: Uint8Array, timestampMs: number, side: 0 | 1): void {
  const existing = outer.fetch(key, timestampMs);
  if (existing === undefined) return;
  const kept = (decodeInternal(existing) as OuterEntry[]).filter((entry) => entry[0] !== side);
  if (kept.length === 0) outer.delete(key, timestampMs);
  else outer.put(key, timestampMs, encodeInternal(kept));
}
