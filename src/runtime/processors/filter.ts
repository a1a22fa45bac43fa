// WHERE and HAVING: passes rows whose predicate is TRUE. Streams drop the rest; tables forward a
// delete so that a row that stops matching is deleted downstream. A table's old row (where known)
// passes only if it matched: it is the row the change replaces downstream. When the input always
// knows its old rows (an aggregate's results), a row that did not match before and does not match
// now is dropped instead of deleted, as Kafka Streams' KTable filter with old values does.
import type { FilterStep } from '../../planner/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';

export function filterProcessor(name: string, step: FilterStep, isTable: boolean, oldRowsKnown = false): ProcessorDefinition {
  const predicate = step.predicate;
  return {
    name,
    stores: [],
    create: (context) => {
      const matches = (row: readonly unknown[], logErrors: boolean): boolean => {
        try {
          return predicate(row) === true;
        } catch (error) {
          if (logErrors) context.recordError(`Error evaluating predicate ${step.description}: ${(error as Error).message}`);
          return false;
        }
      };
      return {
        process(change) {
          const oldRow = change.oldRow !== null && matches(change.oldRow, false) ? change.oldRow : null;
          const matched = !change.isDelete && matches(change.row, true);
          if (matched) context.forward(oldRow === change.oldRow ? change : { ...change, oldRow });
          else if (isTable && !(oldRowsKnown && oldRow === null)) context.forward({ row: change.row, oldRow, timestampMs: change.timestampMs, isDelete: true });
        },
      };
    },
  };
}
