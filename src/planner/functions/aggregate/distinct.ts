// COUNT_DISTINCT and ATTR, both over the values seen with how often each occurred (keyed by a
// canonical text of the value). ksqlDB estimates COUNT_DISTINCT with HyperLogLog; Squall counts
// exactly. ATTR is the value when every non-NULL value is the same, else NULL; it takes values back
// out (tables). COUNT_DISTINCT, as in ksqlDB, does not.
import type { AggregateImplementation, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';

/** Value text → [value, occurrences]. */
type Occurrences = Map<string, [unknown, number]>;

function textOf(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? `${item}n` : item instanceof Map ? [...item] : item));
}

function counted(occurrences: Occurrences, value: unknown, by: number): Occurrences {
  if (value === null) return occurrences;
  const text = textOf(value);
  const next = new Map(occurrences);
  const count = (next.get(text)?.[1] ?? 0) + by;
  if (count <= 0) next.delete(text);
  else next.set(text, [value, count]);
  return next;
}

function mergeOccurrences(left: Occurrences, right: Occurrences): Occurrences {
  let merged = left;
  for (const [, [value, count]] of right) merged = counted(merged, value, count);
  return merged;
}

const countDistinct: AggregateImplementation<Occurrences> = {
  initialize: () => new Map(),
  aggregate: (occurrences, value) => counted(occurrences, value, 1),
  merge: mergeOccurrences,
  result: (occurrences) => BigInt(occurrences.size),
};

const attr: AggregateImplementation<Occurrences> = {
  initialize: () => new Map(),
  aggregate: (occurrences, value) => counted(occurrences, value, 1),
  undo: (occurrences, value) => counted(occurrences, value, -1),
  merge: mergeOccurrences,
  result: (occurrences) => (occurrences.size === 1 ? [...occurrences.values()][0]![0] : null),
};

export const COUNT_DISTINCT: FunctionDefinition = {
  name: 'COUNT_DISTINCT',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The number of distinct non-NULL values (counted exactly).',
  overloads: [{ params: [P.var('T')], paramNames: ['col1'], returns: P.bigint, create: () => countDistinct as AggregateImplementation }],
};

export const ATTR: FunctionDefinition = {
  name: 'ATTR',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'The value, when every non-NULL value is the same; else NULL.',
  overloads: [{ params: [P.var('T')], paramNames: ['col1'], returns: P.var('T'), create: () => attr as AggregateImplementation }],
};
