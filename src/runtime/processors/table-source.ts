// A source table read by a stateful query (or a join's results that a foreign-key join reads):
// materialises each key's current row in a key-value store, so that a change carries the row it
// replaces (what a table aggregation takes back out, and a foreign-key join's old foreign key).
// A delete of a key the table never held changes nothing and is dropped.
import type { KeyValueStore } from '../state/index.js';
import { decodeInternal, encodeGroupKey, encodeInternal } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';

/** `keyOf`: a row's key columns. */
export function tableSourceProcessor(name: string, storeName: string, keyOf: (row: readonly unknown[]) => readonly unknown[]): ProcessorDefinition {
  return {
    name,
    stores: [storeName],
    create: (context) => {
      const store = context.store<KeyValueStore>(storeName);
      return {
        process(change) {
          const key = encodeGroupKey(keyOf(change.row));
          const stored = store.get(key);
          const oldRow = stored === undefined ? null : (decodeInternal(stored) as unknown[]);
          if (change.isDelete) {
            if (oldRow === null) return;
            store.delete(key);
          } else {
            store.put(key, encodeInternal(change.row));
          }
          context.forward({ row: change.row, oldRow, timestampMs: change.timestampMs, isDelete: change.isDelete });
        },
      };
    },
  };
}
