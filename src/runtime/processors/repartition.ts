// An internal repartition topic between two sub-topologies: the writing side sends each grouped
// change keyed by its group (so the producer's key hash picks the group's partition), the reading
// side turns the record back into the change.
import type { LogRecord } from '../log/index.js';
import { decodeInternal, encodeInternal } from '../serde/index.js';
import type { Change } from '../topology/change.js';
import type { ProcessorContext, ProcessorDefinition } from '../topology/processor.js';

/**
 * `partitionKey`: the record key that picks the partition; null drops the row (a NULL join key
 * never joins, a key that failed to compute was logged through `context`).
 */
export function repartitionSinkProcessor(
  name: string,
  topic: string,
  partitionKey: (row: readonly unknown[], context: Pick<ProcessorContext, 'recordError'>) => Uint8Array | null,
): ProcessorDefinition {
  return {
    name,
    stores: [],
    create: (context) => ({
      process(change) {
        const key = partitionKey(change.row, context);
        if (key === null) return;
        // A delete without an old row (a source table's tombstone) keeps its row: its key columns say what is deleted.
        const value = encodeInternal([change.isDelete ? null : change.row, change.oldRow, change.isDelete && change.oldRow === null ? change.row : null]);
        context.send({ topic, key, value, timestamp: change.timestampMs });
      },
    }),
  };
}

export function readRepartitioned(record: LogRecord): Change {
  if (record.value === null) throw new Error('A repartition record has no value');
  const [row, oldRow, deleted] = decodeInternal(record.value) as [unknown[] | null, unknown[] | null, unknown[] | null];
  return { row: row ?? oldRow ?? deleted!, oldRow, timestampMs: record.timestamp, isDelete: row === null };
}
