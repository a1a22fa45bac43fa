// Table functions: EXPLODE (one row per array element) and CUBE_EXPLODE (one row per grouping-set combination).
import type { FunctionDefinition, TableOverload } from './registry-types.js';
import { P, arrayElementType } from './patterns.js';

/** EXPLODE: each element; a null array gives no rows. */
function explode(values: unknown): readonly unknown[] {
  return Array.isArray(values) ? values : [];
}

/**
 * CUBE_EXPLODE: every combination of keeping or nulling each element, the first element varying
 * slowest and null before the value. A null element has one choice only, so duplicates never appear.
 *   [1, 2]    → [null,null] [null,2] [1,null] [1,2]
 *   [1, null] → [null,null] [1,null]
 */
function cubeCombinations(values: unknown): readonly unknown[] {
  if (!Array.isArray(values)) return [];
  let combinations: unknown[][] = [[]];
  for (const value of values) {
    const choices = value === null ? [null] : [null, value];
    combinations = combinations.flatMap((prefix) => choices.map((choice) => [...prefix, choice]));
  }
  return combinations;
}

function overload(
  params: TableOverload['params'],
  returns: TableOverload['returns'],
  run: (value: unknown) => readonly unknown[],
  paramNames?: readonly string[],
): TableOverload {
  return { params, returns, create: () => run, ...(paramNames === undefined ? {} : { paramNames }) };
}

export const TABLE_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'EXPLODE',
    type: 'TABLE',
    category: 'TABLE',
    description: 'One row per element of an array.',
    overloads: [
      // P.decimal names no single type, so the row type is read from the argument's element type.
      overload([P.array(P.decimal)], (argTypes) => arrayElementType(argTypes, 0), explode, ['input']),
      overload([P.array(P.var('T'))], P.var('T'), explode, ['list']),
    ],
  },
  {
    name: 'CUBE_EXPLODE',
    type: 'TABLE',
    category: 'TABLE',
    description: 'One row per combination of the array elements kept or replaced by null.',
    overloads: [overload([P.array(P.var('T'))], P.array(P.var('T')), cubeCombinations)],
  },
];
