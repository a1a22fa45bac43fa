// GROUP BY over SESSION windows: a record opens a session [t, t] or merges with every session of
// its key within the gap; the merged sessions are deleted (a tombstone each, as ksqlDB emits) and
// the merged session written. A session that closed (end + gap + grace < stream time) takes no records.
import type { AggregateStep, WindowSpec } from '../../planner/index.js';
import type { SessionStore } from '../state/index.js';
import { encodeGroupKey } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { Aggregator, decodeGroupState, encodeGroupState } from './aggregator.js';
import type { LateRecords } from './late-records.js';

type SessionWindow = Extract<WindowSpec, { kind: 'SESSION' }>;

export function sessionAggregateProcessor(name: string, storeName: string, step: AggregateStep, window: SessionWindow, late: LateRecords): ProcessorDefinition {
  const keyCount = step.keyColumns.length;
  const nulls = step.functions.map(() => null);
  return {
    name,
    stores: [storeName],
    create: (context) => {
      const store = context.store<SessionStore>(storeName);
      const aggregator = new Aggregator(step.functions);
      let streamTimeMs = Number.NEGATIVE_INFINITY;
      let expiredBefore = Number.NEGATIVE_INFINITY;
      return {
        process(change) {
          const recordTime = change.timestampMs;
          streamTimeMs = Math.max(streamTimeMs, recordTime);
          // Kafka Streams closes a session a gap plus the grace period after stream time.
          const closeTime = streamTimeMs - window.gapMs - window.graceMs;
          const keyValues = change.row.slice(0, keyCount);
          const key = encodeGroupKey(keyValues);
          const merged = [...store.findSessions(key, recordTime - window.gapMs, recordTime + window.gapMs)];
          let start = recordTime;
          let end = recordTime;
          for (const session of merged) {
            start = Math.min(start, session.start);
            end = Math.max(end, session.end);
          }
          if (end < closeTime) {
            late.dropped(context.partition);
            return;
          }
          let accumulators = aggregator.initial(keyValues).accumulators;
          const mergedAccumulators = merged.map((session) => decodeGroupState(session.value).accumulators);
          for (const sessionAccumulators of mergedAccumulators) accumulators = aggregator.merge(accumulators, sessionAccumulators);
          // Kafka Streams keeps the sessions when the record adds nothing to their bounds; a
          // session's output is timestamped with its end.
          if (start !== recordTime || end !== recordTime) {
            for (const [index, session] of merged.entries()) {
              store.remove(key, session.start, session.end);
              const bounds = [BigInt(session.start), BigInt(session.end)];
              const oldRow = [...keyValues, ...aggregator.results(mergedAccumulators[index]!), ...bounds];
              context.forward({ row: [...keyValues, ...nulls, ...bounds], oldRow, timestampMs: session.end, isDelete: true });
            }
          }
          accumulators = aggregator.add(accumulators, change.row);
          store.put(key, start, end, encodeGroupState({ timestampMs: end, keyValues, accumulators }));
          context.forward({ row: [...keyValues, ...aggregator.results(accumulators), BigInt(start), BigInt(end)], oldRow: null, timestampMs: end, isDelete: false });
          const expiry = streamTimeMs - window.retentionMs;
          if (expiry - expiredBefore >= window.gapMs) {
            store.expireBefore(expiry);
            expiredBefore = expiry;
          }
        },
      };
    },
  };
}
