// Two tables joined on their primary keys. Each side keeps its rows (with their timestamps) per
// key; a change on one side replaces its row and is combined with the other side's current row,
// as Kafka Streams' KTable-KTable joins do: the new result, and the previous one it replaces (so
// that a result that stops existing becomes a delete). The result's time is the later of the two
// rows'. A side that a join type requires and that is missing gives no result at all.
import type { JoinStep } from '../../planner/index.js';
import type { KeyValueStore } from '../state/index.js';
import { decodeInternal, encodeInternal } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { hasResult, joinRows } from './join-rows.js';

type StoredRow = [timestampMs: number, row: unknown[]];

export function tableTableJoinProcessor(name: string, step: JoinStep, rightTopics: ReadonlySet<string>, leftStore: string, rightStore: string): ProcessorDefinition {
  const rows = joinRows(step, rightTopics);
  const kind = step.joinType;
  return {
    name,
    stores: [leftStore, rightStore],
    create: (context) => {
      const stores = { left: context.store<KeyValueStore>(leftStore), right: context.store<KeyValueStore>(rightStore) };
      const read = (store: KeyValueStore, key: Uint8Array): StoredRow | null => {
        const bytes = store.get(key);
        return bytes === undefined ? null : (decodeInternal(bytes) as StoredRow);
      };
      return {
        process(change) {
          const record = context.record;
          const side = rows.sideOf(record);
          const key = rows.keyOf(side, change.row, context);
          if (key === null) return;
          const storeKey = rows.storeKeyOf(side, change.row, key);
          const own = stores[side];
          const previous = read(own, storeKey);
          const oldRow = change.oldRow ?? previous?.[1] ?? null;
          if (change.isDelete) {
            if (previous === null && change.oldRow === null) return;
            own.delete(storeKey);
          } else {
            own.put(storeKey, encodeInternal([change.timestampMs, change.row] satisfies StoredRow));
          }
          const other = read(side === 'left' ? stores.right : stores.left, storeKey);
          const otherRow = other?.[1] ?? null;
          const result = (row: unknown[] | null): [unknown[] | null, unknown[] | null] | null => {
            const pair: [unknown[] | null, unknown[] | null] = side === 'left' ? [row, otherRow] : [otherRow, row];
            return hasResult(kind, pair[0] !== null, pair[1] !== null) ? pair : null;
          };
          const next = result(change.isDelete ? null : change.row);
          const prev = result(oldRow);
          if (next === null && prev === null) return;
          const timestampMs = other === null ? change.timestampMs : Math.max(change.timestampMs, other[0]);
          const combine = (pair: [unknown[] | null, unknown[] | null]) => rows.combine(pair[0], pair[1], key, timestampMs, record);
          const prevRow = prev === null ? null : combine(prev);
          if (next === null) {
            context.forward({ row: prevRow!, oldRow: prevRow, timestampMs, isDelete: true });
            return;
          }
          context.forward({ row: combine(next), oldRow: prevRow, timestampMs, isDelete: false });
        },
      };
    },
  };
}
