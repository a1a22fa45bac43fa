// Null-handling functions: COALESCE, IFNULL and NULLIF.
import type { FunctionDefinition } from './registry-types.js';
import { P, fixed } from './patterns.js';
import { valuesEqual } from './value-order.js';

const T = P.var('T');

export const CONDITIONAL_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'COALESCE',
    type: 'SCALAR',
    category: 'CONDITIONAL',
    description: 'The first non-null argument, or null when all are null.',
    overloads: [
      fixed([T, T], T, (...values: unknown[]) => values.find((value) => value !== null) ?? null, {
        variadic: true,
        nulls: 'handlesNulls',
      }),
    ],
  },
  {
    name: 'IFNULL',
    type: 'SCALAR',
    category: 'CONDITIONAL',
    description: 'The first argument, or the second when the first is null.',
    overloads: [fixed([T, T], T, (value: unknown, fallback: unknown) => value ?? fallback, { nulls: 'handlesNulls' })],
  },
  {
    name: 'NULLIF',
    type: 'SCALAR',
    category: 'CONDITIONAL',
    description: 'Null when both arguments are equal, otherwise the first.',
    overloads: [
      fixed([T, T], T, (value: unknown, other: unknown) => (value !== null && valuesEqual(value, other) ? null : value), {
        nulls: 'handlesNulls',
      }),
    ],
  },
];
