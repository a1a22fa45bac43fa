// Tiny function definitions for planner tests; the real library lives in src/planner/functions/.
import type { FunctionDefinition, TypePattern } from '../../src/planner/functions/registry-types.js';
import { FunctionRegistry } from '../../src/planner/functions/registry.js';
import { SqlTypes, type SqlType } from '../../src/planner/types.js';

const exact = (type: SqlType): TypePattern => ({ kind: 'exact', type });
const variable = (name: string): TypePattern => ({ kind: 'var', name });

const definitions: FunctionDefinition[] = [
  {
    name: 'ADD_ONE',
    category: 'MATH',
    description: 'x + 1',
    type: 'SCALAR',
    overloads: [{ params: [exact(SqlTypes.INTEGER)], returns: exact(SqlTypes.INTEGER), create: () => (value) => (value as number) + 1 }],
  },
  {
    name: 'CHECKED_DIVIDE',
    category: 'MATH',
    description: 'integer division that fails on zero',
    type: 'SCALAR',
    overloads: [
      {
        params: [exact(SqlTypes.INTEGER), exact(SqlTypes.INTEGER)],
        returns: exact(SqlTypes.INTEGER),
        create: () => (dividend, divisor) => {
          if (divisor === 0) throw new RangeError('divisor is zero');
          return Math.trunc((dividend as number) / (divisor as number));
        },
      },
    ],
  },
  {
    name: 'IFNULL',
    category: 'CONDITIONAL',
    description: 'first non-null',
    type: 'SCALAR',
    overloads: [
      {
        params: [variable('T'), variable('T')],
        returns: variable('T'),
        nulls: 'handlesNulls',
        create: () => (value, fallback) => value ?? fallback,
      },
    ],
  },
  {
    name: 'GREATEST',
    category: 'MATH',
    description: 'largest value',
    type: 'SCALAR',
    overloads: [SqlTypes.INTEGER, SqlTypes.BIGINT, SqlTypes.DOUBLE].map((type) => ({
      params: [exact(type), exact(type)],
      variadic: true,
      returns: exact(type),
      nulls: 'handlesNulls' as const,
      create: () => (...values: unknown[]) =>
        values.filter((value) => value !== null).reduce((best, value) => ((value as number) > (best as number) ? value : best)),
    })),
  },
  {
    name: 'TRANSFORM',
    category: 'LAMBDA',
    description: 'maps an array',
    type: 'SCALAR',
    overloads: [
      {
        params: [{ kind: 'array', element: variable('T') }, { kind: 'lambda', params: [variable('T')], result: variable('U') }],
        returns: { kind: 'array', element: variable('U') },
        create: () => (values, mapper) => (values as unknown[]).map(mapper as (value: unknown) => unknown),
      },
    ],
  },
  {
    name: 'REDUCE',
    category: 'LAMBDA',
    description: 'folds an array',
    type: 'SCALAR',
    overloads: [
      {
        params: [
          { kind: 'array', element: variable('T') },
          variable('S'),
          { kind: 'lambda', params: [variable('S'), variable('T')], result: variable('S') },
        ],
        returns: variable('S'),
        create: () => (values, initial, reducer) =>
          (values as unknown[]).reduce((state, value) => (reducer as (s: unknown, v: unknown) => unknown)(state, value), initial),
      },
    ],
  },
  {
    name: 'LATEST_DATE',
    category: 'DATE / TIME',
    description: 'latest of some dates',
    type: 'SCALAR',
    overloads: [
      {
        params: [exact(SqlTypes.DATE), exact(SqlTypes.DATE)],
        variadic: true,
        returns: exact(SqlTypes.DATE),
        create: () => (...days: unknown[]) => Math.max(...(days as number[])),
      },
    ],
  },
  {
    name: 'UNIT_NAME',
    category: 'DATE / TIME',
    description: 'echoes a time unit',
    type: 'SCALAR',
    overloads: [{ params: [{ kind: 'timeUnit' }], returns: exact(SqlTypes.STRING), create: () => (unit) => unit }],
  },
  {
    name: 'BOOM',
    category: 'OTHER',
    description: 'always fails',
    type: 'SCALAR',
    overloads: [
      {
        params: [],
        returns: exact(SqlTypes.STRING),
        create: () => () => {
          throw new Error('kaboom');
        },
      },
    ],
  },
  {
    name: 'COUNT',
    category: 'AGGREGATE',
    description: 'counts',
    type: 'AGGREGATE',
    overloads: [
      {
        params: [{ kind: 'any' }],
        returns: exact(SqlTypes.BIGINT),
        create: () => ({ initialize: () => 0n, aggregate: (count) => (count as bigint) + 1n, result: (count) => count }),
      },
    ],
  },
  {
    name: 'EXPLODE',
    category: 'TABLE',
    description: 'one row per element',
    type: 'TABLE',
    overloads: [
      {
        params: [{ kind: 'array', element: exact(SqlTypes.decimal(10, 2)) }],
        returns: exact(SqlTypes.decimal(10, 2)),
        create: () => (values) => values as unknown[],
      },
      {
        params: [{ kind: 'array', element: variable('T') }],
        paramNames: ['list'],
        returns: variable('T'),
        create: () => (values) => values as unknown[],
      },
    ],
  },
];

export function testRegistry(): FunctionRegistry {
  const registry = new FunctionRegistry();
  for (const definition of definitions) registry.register(definition);
  return registry;
}
