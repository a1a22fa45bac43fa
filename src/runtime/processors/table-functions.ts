// Table functions (EXPLODE, CUBE_EXPLODE): one input row becomes one row per result element,
// several functions zipped together with NULL padding for the shorter results.
import type { TableFunctionStep } from '../../planner/index.js';
import type { Downstream, RecordErrorReporter } from './downstream.js';

export function createTableFunctions(step: TableFunctionStep, downstream: Downstream, errors: RecordErrorReporter): Downstream {
  const functions = step.functions;
  return (row, timestamp, tombstone) => {
    if (tombstone) return;
    const results: (readonly unknown[] | null)[] = [];
    try {
      for (const tableFunction of functions) results.push(tableFunction(row));
    } catch (error) {
      errors.recordError(`Error in table function ${step.description}: ${(error as Error).message}`);
      return;
    }
    const length = Math.max(0, ...results.map((result) => result?.length ?? 0));
    for (let position = 0; position < length; position++) {
      const output = row.slice();
      for (const result of results) {
        const value = result !== null && position < result.length ? result[position] : null;
        output.push(value === undefined ? null : value);
      }
      downstream(output, timestamp, false);
    }
  };
}
