// COUNT(*), COUNT() and COUNT(col): rows, or non-NULL values of col. Tables take rows back out.
import type { AggregateImplementation, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';

const countRows: AggregateImplementation<bigint> = {
  initialize: () => 0n,
  aggregate: (count) => count + 1n,
  undo: (count) => count - 1n,
  merge: (left, right) => left + right,
  result: (count) => count,
};

const countValues: AggregateImplementation<bigint> = {
  initialize: () => 0n,
  aggregate: (count, value) => (value === null ? count : count + 1n),
  undo: (count, value) => (value === null ? count : count - 1n),
  merge: (left, right) => left + right,
  result: (count) => count,
};

export const COUNT: FunctionDefinition = {
  name: 'COUNT',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'Counts records; with a column, the records where it is not NULL.',
  overloads: [
    { params: [], returns: P.bigint, create: () => countRows as AggregateImplementation },
    { params: [P.var('T')], paramNames: ['col1'], returns: P.bigint, create: () => countValues as AggregateImplementation },
  ],
};
