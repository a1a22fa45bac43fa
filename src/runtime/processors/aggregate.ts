// GROUP BY without a window: one accumulator set per group in a key-value store. Every change
// updates its group and emits the group's new results (EMIT CHANGES, no caching, as ksqlDB's
// tests run); a table's old row is taken out before its new row goes in. `withOldRows` adds the
// group's previous results to each change, for a HAVING downstream.
import type { AggregateStep } from '../../planner/index.js';
import type { KeyValueStore } from '../state/index.js';
import { encodeGroupKey } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { Aggregator, decodeGroupState, encodeGroupState } from './aggregator.js';
import { createEmitter } from './emitter.js';

export function aggregateProcessor(name: string, storeName: string, step: AggregateStep, withOldRows: boolean): ProcessorDefinition {
  const keyCount = step.keyColumns.length;
  const coalesce = step.coalesce;
  return {
    name,
    stores: [storeName],
    create: (context) => {
      const store = context.store<KeyValueStore>(storeName);
      const aggregator = new Aggregator(step.functions);
      const emit = createEmitter(context, coalesce);
      return {
        process(change) {
          const keyValues = change.row.slice(0, keyCount);
          const key = encodeGroupKey(keyValues);
          const stored = store.get(key);
          const state = stored === undefined ? aggregator.initial(keyValues) : decodeGroupState(stored);
          // Taken before the update: aggregate functions may update accumulators in place.
          const previous = stored === undefined || !withOldRows ? null : aggregator.results(state.accumulators);
          let accumulators = state.accumulators;
          if (change.oldRow !== null) accumulators = aggregator.undo(accumulators, change.oldRow);
          if (!change.isDelete) accumulators = aggregator.add(accumulators, change.row);
          const timestampMs = Math.max(state.timestampMs, change.timestampMs);
          store.put(key, encodeGroupState({ timestampMs, keyValues, accumulators }));
          // The group's previous result travels along: HAVING needs it to know whether to delete.
          const oldRow = previous === null ? null : [...keyValues, ...previous];
          // Only a coalescing emitter reads the key: without one, no text is made of it per record.
          emit(coalesce ? Buffer.from(key).toString('latin1') : '', { row: [...keyValues, ...aggregator.results(accumulators)], oldRow, timestampMs, isDelete: false });
        },
      };
    },
  };
}
