// Array functions: set operations, search, ordering, joining, slicing and series generation.
import { Decimal } from '../decimal.js';
import type { SqlType } from '../types.js';
import type { FunctionDefinition, ScalarOverload } from './registry-types.js';
import { P, arrayElementType, fixed, sameAsArgument } from './patterns.js';
import { compareNullsLast, compareValues, containsValue, distinctValues, extremeValue, valuesEqual } from './value-order.js';
import { javaDoubleText } from './java-text.js';

const T = P.var('T');
const ARRAY_T = P.array(T);

/** Java's String.valueOf of an element, as ARRAY_JOIN writes it. */
function elementText(value: unknown, type: SqlType): string {
  if (value === null) return 'null';
  if (type.kind === 'DOUBLE') return javaDoubleText(value as number);
  if (value instanceof Decimal) return value.toString();
  return String(value);
}

/** ARRAY_JOIN: elements as text between delimiters (default ','); a null delimiter joins with nothing. */
function joinOverload(params: ScalarOverload['params']): ScalarOverload {
  return {
    params,
    returns: P.string,
    nulls: 'handlesNulls',
    create: (argTypes) => {
      const type = arrayElementType(argTypes, 0);
      return (values, delimiter = ',') => {
        if (values === null) return null;
        const texts = (values as unknown[]).map((value) => elementText(value, type));
        return texts.join((delimiter as string | null) ?? '');
      };
    },
  };
}

/** ARRAY_SORT: nulls last in either direction; null for a direction other than ASC or DESC. */
function sortArray(values: readonly unknown[], direction = 'ASC'): unknown[] | null {
  const upper = direction.toUpperCase();
  if (upper !== 'ASC' && upper !== 'DESC') return null;
  const sign = upper === 'ASC' ? 1 : -1;
  return [...values].sort((left, right) =>
    left === null || right === null ? compareNullsLast(left, right) : sign * compareValues(left, right),
  );
}

/** SLICE: 1-based, inclusive; a null bound means the array's start or end; out-of-range gives null. */
function sliceArray(values: readonly unknown[] | null, from: number | null, to: number | null): unknown[] | null {
  if (values === null) return null;
  const start = from === null ? 0 : from - 1;
  const end = to === null ? values.length : to;
  if (start < 0 || start > end || end > values.length) return null;
  return values.slice(start, end);
}

/** GENERATE_SERIES: start to end inclusive by step; the step must be non-zero and point toward the end. */
function generateSeries<Value extends number | bigint>(start: Value, end: Value, step: Value): Value[] {
  const zero = typeof step === 'bigint' ? 0n : 0;
  if (step === zero) throw new Error('GENERATE_SERIES step cannot be zero');
  const ascending = step > zero;
  if ((ascending && end < start) || (!ascending && end > start)) throw new Error('GENERATE_SERIES step has wrong sign');
  const series: Value[] = [];
  // number + number or bigint + bigint: both operands always share the type of `step`
  const add = (value: Value): Value => ((value as number) + (step as number)) as Value;
  for (let value = start; ascending ? value <= end : value >= end; value = add(value)) series.push(value);
  return series;
}

const defaultStep = <Value extends number | bigint>(start: Value, end: Value, one: Value): Value =>
  (end >= start ? one : -one) as Value;

