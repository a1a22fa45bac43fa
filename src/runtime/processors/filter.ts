// WHERE: passes rows whose predicate is TRUE. Streams drop the rest; tables forward a tombstone
// so that a row that stops matching is deleted downstream.
import type { FilterStep } from '../../planner/index.js';
import type { Downstream, RecordErrorReporter } from './downstream.js';

export function createFilter(
  step: FilterStep,
  isTable: boolean,
  downstream: Downstream,
  errors: RecordErrorReporter,
): Downstream {
  const predicate = step.predicate;
  return (row, timestamp, tombstone) => {
    if (tombstone) {
      if (isTable) downstream(row, timestamp, true);
      return;
    }
    let matches: unknown;
    try {
      matches = predicate(row);
    } catch (error) {
      errors.recordError(`Error evaluating predicate ${step.description}: ${(error as Error).message}`);
      matches = false;
    }
    if (matches === true) downstream(row, timestamp, false);
    else if (isTable) downstream(row, timestamp, true);
  };
}
