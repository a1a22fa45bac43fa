// Map functions: building a map from arrays, entries, keys, values and union.
import { SqlTypes } from '../types.js';
import type { FunctionDefinition, ScalarOverload } from './registry-types.js';
import { P, argumentType, fixed, sameAsArgument } from './patterns.js';
import { compareValues } from './value-order.js';

const K = P.var('K');
const V = P.var('V');
const MAP_K_V = P.map(K, V);

/** ENTRIES returns ARRAY<STRUCT<K STRING, V value-type>>. */
const entriesType: ScalarOverload['returns'] = (argTypes) => {
  const mapType = argumentType(argTypes, 0);
  if (mapType.kind !== 'MAP') throw new Error(`expected a MAP argument, got ${mapType.kind}`);
  return SqlTypes.array(SqlTypes.struct([{ name: 'K', type: SqlTypes.STRING }, { name: 'V', type: mapType.value }]));
};

/** AS_MAP pairs keys with values by position; a missing value is null. */
function asMap(keys: readonly unknown[], values: readonly unknown[]): Map<unknown, unknown> {
  return new Map(keys.map((key, index) => [key, values[index] ?? null]));
}

function entries(map: Map<unknown, unknown>, sorted: boolean): { K: unknown; V: unknown }[] {
  const pairs = [...map].map(([key, value]) => ({ K: key, V: value }));
  return sorted ? pairs.sort((left, right) => compareValues(left.K, right.K)) : pairs;
}

/** MAP_UNION: entries of both, the second map winning on shared keys; null only when both are null. */
function mapUnion(left: Map<unknown, unknown> | null, right: Map<unknown, unknown> | null): Map<unknown, unknown> | null {
  if (left === null && right === null) return null;
  return new Map([...(left ?? []), ...(right ?? [])]);
}

export const MAP_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'AS_MAP',
    type: 'SCALAR',
    category: 'MAP',
    description: 'A map from an array of keys and an array of values, paired by position.',
    overloads: [fixed([P.array(P.string), P.array(V)], P.map(P.string, V), asMap)],
  },
  {
    name: 'ENTRIES',
    type: 'SCALAR',
    category: 'MAP',
    description: 'The entries of a map as an array of STRUCT<K, V>, optionally sorted by key.',
    overloads: [fixed([P.map(P.string, V), P.boolean], entriesType, entries)],
  },
  {
    name: 'MAP_KEYS',
    type: 'SCALAR',
    category: 'MAP',
    description: 'The keys of a map.',
    overloads: [fixed([MAP_K_V], P.array(K), (map: Map<unknown, unknown>) => [...map.keys()])],
  },
  {
    name: 'MAP_UNION',
    type: 'SCALAR',
    category: 'MAP',
    description: 'The entries of two maps; the second wins on shared keys.',
    overloads: [fixed([MAP_K_V, MAP_K_V], sameAsArgument(0), mapUnion, { nulls: 'handlesNulls' })],
  },
  {
    name: 'MAP_VALUES',
    type: 'SCALAR',
    category: 'MAP',
    description: 'The values of a map.',
    overloads: [fixed([MAP_K_V], P.array(V), (map: Map<unknown, unknown>) => [...map.values()])],
  },
];
