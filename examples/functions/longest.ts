// An example aggregate: LONGEST(name) is the longest string of its group. Its accumulator is
// plain data (a string or null), because aggregate state is stored as JSON.
import { defineFunction } from '../../src/udf.js';

const longer = (left: string | null, right: string | null): string | null =>
  left === null || (right !== null && right.length > left.length) ? right : left;

export default defineFunction({
  name: 'LONGEST',
  kind: 'aggregate',
  description: 'The longest non-NULL string of the group.',
  signatures: [{ params: ['STRING'], returns: 'STRING' }],
  initialize: () => null,
  aggregate: (longest: string | null, value: string | null) => longer(longest, value),
  merge: (left: string | null, right: string | null) => longer(left, right),
  result: (longest: string | null) => longest,
});
