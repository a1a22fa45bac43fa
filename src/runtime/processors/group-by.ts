// GROUP BY's first half: prepares each row (its group key values, then every aggregate call's
// arguments) and hands its group a change. A table's changed row gives its old group an undo and
// its new group an add, in one change when the group is the same. A row with a NULL group key
// value is left out, as ksqlDB does, and said so in the processing log.
import type { AggregateStep, RowFunction } from '../../planner/index.js';
import { encodeGroupKey } from '../serde/index.js';
import type { Change } from '../topology/change.js';
import type { ProcessorContext, ProcessorDefinition } from '../topology/processor.js';

/**
 * A change between GROUP BY and the aggregation: `row` is the prepared row to add (when not
 * `isDelete`), `oldRow` the prepared row to take out (a table's previous value), both in the same group.
 */
export type GroupedChange = Change;

export function groupByProcessor(name: string, step: AggregateStep): ProcessorDefinition {
  const prepare = step.prepare;
  const keyCount = step.keyColumns.length;
  return {
    name,
    stores: [],
    create: (context) => {
      const prepared = (row: readonly unknown[]): unknown[] | null => {
        const output = prepareRow(prepare, row, context, step);
        for (let index = 0; index < keyCount; index++) {
          if (output[index] !== null) continue;
          context.recordError(`Group-by column with index ${index} resolved to null. The source row will be excluded from the table.`);
          return null;
        }
        return output;
      };
      return {
        process(change) {
          const added = change.isDelete ? null : prepared(change.row);
          const removed = change.oldRow === null ? null : prepared(change.oldRow);
          const timestampMs = change.timestampMs;
          if (added !== null && removed !== null && sameGroup(added, removed, keyCount)) {
            context.forward({ row: added, oldRow: removed, timestampMs, isDelete: false });
            return;
          }
          if (removed !== null) context.forward({ row: removed, oldRow: removed, timestampMs, isDelete: true });
          if (added !== null) context.forward({ row: added, oldRow: null, timestampMs, isDelete: false });
        },
      };
    },
  };
}

function sameGroup(left: readonly unknown[], right: readonly unknown[], keyCount: number): boolean {
  return Buffer.from(encodeGroupKey(left.slice(0, keyCount))).equals(encodeGroupKey(right.slice(0, keyCount)));
}

function prepareRow(prepare: readonly RowFunction[], row: readonly unknown[], context: ProcessorContext, step: AggregateStep): unknown[] {
  const output = new Array<unknown>(prepare.length);
  for (let index = 0; index < prepare.length; index++) {
    try {
      const value = prepare[index]!(row);
      output[index] = value === undefined ? null : value;
    } catch (error) {
      context.recordError(`Error computing GROUP BY input (${step.description}): ${(error as Error).message}`);
      output[index] = null;
    }
  }
  return output;
}
