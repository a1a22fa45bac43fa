// Functions outside the other families: AS_VALUE, which copies a key column into the value.
import type { FunctionDefinition } from './registry-types.js';
import { P, fixed } from './patterns.js';

export const OTHER_FUNCTIONS: readonly FunctionDefinition[] = [
  {
    name: 'AS_VALUE',
    type: 'SCALAR',
    category: 'OTHER',
    description: 'Copies a key column into the value; the value itself is unchanged.',
    overloads: [fixed([P.var('T')], P.var('T'), (value: unknown) => value, { nulls: 'handlesNulls' })],
  },
];
