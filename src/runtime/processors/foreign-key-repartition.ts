// The left table of a foreign-key join, moved to the partition of each row's foreign key (the
// right table's key there). A row whose foreign key changed leaves its old key's partition with a
// delete that emits nothing, and joins the new one; what the join emits when the right row is
// missing follows Kafka Streams' subscription instructions. A row with a NULL foreign key never
// joins: it travels keyed by its own key, so a left join can still emit it NULL-padded.
import type { LogRecord } from '../log/index.js';
import { decodeInternal, encodeGroupKey, encodeInternal } from '../serde/index.js';
import type { Change } from '../topology/change.js';
import type { ProcessorDefinition } from '../topology/processor.js';

export type ForeignKeyInstruction =
  /** The foreign key changed: forget the row under its old key, emit nothing. */
  | 'delete-no-propagate'
  /** The left row was deleted: forget it and delete its result. */
  | 'delete'
  /** Emit the result, or (inner join) a delete of it when the right row is missing. */
  | 'propagate-null-if-missing'
  /** Emit the result only when the right row exists. */
  | 'propagate-if-found'
  /** The foreign key is NULL (a left join): no right row can match, the row is emitted NULL-padded. */
  | 'null-foreign-key';

/** A change of the left table as the join receives it. */
export interface ForeignKeyChange extends Change {
  readonly instruction: ForeignKeyInstruction;
}

export function foreignKeyRepartitionProcessor(
  name: string,
  topic: string,
  foreignKeyOf: (row: readonly unknown[]) => unknown,
  serialiseForeignKey: (value: unknown) => Uint8Array,
  /** A left row's own key columns (a source table's, or an earlier join's key). */
  leftRowKey: (row: readonly unknown[]) => readonly unknown[],
  leftJoin: boolean,
): ProcessorDefinition {
  return {
    name,
    stores: [],
    create: (context) => {
      // A foreign key that fails to compute is NULL; the new row's failure goes to the processing
      // log (the old row's was logged when it arrived).
      const foreignKey = (row: readonly unknown[] | null, report: boolean): unknown => {
        if (row === null) return null;
        try {
          return foreignKeyOf(row) ?? null;
        } catch (error) {
          if (report) context.recordError(`Error computing the foreign key of a foreign-key join: ${(error as Error).message}`);
          return null;
        }
      };
      const send = (key: unknown, row: readonly unknown[], instruction: ForeignKeyInstruction, timestamp: number) => {
        const recordKey = key === null ? encodeGroupKey(leftRowKey(row)) : serialiseForeignKey(key);
        context.send({ topic, key: recordKey, value: encodeInternal([instruction, row]), timestamp });
      };
      return {
        process(change) {
          const timestamp = change.timestampMs;
          const oldRow = change.oldRow;
          const oldKey = foreignKey(oldRow, false);
          if (change.isDelete) {
            if (oldRow !== null) send(oldKey, oldRow, 'delete', timestamp);
            return;
          }
          const newKey = foreignKey(change.row, true);
          const changed = oldRow !== null && !sameKey(oldKey, newKey);
          if (newKey === null) {
            if (!leftJoin) {
              // An inner join's result is gone with the foreign key.
              if (oldRow !== null && oldKey !== null) send(oldKey, oldRow, 'delete', timestamp);
              return;
            }
            if (changed && oldKey !== null) send(oldKey, oldRow, 'delete-no-propagate', timestamp);
            send(null, change.row, 'null-foreign-key', timestamp);
            return;
          }
          if (changed && oldKey !== null) send(oldKey, oldRow, 'delete-no-propagate', timestamp);
          send(newKey, change.row, leftJoin || changed ? 'propagate-null-if-missing' : 'propagate-if-found', timestamp);
        },
      };
    },
  };
}

function sameKey(left: unknown, right: unknown): boolean {
  if (left === null || right === null) return left === right;
  return Buffer.from(encodeGroupKey([left])).equals(encodeGroupKey([right]));
}

export function readForeignKeyRepartitioned(record: LogRecord): ForeignKeyChange {
  if (record.value === null) throw new Error('A foreign-key repartition record has no value');
  const [instruction, row] = decodeInternal(record.value) as [ForeignKeyInstruction, unknown[]];
  const isDelete = instruction === 'delete' || instruction === 'delete-no-propagate';
  return { row, oldRow: null, timestampMs: record.timestamp, isDelete, instruction };
}
