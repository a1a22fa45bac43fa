// SELECT expressions and PARTITION BY keys: builds each output row from compiled expressions.
// An expression that fails for one record yields NULL for that column and is logged, as ksqlDB does.
import type { ProjectStep, RowFunction } from '../../planner/index.js';
import type { Downstream, RecordErrorReporter } from './downstream.js';

export function createProject(step: ProjectStep, downstream: Downstream, errors: RecordErrorReporter): Downstream {
  const expressions = step.expressions;
  const width = expressions.length;
  const kept = step.keptOnTombstone;
  return (row, timestamp, tombstone) => {
    const output = new Array<unknown>(width);
    if (tombstone) {
      for (let index = 0; index < width; index++) output[index] = kept[index] ? evaluate(expressions[index]!, row, errors, step) : null;
      downstream(output, timestamp, true);
      return;
    }
    try {
      for (let index = 0; index < width; index++) output[index] = expressions[index]!(row);
    } catch {
      // Slow path, only for a record that failed: find each failing column and null it.
      for (let index = 0; index < width; index++) output[index] = evaluate(expressions[index]!, row, errors, step);
    }
    downstream(output, timestamp, false);
  };
}

function evaluate(expression: RowFunction, row: readonly unknown[], errors: RecordErrorReporter, step: ProjectStep): unknown {
  try {
    const value = expression(row);
    return value === undefined ? null : value;
  } catch (error) {
    errors.recordError(`Error computing expression in ${step.label} (${step.description}): ${(error as Error).message}`);
    return null;
  }
}
