// SUM, AVG and SUM_LIST: NULLs are skipped; an empty group sums to 0 (AVG to 0.0, as ksqlDB maps
// an empty average). SUM keeps its input's type; AVG is DOUBLE. Tables take values back out.
import type { SqlType } from '../../types.js';
import type { AggregateImplementation, AggregateOverload, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';
import { numericOps } from './numeric.js';

const NUMERIC_PARAMS = [P.int, P.bigint, P.double, P.decimal];

function sumOf(type: SqlType): AggregateImplementation {
  const ops = numericOps(type);
  return {
    initialize: () => ops.zero,
    aggregate: (sum, value) => (value === null || value === undefined ? sum : ops.add(sum, value)),
    undo: (sum, value) => (value === null || value === undefined ? sum : ops.subtract(sum, value)),
    merge: (left, right) => ops.add(left, right),
    result: (sum) => sum,
  };
}

interface Average {
  sum: unknown;
  count: number;
}

function averageOf(type: SqlType): AggregateImplementation<Average> {
  const ops = numericOps(type);
  return {
    initialize: () => ({ sum: ops.zero, count: 0 }),
    aggregate: (average, value) => (value === null ? average : { sum: ops.add(average.sum, value), count: average.count + 1 }),
    undo: (average, value) => (value === null ? average : { sum: ops.subtract(average.sum, value), count: average.count - 1 }),
    merge: (left, right) => ({ sum: ops.add(left.sum, right.sum), count: left.count + right.count }),
    result: (average) => (average.count === 0 ? 0 : ops.toDouble(average.sum) / average.count),
  };
}

function sumList(type: SqlType): AggregateImplementation {
  const ops = numericOps(type);
  const total = (values: unknown): unknown =>
    Array.isArray(values) ? values.reduce((sum: unknown, value: unknown) => (value === null ? sum : ops.add(sum, value)), ops.zero) : ops.zero;
  return {
    initialize: () => ops.zero,
    aggregate: (sum, values) => ops.add(sum, total(values)),
    undo: (sum, values) => ops.subtract(sum, total(values)),
    merge: (left, right) => ops.add(left, right),
    result: (sum) => sum,
  };
}

const sameType = (argTypes: readonly SqlType[]) => argTypes[0]!;

export const SUM: FunctionDefinition = {
  name: 'SUM',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The sum of the values, NULLs skipped.',
  overloads: NUMERIC_PARAMS.map((param): AggregateOverload => ({ params: [param], paramNames: ['col1'], returns: sameType, create: (argTypes) => sumOf(argTypes[0]!) })),
};

export const AVG: FunctionDefinition = {
  name: 'AVG',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The average of the values, NULLs skipped, as a DOUBLE.',
  overloads: NUMERIC_PARAMS.map(
    (param): AggregateOverload => ({ params: [param], paramNames: ['col1'], returns: P.double, create: (argTypes) => averageOf(argTypes[0]!) as AggregateImplementation }),
  ),
};

export const SUM_LIST: FunctionDefinition = {
  name: 'SUM_LIST',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The sum of the elements of every array, NULLs skipped.',
  overloads: [P.int, P.bigint, P.double].map(
    (element): AggregateOverload => ({
      params: [P.array(element)],
      paramNames: ['col1'],
      returns: (argTypes) => (argTypes[0]!.kind === 'ARRAY' ? argTypes[0]!.element : argTypes[0]!),
      create: (argTypes) => sumList(argTypes[0]!.kind === 'ARRAY' ? argTypes[0]!.element : argTypes[0]!),
    }),
  ),
};