export const ARRAY_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'ARRAY_CONCAT',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'Concatenates two arrays; a null array counts as empty unless both are null.',
    overloads: [
      fixed([ARRAY_T, ARRAY_T], ARRAY_T, (left: unknown[] | null, right: unknown[] | null) =>
        left === null && right === null ? null : [...(left ?? []), ...(right ?? [])],
        { nulls: 'handlesNulls' },
      ),
    ],
  },
  {
    name: 'ARRAY_CONTAINS',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'Whether the array contains the value (a null array contains nothing).',
    overloads: [
      fixed(
        [ARRAY_T, T],
        P.boolean,
        (values: unknown[] | null, value: unknown) => values !== null && containsValue(values, value),
        { nulls: 'handlesNulls' },
      ),
    ],
  },
  {
    name: 'ARRAY_DISTINCT',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The distinct elements, in order of first appearance.',
    overloads: [fixed([ARRAY_T], sameAsArgument(0), distinctValues)],
  },
  {
    name: 'ARRAY_EXCEPT',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The distinct elements of the first array that are not in the second.',
    overloads: [
      fixed([ARRAY_T, ARRAY_T], sameAsArgument(0), (left: unknown[], right: unknown[]) =>
        distinctValues(left).filter((value) => !containsValue(right, value)),
      ),
    ],
  },
  {
    name: 'ARRAY_INTERSECT',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The distinct elements present in both arrays.',
    overloads: [
      fixed([ARRAY_T, ARRAY_T], sameAsArgument(0), (left: unknown[], right: unknown[]) =>
        distinctValues(left).filter((value) => containsValue(right, value)),
      ),
    ],
  },
  {
    name: 'ARRAY_JOIN',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The elements as text joined by a delimiter (a comma by default).',
    overloads: [joinOverload([ARRAY_T]), joinOverload([ARRAY_T, P.string])],
  },
  {
    name: 'ARRAY_LENGTH',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The number of elements.',
    overloads: [fixed([ARRAY_T], P.int, (values: unknown[]) => values.length)],
  },
  {
    name: 'ARRAY_MAX',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The largest non-null element, or null.',
    overloads: [fixed([ARRAY_T], T, (values: unknown[]) => extremeValue(values, 1))],
  },
  {
    name: 'ARRAY_MIN',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The smallest non-null element, or null.',
    overloads: [fixed([ARRAY_T], T, (values: unknown[]) => extremeValue(values, -1))],
  },
  {
    name: 'ARRAY_REMOVE',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The array without the elements equal to the value (null removes nulls).',
    overloads: [
      fixed([ARRAY_T, T], sameAsArgument(0), (values: unknown[] | null, value: unknown) =>
        values === null ? null : values.filter((element) => !valuesEqual(element, value)),
        { nulls: 'handlesNulls' },
      ),
    ],
  },
  {
    name: 'ARRAY_SORT',
    type: 'SCALAR',
    category: 'ARRAY',
    description: "Sorts the array 'ASC' (default) or 'DESC', nulls last.",
    overloads: [
      fixed([ARRAY_T], sameAsArgument(0), (values: unknown[]) => sortArray(values)),
      fixed([ARRAY_T, P.string], sameAsArgument(0), sortArray),
    ],
  },
  {
    name: 'ARRAY_UNION',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The distinct elements of both arrays.',
    overloads: [
      fixed([ARRAY_T, ARRAY_T], sameAsArgument(0), (left: unknown[], right: unknown[]) =>
        distinctValues([...left, ...right]),
      ),
    ],
  },
  {
    name: 'GENERATE_SERIES',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The numbers from start to end inclusive, by a step (1 or -1 by default).',
    overloads: [
      fixed([P.int, P.int], P.array(P.int), (start: number, end: number) =>
        generateSeries(start, end, defaultStep(start, end, 1)),
      ),
      fixed([P.int, P.int, P.int], P.array(P.int), generateSeries),
      fixed([P.bigint, P.bigint], P.array(P.bigint), (start: bigint, end: bigint) =>
        generateSeries(start, end, defaultStep(start, end, 1n)),
      ),
      fixed([P.bigint, P.bigint, P.bigint], P.array(P.bigint), generateSeries),
    ],
  },
  {
    name: 'SLICE',
    type: 'SCALAR',
    category: 'ARRAY',
    description: 'The elements from a 1-based start to an end position, inclusive.',
    overloads: [fixed([ARRAY_T, P.int, P.int], sameAsArgument(0), sliceArray, { nulls: 'handlesNulls' })],
  },
];
