// Lambda functions over arrays and maps: TRANSFORM, FILTER and REDUCE. Lambda arguments arrive as JS functions.
import type { FunctionDefinition } from './registry-types.js';
import { P, fixed, sameAsArgument } from './patterns.js';

const T = P.var('T');
const U = P.var('U');
const K = P.var('K');
const V = P.var('V');
const S = P.var('S');
const K2 = P.var('K2');
const V2 = P.var('V2');

type Lambda = (...args: unknown[]) => unknown;

function transformMap(map: Map<unknown, unknown>, keyLambda: Lambda, valueLambda: Lambda): Map<unknown, unknown> {
  return new Map([...map].map(([key, value]) => [keyLambda(key, value), valueLambda(key, value)]));
}

function filterMap(map: Map<unknown, unknown>, predicate: Lambda): Map<unknown, unknown> {
  return new Map([...map].filter(([key, value]) => predicate(key, value) === true));
}

/** REDUCE: a null collection leaves the initial state; a null initial state gives null. */
function reduceArray(values: unknown[] | null, initial: unknown, reducer: Lambda): unknown {
  if (initial === null) return null;
  let state: unknown = initial;
  for (const value of values ?? []) state = reducer(state, value);
  return state;
}

function reduceMap(map: Map<unknown, unknown> | null, initial: unknown, reducer: Lambda): unknown {
  if (initial === null) return null;
  let state: unknown = initial;
  for (const [key, value] of map ?? []) state = reducer(state, key, value);
  return state;
}

export const LAMBDA_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'TRANSFORM',
    type: 'SCALAR',
    category: 'LAMBDA',
    description: 'Applies a lambda to each array element, or two lambdas to each map key and value.',
    overloads: [
      fixed([P.array(T), P.lambda([T], U)], P.array(U), (values: unknown[], transform: Lambda) =>
        values.map((value) => transform(value)),
      ),
      fixed([P.map(K, V), P.lambda([K, V], K2), P.lambda([K, V], V2)], P.map(K2, V2), transformMap),
    ],
  },
  {
    name: 'FILTER',
    type: 'SCALAR',
    category: 'LAMBDA',
    description: 'The array elements, or map entries, for which the lambda is true.',
    overloads: [
      fixed([P.array(T), P.lambda([T], P.boolean)], sameAsArgument(0), (values: unknown[], predicate: Lambda) =>
        values.filter((value) => predicate(value) === true),
      ),
      fixed([P.map(K, V), P.lambda([K, V], P.boolean)], sameAsArgument(0), filterMap),
    ],
  },
  {
    name: 'REDUCE',
    type: 'SCALAR',
    category: 'LAMBDA',
    description: 'Folds an array or map into a state, starting from an initial state.',
    overloads: [
      fixed([P.array(T), S, P.lambda([S, T], S)], S, reduceArray, { nulls: 'handlesNulls' }),
      fixed([P.map(K, V), S, P.lambda([S, K, V], S)], S, reduceMap, { nulls: 'handlesNulls' }),
    ],
  },
];
