// A stream joined to a table: the table's rows are kept per join key (its primary key), and each
// stream record looks up its key's current row, emitting at the stream record's time. The table
// side emits nothing. An inner join drops stream records without a row, a left join pads them
// with NULLs; stream records with a NULL key or no value never join.
import type { JoinStep } from '../../planner/index.js';
import type { KeyValueStore } from '../state/index.js';
import { decodeInternal, encodeInternal } from '../serde/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';
import { joinRows } from './join-rows.js';

export function streamTableJoinProcessor(name: string, step: JoinStep, rightTopics: ReadonlySet<string>, tableStore: string): ProcessorDefinition {
  const rows = joinRows(step, rightTopics);
  const inner = step.joinType === 'INNER';
  return {
    name,
    stores: [tableStore],
    create: (context) => {
      const table = context.store<KeyValueStore>(tableStore);
      return {
        process(change) {
          const record = context.record;
          const side = rows.sideOf(record);
          const key = rows.keyOf(side, change.row, context);
          if (key === null) return;
          const storeKey = rows.storeKeyOf(side, change.row, key);
          if (side === 'right') {
            if (change.isDelete) table.delete(storeKey);
            else table.put(storeKey, encodeInternal(change.row));
            return;
          }
          if (change.isDelete) return;
          const stored = table.get(storeKey);
          if (stored === undefined && inner) return;
          const right = stored === undefined ? null : (decodeInternal(stored) as unknown[]);
          context.forward({ row: rows.combine(change.row, right, key, change.timestampMs, record), oldRow: null, timestampMs: change.timestampMs, isDelete: false });
        },
      };
    },
  };
}
