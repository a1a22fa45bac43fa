// Short constructors for the type patterns and overloads the built-in function definitions use.
import { SqlTypes, type SqlType } from '../types.js';
import type { ScalarOverload, TypePattern } from './registry-types.js';

const exact = (type: SqlType): TypePattern => ({ kind: 'exact', type });

export const P = {
  boolean: exact(SqlTypes.BOOLEAN),
  int: exact(SqlTypes.INTEGER),
  bigint: exact(SqlTypes.BIGINT),
  double: exact(SqlTypes.DOUBLE),
  string: exact(SqlTypes.STRING),
  bytes: exact(SqlTypes.BYTES),
  date: exact(SqlTypes.DATE),
  time: exact(SqlTypes.TIME),
  timestamp: exact(SqlTypes.TIMESTAMP),
  decimal: { kind: 'decimal' } as TypePattern,
  numeric: { kind: 'numeric' } as TypePattern,
  timeUnit: { kind: 'timeUnit' } as TypePattern,
  var: (name: string): TypePattern => ({ kind: 'var', name }),
  array: (element: TypePattern): TypePattern => ({ kind: 'array', element }),
  map: (key: TypePattern, value: TypePattern): TypePattern => ({ kind: 'map', key, value }),
  lambda: (params: readonly TypePattern[], result: TypePattern): TypePattern => ({
    kind: 'lambda',
    params,
    result,
  }),
} as const;

/** The type of argument `index`, asserting the registry passed it (a programmer error otherwise). */
export function argumentType(argTypes: readonly SqlType[], index: number): SqlType {
  const type = argTypes[index];
  if (type === undefined) throw new Error(`function argument ${index} has no resolved type`);
  return type;
}

/** The element type of the ARRAY argument `index` (EXPLODE's rows, ARRAY_JOIN's elements). */
export function arrayElementType(argTypes: readonly SqlType[], index: number): SqlType {
  const type = argumentType(argTypes, index);
  if (type.kind !== 'ARRAY') throw new Error(`function argument ${index} is ${type.kind}, not an ARRAY`);
  return type.element;
}

/** The return type is the type of argument `index` (ABS, FLOOR, ARRAY_DISTINCT...). */
export function sameAsArgument(index: number): ScalarOverload['returns'] {
  return (argTypes) => argumentType(argTypes, index);
}

/**
 * An overload whose implementation does not depend on the resolved argument types. The
 * implementation's parameter types are trusted, not checked: the registry only calls it with
 * arguments matching `params` (and, unless `nulls` is 'handlesNulls', never with a null).
 */
export function fixed(
  params: readonly TypePattern[],
  returns: ScalarOverload['returns'],
  implementation: (...args: never[]) => unknown,
  options: Pick<ScalarOverload, 'nulls' | 'variadic' | 'description'> = {},
): ScalarOverload {
  const run = implementation as (...args: unknown[]) => unknown;
  return { params, returns, create: () => run, ...options };
}
