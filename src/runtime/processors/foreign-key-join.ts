// A table joined to another table's primary key through a column of its rows (a foreign key),
// after the left rows have moved to their foreign key's partition. Left rows are kept per
// (foreign key, own key) and right rows per key; a left change looks its right row up, a right
// change updates every left row that references it. Results are keyed by the left row's key.
import type { JoinStep } from '../../planner/index.js';
import type { KeyValueStore } from '../state/index.js';
import { decodeInternal, encodeGroupKey, encodeInternal } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import type { ForeignKeyChange } from './foreign-key-repartition.js';
import { joinRows } from './join-rows.js';

type StoredRow = [timestampMs: number, row: unknown[]];

/** `foreignKey ++ leftKey`, length-prefixed so that one foreign key's rows are one key range. */
function subscriptionKey(foreignKey: Uint8Array, leftKey: Uint8Array): Uint8Array {
  const key = new Uint8Array(4 + foreignKey.length + leftKey.length);
  new DataView(key.buffer).setUint32(0, foreignKey.length);
  key.set(foreignKey, 4);
  key.set(leftKey, 4 + foreignKey.length);
  return key;
}

/** The left rows referencing a foreign key: the key range starting with its prefix. */
function* subscribers(store: KeyValueStore, foreignKey: Uint8Array): Generator<Uint8Array> {
  const prefix = Buffer.from(subscriptionKey(foreignKey, new Uint8Array(0)));
  for (const [key, value] of store.range(prefix, undefined)) {
    if (key.length < prefix.length || !prefix.equals(key.subarray(0, prefix.length))) return;
    yield value;
  }
}

/** `leftRowKey`: a left row's own key columns (a source table's, or an earlier join's key). */
export function foreignKeyJoinProcessor(
  name: string,
  step: JoinStep,
  rightTopics: ReadonlySet<string>,
  leftStore: string,
  rightStore: string,
  leftRowKey: (row: readonly unknown[]) => readonly unknown[],
): ProcessorDefinition {
  const rows = joinRows(step, rightTopics);
  const leftJoin = step.joinType === 'LEFT';
  return {
    name,
    stores: [leftStore, rightStore],
    create: (context) => {
      const subscriptions = context.store<KeyValueStore>(leftStore);
      const table = context.store<KeyValueStore>(rightStore);
      const emit = (left: unknown[], right: unknown[] | null, timestampMs: number) => {
        const key = leftRowKey(left)[0];
        const row = rows.combine(left, right, key, timestampMs, context.record);
        // A delete carries the row it deletes (for its key), as a table-table join's do.
        const isDelete = right === null && !leftJoin;
        context.forward({ row, oldRow: isDelete ? row : null, timestampMs, isDelete });
      };
      return {
        process(change) {
          const record = context.record;
          const timestampMs = change.timestampMs;
          if (rows.sideOf(record) === 'right') {
            const key = rows.keyOf('right', change.row, context);
            if (key === null) return;
            const foreignKey = encodeGroupKey([key]);
            if (change.isDelete) table.delete(foreignKey);
            else table.put(foreignKey, encodeInternal([timestampMs, change.row] satisfies StoredRow));
            // Read first: the results are emitted once the scan is done.
            const lefts = [...subscribers(subscriptions, foreignKey)].map((value) => (decodeInternal(value) as StoredRow)[1]);
            for (const left of lefts) emit(left, change.isDelete ? null : change.row, timestampMs);
            return;
          }
          const { instruction } = change as ForeignKeyChange;
          const left = change.row;
          if (instruction === 'null-foreign-key') {
            emit(left, null, timestampMs);
            return;
          }
          const foreignKeyValue = rows.keyOf('left', left, context);
          const foreignKey = foreignKeyValue === null ? undefined : encodeGroupKey([foreignKeyValue]);
          const subscription = foreignKey === undefined ? undefined : subscriptionKey(foreignKey, encodeGroupKey(leftRowKey(left)));
          if (instruction === 'delete' || instruction === 'delete-no-propagate') {
            if (subscription !== undefined) subscriptions.delete(subscription);
            if (instruction === 'delete') {
              const deleted = rows.combine(left, null, leftRowKey(left)[0], timestampMs, record);
              context.forward({ row: deleted, oldRow: deleted, timestampMs, isDelete: true });
            }
            return;
          }
          subscriptions.put(subscription!, encodeInternal([timestampMs, left] satisfies StoredRow));
          const stored = table.get(foreignKey!);
          const right = stored === undefined ? null : (decodeInternal(stored) as StoredRow)[1];
          if (right === null && instruction === 'propagate-if-found') return;
          emit(left, right, timestampMs);
        },
      };
    },
  };
}
