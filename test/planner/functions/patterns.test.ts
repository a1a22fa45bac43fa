import { describe, expect, it } from 'vitest';
import { SqlTypes } from '../../../src/planner/types.js';
import { argumentType, arrayElementType, sameAsArgument } from '../../../src/planner/functions/patterns.js';

describe('argument types', () => {
  const argTypes = [SqlTypes.STRING, SqlTypes.array(SqlTypes.decimal(20, 10))];

  it('reads the resolved type of an argument, or its array element type', () => {
    expect(argumentType(argTypes, 0)).toEqual(SqlTypes.STRING);
    expect(arrayElementType(argTypes, 1)).toEqual(SqlTypes.decimal(20, 10));
    const returns = sameAsArgument(1);
    expect(typeof returns === 'function' && returns(argTypes, new Map())).toEqual(argTypes[1]);
  });

  it('treats a missing or mistyped argument as a programmer error', () => {
    expect(() => argumentType(argTypes, 2)).toThrow('function argument 2 has no resolved type');
    expect(() => arrayElementType(argTypes, 0)).toThrow('function argument 0 is STRING, not an ARRAY');
  });
});
