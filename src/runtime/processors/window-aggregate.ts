// GROUP BY over TUMBLING and HOPPING windows: a record joins every window [start, start + size)
// that holds its timestamp (ascending by start, starts >= 0), each with its own accumulators in a
// window store. A record for a window that closed (end + grace <= stream time) is dropped and
// counted; windows older than the retention leave the store.
import type { AggregateStep } from '../../planner/index.js';
import type { KeyValueStore, WindowStore } from '../state/index.js';
import { bytesText, encodeGroupKey } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { Aggregator, decodeGroupState, encodeGroupState, type GroupState } from './aggregator.js';
import { createEmitter } from './emitter.js';
import type { LateRecords } from './late-records.js';
import { createWindowAssigner, type TimeWindow } from './window-assigner.js';

interface UpdatedWindow {
  readonly key: Uint8Array;
  readonly start: number;
  readonly state: GroupState;
}

/**
 * Past this many updated windows the processor writes to the store before the commit, so that a
 * long commit interval under load does not hold them all decoded: first the windows stream time
 * has passed (only a late record updates them again), all of them if that is not enough.
 */
export const MAX_UPDATED_WINDOWS = 10_000;

/** EMIT FINAL keeps, in a key-value store of its own, the close time up to which it has emitted every window. */
const EMITTED_KEY = Buffer.from('emitted-until');

/**
 * `finalStoreName` is set for EMIT FINAL: a window's result is then forwarded once, when stream
 * time passes its end plus grace, instead of on every update.
 */
export function windowAggregateProcessor(
  name: string,
  storeName: string,
  step: AggregateStep,
  window: TimeWindow,
  late: LateRecords,
  withOldRows: boolean,
  finalStoreName?: string,
): ProcessorDefinition {
  const keyCount = step.keyColumns.length;
  return {
    name,
    stores: finalStoreName === undefined ? [storeName] : [storeName, finalStoreName],
    create: (context) => {
      const store = context.store<WindowStore>(storeName);
      const aggregator = new Aggregator(step.functions);
      const assigner = createWindowAssigner(window);
      const emit = createEmitter(context, step.coalesce);
      // The windows updated since the task's last commit, with their states decoded: written to
      // the store (encoded) once each when the task commits, before the store itself flushes, not
      // once per update; a window updated again before the commit (a busy key) reads its state
      // here. An abort forgets them, as the store rolls back. Past MAX_UPDATED_WINDOWS some are
      // written early.
      // By the key's bytes as text, then window start.
      const updated = new Map<string, Map<number, UpdatedWindow>>();
      let updatedCount = 0;
      /** Takes out the updated windows whose start `test` accepts, each written to the store first when `write`. */
      const takeUpdated = (test: (start: number) => boolean, write: boolean) => {
        for (const [text, windows] of updated) {
          for (const window of windows.values()) {
            if (!test(window.start)) continue;
            if (write) store.put(window.key, window.start, encodeGroupState(window.state));
            windows.delete(window.start);
            updatedCount--;
          }
          if (windows.size === 0) updated.delete(text);
        }
      };
      const writeUpdated = () => takeUpdated(() => true, true);
      const forgetUpdated = () => {
        updated.clear();
        updatedCount = 0;
      };
      context.onCommit({ flush: writeUpdated, discard: forgetUpdated });
      const storedState = (key: Uint8Array, start: number) => {
        const stored = store.fetch(key, start);
        return stored === undefined ? undefined : decodeGroupState(stored);
      };
      let streamTimeMs = Number.NEGATIVE_INFINITY;
      let expiredBefore = Number.NEGATIVE_INFINITY;
      const emitted = finalStoreName === undefined ? undefined : context.store<KeyValueStore>(finalStoreName);
      const emitClosed = (closeTime: number) => {
        const stored = emitted!.get(EMITTED_KEY);
        const emittedUntil = stored === undefined ? Number.NEGATIVE_INFINITY : Number(Buffer.from(stored).toString());
        if (closeTime <= emittedUntil) return;
        writeUpdated();
        // Windows with emittedUntil < end <= closeTime, by start then key.
        const fromStart = Math.max(0, emittedUntil - window.sizeMs - assigner.slackMs + 1);
        for (const entry of store.fetchAll(fromStart, closeTime - window.sizeMs + assigner.slackMs)) {
          const end = assigner.endOf(entry.windowStart);
          if (end <= emittedUntil || end > closeTime) continue;
          const state = decodeGroupState(entry.value);
          context.forward({
            row: [...state.keyValues, ...aggregator.results(state.accumulators), BigInt(entry.windowStart), BigInt(end)],
            oldRow: null,
            timestampMs: state.timestampMs,
            isDelete: false,
          });
        }
        emitted!.put(EMITTED_KEY, Buffer.from(String(closeTime)));
      };
      return {
        process(change) {
          const recordTime = change.timestampMs;
          streamTimeMs = Math.max(streamTimeMs, recordTime);
          const closeTime = streamTimeMs - window.graceMs;
          const keyValues = change.row.slice(0, keyCount);
          const key = encodeGroupKey(keyValues);
          const keyText = bytesText(key);
          let windows = updated.get(keyText);
          for (const { start, end } of assigner.windowsFor(recordTime)) {
            if (end <= closeTime) {
              late.dropped(context.partition);
              continue;
            }
            const state = windows?.get(start)?.state ?? storedState(key, start);
            const previous = state === undefined || !withOldRows ? null : aggregator.results(state.accumulators);
            const accumulators = aggregator.add((state ?? aggregator.initial(keyValues)).accumulators, change.row);
            const timestampMs = Math.max(state?.timestampMs ?? Number.NEGATIVE_INFINITY, recordTime);
            if (windows === undefined) {
              windows = new Map();
              updated.set(keyText, windows);
            }
            const before = windows.size;
            windows.set(start, { key, start, state: { timestampMs, keyValues, accumulators } });
            updatedCount += windows.size - before;
            if (emitted !== undefined) continue;
            const bounds = [BigInt(start), BigInt(end)];
            // Only a coalescing emitter reads the position: without one, no text is made of it per record.
            emit(step.coalesce ? `${start}/${keyText}` : '', {
              row: [...keyValues, ...aggregator.results(accumulators), ...bounds],
              oldRow: previous === null ? null : [...keyValues, ...previous, ...bounds],
              timestampMs,
              isDelete: false,
            });
          }
          if (updatedCount > MAX_UPDATED_WINDOWS) {
            takeUpdated((start) => assigner.endOf(start) <= streamTimeMs, true);
            if (updatedCount > MAX_UPDATED_WINDOWS / 2) writeUpdated();
          }
          if (emitted !== undefined) emitClosed(closeTime);
          const expiry = streamTimeMs - window.retentionMs - assigner.slackMs;
          if (expiry - expiredBefore >= window.advanceMs) {
            takeUpdated((start) => start < expiry, false);
            store.expireBefore(expiry);
            expiredBefore = expiry;
          }
        },
      };
    },
  };
}
