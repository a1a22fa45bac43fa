// WHERE: passes rows whose predicate is TRUE. Streams drop the rest; tables forward a delete so
// that a row that stops matching is deleted downstream.
import type { FilterStep } from '../../planner/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';

export function filterProcessor(name: string, step: FilterStep, isTable: boolean): ProcessorDefinition {
  const predicate = step.predicate;
  return {
    name,
    stores: [],
    create: (context) => ({
      process(change) {
        if (change.isDelete) {
          if (isTable) context.forward(change);
          return;
        }
        let matches: unknown;
        try {
          matches = predicate(change.row);
        } catch (error) {
          context.recordError(`Error evaluating predicate ${step.description}: ${(error as Error).message}`);
          matches = false;
        }
        if (matches === true) context.forward(change);
        else if (isTable) context.forward({ row: change.row, oldRow: change.oldRow, timestampMs: change.timestampMs, isDelete: true });
      },
    }),
  };
}
