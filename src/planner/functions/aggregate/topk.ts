// TOPK and TOPKDISTINCT: the k greatest values, greatest first (TOPKDISTINCT without repeats);
// NULLs skipped. Sessions merge them; tables refuse them.
import type { SqlType } from '../../types.js';
import type { AggregateImplementation, AggregateOverload, FunctionDefinition } from '../registry-types.js';
import { PlanError } from '../../plan-error.js';
import { P } from '../patterns.js';
import { compareValues, containsValue } from '../value-order.js';

const RANKED_PARAMS = [P.int, P.bigint, P.double, P.decimal, P.string, P.date, P.time, P.timestamp];

function topK(k: number, distinct: boolean): AggregateImplementation<unknown[]> {
  const insert = (values: unknown[], value: unknown): unknown[] => {
    if (value === null || (distinct && containsValue(values, value))) return values;
    const ranked = [...values, value].sort((left, right) => compareValues(right, left));
    return ranked.slice(0, k);
  };
  return {
    initialize: () => [],
    aggregate: insert,
    merge: (left, right) => right.reduce(insert, left),
    result: (values) => [...values],
  };
}

function definition(name: string, distinct: boolean): FunctionDefinition {
  return {
    name,
    type: 'AGGREGATE',
    category: 'AGGREGATE',
    description: `The k greatest${distinct ? ' distinct' : ''} values, greatest first.`,
    overloads: RANKED_PARAMS.map(
      (param): AggregateOverload => ({
        params: [param, P.int],
        paramNames: ['col1', 'k'],
        columnParams: 1,
        returns: (argTypes: readonly SqlType[]): SqlType => ({ kind: 'ARRAY', element: argTypes[0]! }),
        create: (_argTypes, [k]) => {
          const size = Number(k);
          if (!Number.isInteger(size) || size <= 0) throw new PlanError(`${name}: k must be a positive integer, got ${String(k)}`);
          return topK(size, distinct) as AggregateImplementation;
        },
      }),
    ),
  };
}

export const TOPK = definition('TOPK', false);
export const TOPKDISTINCT = definition('TOPKDISTINCT', true);
