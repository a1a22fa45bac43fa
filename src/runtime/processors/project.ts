// SELECT expressions and PARTITION BY keys: builds each output row from compiled expressions.
// An expression that fails for one record yields NULL for that column and is logged, as ksqlDB does.
import type { ProjectStep, RowFunction } from '../../planner/index.js';
import type { ProcessorContext, ProcessorDefinition } from '../topology/processor.js';

export function projectProcessor(name: string, step: ProjectStep): ProcessorDefinition {
  const expressions = step.expressions;
  const width = expressions.length;
  const kept = step.keptOnTombstone;
  return {
    name,
    stores: [],
    create: (context) => ({
      process(change) {
        const input = change.row;
        const output = new Array<unknown>(width);
        if (change.isDelete) {
          for (let index = 0; index < width; index++) output[index] = kept[index] ? evaluate(expressions[index]!, input, context, step) : null;
        } else {
          try {
            for (let index = 0; index < width; index++) output[index] = expressions[index]!(input);
          } catch {
            // Slow path, only for a record that failed: find each failing column and null it.
            for (let index = 0; index < width; index++) output[index] = evaluate(expressions[index]!, input, context, step);
          }
        }
        // A table's old row (what a downstream aggregation takes back out) is projected the same way.
        const oldRow = change.oldRow === null ? null : expressions.map((expression) => quietly(expression, change.oldRow!));
        context.forward({ row: output, oldRow, timestampMs: change.timestampMs, isDelete: change.isDelete });
      },
    }),
  };
}

function evaluate(expression: RowFunction, row: readonly unknown[], context: ProcessorContext, step: ProjectStep): unknown {
  try {
    const value = expression(row);
    return value === undefined ? null : value;
  } catch (error) {
    context.recordError(`Error computing expression in ${step.label} (${step.description}): ${(error as Error).message}`);
    return null;
  }
}

/** An old row was logged when it was new: its failures are not logged again. */
function quietly(expression: RowFunction, row: readonly unknown[]): unknown {
  try {
    const value = expression(row);
    return value === undefined ? null : value;
  } catch {
    return null;
  }
}
