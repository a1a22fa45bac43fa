// EARLIEST_BY_OFFSET and LATEST_BY_OFFSET: the first or last value to arrive (NULLs skipped
// unless ignoreNulls is false), or with n the first or last n values. Every value carries an
// arrival sequence, so that merged sessions keep arrival order. Tables refuse them.
import type { SqlType } from '../../types.js';
import type { AggregateImplementation, AggregateOverload, FunctionDefinition } from '../registry-types.js';
import { PlanError } from '../../plan-error.js';
import { P } from '../patterns.js';

interface Arrived {
  readonly sequence: number;
  readonly value: unknown;
}

/** Increases across restarts as long as the clock does: arrival order for session merges. */
let nextSequence = Date.now() * 1000;

function byOffset(earliest: boolean, count: number | undefined, ignoreNulls: boolean): AggregateImplementation<Arrived[]> {
  const keep = count ?? 1;
  const trim = (values: Arrived[]) => (values.length <= keep ? values : earliest ? values.slice(0, keep) : values.slice(values.length - keep));
  return {
    initialize: () => [],
    aggregate: (values, value) => {
      if (value === null && ignoreNulls) return values;
      if (earliest && values.length >= keep) return values;
      return trim([...values, { sequence: nextSequence++, value }]);
    },
    merge: (left, right) => trim([...left, ...right].sort((a, b) => a.sequence - b.sequence)),
    result: (values) => (count === undefined ? (values[0]?.value ?? null) : values.map((arrived) => arrived.value)),
  };
}

function definition(name: string, earliest: boolean): FunctionDefinition {
  const single = (argTypes: readonly SqlType[]) => argTypes[0]!;
  const many = (argTypes: readonly SqlType[]): SqlType => ({ kind: 'ARRAY', element: argTypes[0]! });
  const overload = (params: AggregateOverload['params'], paramNames: readonly string[], returns: AggregateOverload['returns'], build: (literals: readonly unknown[]) => AggregateImplementation<Arrived[]>): AggregateOverload => ({
    params,
    paramNames,
    returns,
    columnParams: 1,
    create: (_argTypes, literals) => build(literals) as AggregateImplementation,
  });
  const positive = (n: unknown): number => {
    const value = Number(n);
    if (!Number.isInteger(value) || value <= 0) throw new PlanError(`${name}: n must be a positive integer, got ${String(n)}`);
    return value;
  };
  return {
    name,
    type: 'AGGREGATE',
    category: 'AGGREGATE',
    description: `The ${earliest ? 'earliest' : 'latest'} value by arrival; with n, the ${earliest ? 'first' : 'last'} n values.`,
    overloads: [
      overload([P.var('T')], ['col1'], single, () => byOffset(earliest, undefined, true)),
      overload([P.var('T'), P.boolean], ['col1', 'ignoreNulls'], single, ([ignoreNulls]) => byOffset(earliest, undefined, ignoreNulls !== false)),
      overload([P.var('T'), P.int], ['col1', 'earliestN'], many, ([n]) => byOffset(earliest, positive(n), true)),
      overload([P.var('T'), P.int, P.boolean], ['col1', 'earliestN', 'ignoreNulls'], many, ([n, ignoreNulls]) => byOffset(earliest, positive(n), ignoreNulls !== false)),
    ],
  };
}

export const EARLIEST_BY_OFFSET = definition('EARLIEST_BY_OFFSET', true);
export const LATEST_BY_OFFSET = definition('LATEST_BY_OFFSET', false);
