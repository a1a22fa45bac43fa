// COLLECT_LIST and COLLECT_SET: the values in arrival order (the set without repeats), at most
// 1,000 (ksqlDB's default ksql.functions.collect_*.limit). Tables take values back out.
import type { SqlType } from '../../types.js';
import type { AggregateImplementation, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';
import { containsValue, valuesEqual } from '../value-order.js';

export const COLLECT_LIMIT = 1000;

function lastIndexOf(values: readonly unknown[], value: unknown): number {
  for (let index = values.length - 1; index >= 0; index--) if (valuesEqual(values[index], value)) return index;
  return -1;
}

const collectList: AggregateImplementation<unknown[]> = {
  initialize: () => [],
  aggregate: (values, value) => (values.length < COLLECT_LIMIT ? [...values, value] : values),
  undo: (values, value) => {
    const index = lastIndexOf(values, value);
    return index < 0 ? values : [...values.slice(0, index), ...values.slice(index + 1)];
  },
  merge: (left, right) => [...left, ...right].slice(0, COLLECT_LIMIT),
  result: (values) => [...values],
};

const collectSet: AggregateImplementation<unknown[]> = {
  initialize: () => [],
  aggregate: (values, value) => (values.length < COLLECT_LIMIT && !containsValue(values, value) ? [...values, value] : values),
  undo: (values, value) => values.filter((item) => !valuesEqual(item, value)),
  merge: (left, right) => [...left, ...right.filter((value) => !containsValue(left, value))].slice(0, COLLECT_LIMIT),
  result: (values) => [...values],
};

const arrayOfArgument = (argTypes: readonly SqlType[]): SqlType => ({ kind: 'ARRAY', element: argTypes[0]! });

export const COLLECT_LIST: FunctionDefinition = {
  name: 'COLLECT_LIST',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The values as an array, in arrival order.',
  overloads: [{ params: [P.var('T')], paramNames: ['col1'], returns: arrayOfArgument, create: () => collectList as AggregateImplementation }],
};

export const COLLECT_SET: FunctionDefinition = {
  name: 'COLLECT_SET',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The distinct values as an array, in order of first arrival.',
  overloads: [{ params: [P.var('T')], paramNames: ['col1'], returns: arrayOfArgument, create: () => collectSet as AggregateImplementation }],
};
