// HISTOGRAM: how many times each string occurred, NULLs skipped, at most 1,000 distinct values
// (ksqlDB's limit). Tables take values back out; sessions merge.
import type { AggregateImplementation, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';

const HISTOGRAM_LIMIT = 1000;

const histogram: AggregateImplementation<Map<string, bigint>> = {
  initialize: () => new Map(),
  aggregate: (counts, value) => {
    if (value === null) return counts;
    const key = value as string;
    const known = counts.get(key);
    if (known === undefined && counts.size >= HISTOGRAM_LIMIT) return counts;
    return new Map(counts).set(key, (known ?? 0n) + 1n);
  },
  undo: (counts, value) => {
    const known = value === null ? undefined : counts.get(value as string);
    if (known === undefined) return counts;
    const next = new Map(counts);
    // ksqlDB keeps a value counted down to zero.
    next.set(value as string, known - 1n);
    return next;
  },
  merge: (left, right) => {
    const merged = new Map(left);
    for (const [key, count] of right) if (merged.has(key) || merged.size < HISTOGRAM_LIMIT) merged.set(key, (merged.get(key) ?? 0n) + count);
    return merged;
  },
  result: (counts) => new Map(counts),
};

export const HISTOGRAM: FunctionDefinition = {
  name: 'HISTOGRAM',
  type: 'AGGREGATE',
  category: 'AGGREGATE',
  description: 'A map from each distinct value to the number of times it occurred.',
  overloads: [{ params: [P.string], paramNames: ['col1'], returns: P.map(P.string, P.bigint), create: () => histogram as AggregateImplementation }],
};
