// MIN and MAX: the least or greatest non-NULL value, of the input's type; NULL for no values.
// They cannot take a value back out, so tables refuse them; sessions merge them.
import type { SqlType } from '../../types.js';
import type { AggregateImplementation, AggregateOverload, FunctionDefinition } from '../registry-types.js';
import { P } from '../patterns.js';
import { compareValues } from '../value-order.js';

const COMPARABLE_PARAMS = [P.int, P.bigint, P.double, P.decimal, P.string, P.date, P.time, P.timestamp, P.bytes];

function extreme(direction: 1 | -1): AggregateImplementation {
  const better = (left: unknown, right: unknown) => {
    if (left === null) return right;
    if (right === null) return left;
    return compareValues(right, left) * direction > 0 ? right : left;
  };
  return { initialize: () => null, aggregate: (current, value) => better(current, value ?? null), merge: better, result: (current) => current };
}

function definition(name: 'MIN' | 'MAX', direction: 1 | -1): FunctionDefinition {
  return {
    name,
    type: 'AGGREGATE',
    category: 'AGGREGATE',
    description: `The ${direction > 0 ? 'greatest' : 'least'} value, NULLs skipped.`,
    overloads: COMPARABLE_PARAMS.map((param): AggregateOverload => ({ params: [param], paramNames: ['col1'], returns: (argTypes: readonly SqlType[]) => argTypes[0]!, create: () => extreme(direction) })),
  };
}

export const MIN = definition('MIN', -1);
export const MAX = definition('MAX', 1);
