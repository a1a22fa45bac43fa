import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { T, call, resolveScalar } from './call-function.js';

describe('null handling functions', () => {
  it('COALESCE returns the first non-null argument', () => {
    expect(call('COALESCE', [T.INT, T.INT, T.INT], null, 2, 3)).toBe(2);
    expect(call('COALESCE', [T.STRING, T.STRING], null, null)).toBeNull();
    expect(call('COALESCE', [T.INT], 0)).toBe(0);
    expect(resolveScalar('COALESCE', [T.array(T.INT), T.array(T.INT)]).returnType).toEqual(T.array(T.INT));
  });

  it('COALESCE and IFNULL require arguments of one type', () => {
    expect(() => resolveScalar('COALESCE', [T.INT, T.STRING])).toThrow(/no overload/);
    expect(() => resolveScalar('IFNULL', [T.INT, T.STRING])).toThrow(/no overload/);
  });

  it('IFNULL falls back when the first argument is null', () => {
    expect(call('IFNULL', [T.STRING, T.STRING], null, 'default')).toBe('default');
    expect(call('IFNULL', [T.STRING, T.STRING], '', 'default')).toBe('');
    expect(call('IFNULL', [T.BOOLEAN, T.BOOLEAN], false, true)).toBe(false);
  });

  it('NULLIF is null when the arguments are equal', () => {
    expect(call('NULLIF', [T.INT, T.INT], 1, 1)).toBeNull();
    expect(call('NULLIF', [T.INT, T.INT], 1, 2)).toBe(1);
    expect(call('NULLIF', [T.INT, T.INT], 1, null)).toBe(1);
    expect(call('NULLIF', [T.INT, T.INT], null, 1)).toBeNull();
    expect(call('NULLIF', [T.decimal(2, 1), T.decimal(2, 1)], Decimal.parse('1.5'), Decimal.parse('1.5'))).toBeNull();
  });
});

describe('AS_VALUE', () => {
  it('returns its argument unchanged, null included', () => {
    expect(call('AS_VALUE', [T.STRING], 'key')).toBe('key');
    expect(call('AS_VALUE', [T.STRING], null)).toBeNull();
    expect(resolveScalar('AS_VALUE', [T.BIGINT]).returnType).toEqual(T.BIGINT);
  });
});
