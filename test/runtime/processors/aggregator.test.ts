// The aggregate calls of one GROUP BY applied together: each function reads its arguments from
// its own positions of the prepared row, results never hold undefined, and undo is only for
// functions that have it.
import { describe, expect, it } from 'vitest';
import type { AggregateFunctionStep } from '../../../src/planner/index.js';
import { Aggregator } from '../../../src/runtime/processors/aggregator.js';

const count: AggregateFunctionStep = {
  name: 'COUNT',
  argumentIndexes: [],
  create: () => ({ initialize: () => 0, aggregate: (total: unknown) => (total as number) + 1, undo: (total: unknown) => (total as number) - 1, result: (total: unknown) => total }),
};
const sum: AggregateFunctionStep = {
  name: 'SUM',
  argumentIndexes: [2],
  create: () => ({ initialize: () => 0, aggregate: (total: unknown, value: unknown) => (total as number) + (value as number), result: (total: unknown) => total }),
};
/** Keeps the arguments it was given, in order; its result is undefined until it saw some. */
const pairs: AggregateFunctionStep = {
  name: 'PAIRS',
  argumentIndexes: [3, 1],
  create: () => ({ initialize: () => [], aggregate: (seen: unknown, ...values: unknown[]) => [...(seen as unknown[]), values], result: (seen: unknown) => ((seen as unknown[]).length === 0 ? undefined : seen) }),
};

describe('Aggregator', () => {
  // prepared row: [key, b, sum's argument, a]
  const row = ['k', 'b', 5, 'a'];

  it('gives each function the arguments at its positions', () => {
    const aggregator = new Aggregator([count, sum, pairs]);
    const accumulators = aggregator.add(aggregator.add(aggregator.initial(['k']).accumulators, row), ['k', 'd', 7, 'c']);
    expect(aggregator.results(accumulators)).toEqual([2, 12, [['a', 'b'], ['c', 'd']]]);
  });

  it('turns an undefined result into null', () => {
    const aggregator = new Aggregator([pairs]);
    expect(aggregator.results(aggregator.initial(['k']).accumulators)).toEqual([null]);
  });

  it('takes a row back out with undo', () => {
    const aggregator = new Aggregator([count]);
    const accumulators = aggregator.add(aggregator.add(aggregator.initial(['k']).accumulators, row), row);
    expect(aggregator.results(aggregator.undo(accumulators, row))).toEqual([1]);
  });

  it('refuses to undo with a function that cannot', () => {
    const aggregator = new Aggregator([count, sum]);
    expect(() => aggregator.undo(aggregator.initial(['k']).accumulators, row)).toThrow('SUM cannot undo');
  });
});
