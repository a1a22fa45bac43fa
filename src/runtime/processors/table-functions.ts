// Table functions (EXPLODE, CUBE_EXPLODE): one input row becomes one row per result element,
// several functions zipped together with NULL padding for the shorter results.
import type { TableFunctionStep } from '../../planner/index.js';
import type { ProcessorDefinition } from '../topology/processor.js';

export function tableFunctionsProcessor(name: string, step: TableFunctionStep): ProcessorDefinition {
  const functions = step.functions;
  return {
    name,
    stores: [],
    create: (context) => ({
      process(change) {
        if (change.isDelete) return;
        const row = change.row;
        const results: (readonly unknown[] | null)[] = [];
        try {
          for (const tableFunction of functions) results.push(tableFunction(row));
        } catch (error) {
          context.recordError(`Error in table function ${step.description}: ${(error as Error).message}`);
          return;
        }
        const length = Math.max(0, ...results.map((result) => result?.length ?? 0));
        for (let position = 0; position < length; position++) {
          const output = row.slice();
          for (const result of results) {
            const value = result !== null && position < result.length ? result[position] : null;
            output.push(value === undefined ? null : value);
          }
          context.forward({ row: output, oldRow: null, timestampMs: change.timestampMs, isDelete: false });
        }
      },
    }),
  };
}
