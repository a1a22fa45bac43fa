// COLLECT_LIST and COLLECT_SET: the values in arrival order (the set without repeats), at most
// ksql.functions.collect_list.limit / collect_set.limit of them (1,000 by default). Tables take
// values back out.
import type { SqlType } from '../../types.js';
import type { AggregateImplementation, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';
import { containsValue, valuesEqual } from '../value-order.js';

const DEFAULT_LIMIT = 1000;

type Settings = { get(name: string): string | undefined } | undefined;

function limitOf(config: Settings, name: string): number {
  const text = config?.get(`ksql.functions.${name}.limit`);
  const limit = text === undefined ? Number.NaN : Number(text);
  return Number.isInteger(limit) && limit >= 0 ? limit : DEFAULT_LIMIT;
}

function lastIndexOf(values: readonly unknown[], value: unknown): number {
  for (let index = values.length - 1; index >= 0; index--) if (valuesEqual(values[index], value)) return index;
  return -1;
}

function collectList(limit: number): AggregateImplementation<unknown[]> {
  return {
  initialize: () => [],
  aggregate: (values, value) => (values.length < limit ? [...values, value] : values),
  undo: (values, value) => {
    const index = lastIndexOf(values, value);
    return index < 0 ? values : [...values.slice(0, index), ...values.slice(index + 1)];
  },
  merge: (left, right) => [...left, ...right].slice(0, limit),
  result: (values) => [...values],
  };
}

function collectSet(limit: number): AggregateImplementation<unknown[]> {
  return {
  initialize: () => [],
  aggregate: (values, value) => (values.length < limit && !containsValue(values, value) ? [...values, value] : values),
  undo: (values, value) => values.filter((item) => !valuesEqual(item, value)),
  merge: (left, right) => [...left, ...right.filter((value) => !containsValue(left, value))].slice(0, limit),
  result: (values) => [...values],
  };
}

const arrayOfArgument = (argTypes: readonly SqlType[]): SqlType => ({ kind: 'ARRAY', element: argTypes[0]! });

export const COLLECT_LIST: FunctionDefinition = {
  name: 'COLLECT_LIST',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The values as an array, in arrival order.',
  overloads: [{ params: [P.var('T')], paramNames: ['col1'], returns: arrayOfArgument, create: (_argTypes, _literals, config) => collectList(limitOf(config, 'collect_list')) as AggregateImplementation }],
};

export const COLLECT_SET: FunctionDefinition = {
  name: 'COLLECT_SET',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The distinct values as an array, in order of first arrival.',
  overloads: [{ params: [P.var('T')], paramNames: ['col1'], returns: arrayOfArgument, create: (_argTypes, _literals, config) => collectSet(limitOf(config, 'collect_set')) as AggregateImplementation }],
};
