// GROUP BY without a window: one accumulator set per group in a key-value store, read and written
// through a cache of decoded groups (written to the store when the task commits). Every change
// updates its group and emits the group's new results (EMIT CHANGES, no caching, as ksqlDB's
// tests run); a table's old row is taken out before its new row goes in. `withOldRows` adds the
// group's previous results to each change, for a HAVING downstream.
import type { AggregateStep } from '../../planner/index.js';
import type { KeyValueStore } from '../state/index.js';
import { bytesText, encodeGroupKey } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { Aggregator } from './aggregator.js';
import { createEmitter } from './emitter.js';
import { GroupCache } from './group-cache.js';

export function aggregateProcessor(name: string, storeName: string, step: AggregateStep, withOldRows: boolean): ProcessorDefinition {
  const keyCount = step.keyColumns.length;
  const coalesce = step.coalesce;
  return {
    name,
    stores: [storeName],
    create: (context) => {
      const groups = new GroupCache(context.store<KeyValueStore>(storeName));
      // An abort forgets the cached groups, as the store rolls back.
      context.onCommit({ flush: () => groups.flush(), discard: () => groups.discard() });
      const aggregator = new Aggregator(step.functions);
      const emit = createEmitter(context, coalesce);
      return {
        process(change) {
          const keyValues = change.row.slice(0, keyCount);
          const key = encodeGroupKey(keyValues);
          const keyText = bytesText(key);
          const cached = groups.get(keyText, key);
          const state = cached ?? aggregator.initial(keyValues);
          const previous = cached === undefined || !withOldRows ? null : aggregator.results(state.accumulators);
          // Aggregate functions return new accumulators: the cached state is replaced, not changed.
          let accumulators = state.accumulators;
          if (change.oldRow !== null) accumulators = aggregator.undo(accumulators, change.oldRow);
          if (!change.isDelete) accumulators = aggregator.add(accumulators, change.row);
          const timestampMs = Math.max(state.timestampMs, change.timestampMs);
          groups.put(keyText, key, { timestampMs, keyValues, accumulators });
          // The group's previous result travels along: HAVING needs it to know whether to delete.
          const oldRow = previous === null ? null : [...keyValues, ...previous];
          emit(keyText, { row: [...keyValues, ...aggregator.results(accumulators)], oldRow, timestampMs, isDelete: false });
        },
      };
    },
  };
}
