import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { compareNullsLast, compareValues, distinctValues, extremeValue, valuesEqual } from '../../../src/planner/functions/value-order.js';

describe('compareValues', () => {
  it('orders each representation by value', () => {
    expect(compareValues(1, 2)).toBe(-1);
    expect(compareValues(5n, -5n)).toBe(1);
    expect(compareValues(Decimal.parse('1.50'), Decimal.parse('1.5'))).toBe(0);
    expect(compareValues('B2', 'b2')).toBe(-1);
    expect(compareValues(false, true)).toBe(-1);
    expect(compareValues(Buffer.from([0xff]), Buffer.from([0x01, 0x02]))).toBe(1);
    expect(compareValues([1, 2], [1, 2, 3])).toBe(-1);
  });

  it('refuses values of different kinds', () => {
    expect(() => compareValues(1, 'one')).toThrow(/cannot compare/);
  });

  it('extremeValue picks the largest or smallest non-null value', () => {
    expect(extremeValue([2, null, 5, 1], 1)).toBe(5);
    expect(extremeValue([2, null, 5, 1], -1)).toBe(1);
    expect(extremeValue([null, null], 1)).toBeNull();
    expect(extremeValue([], -1)).toBeNull();
  });

  it('compareNullsLast puts nulls after everything', () => {
    expect([3, null, 1].sort(compareNullsLast)).toEqual([1, 3, null]);
  });
});

describe('valuesEqual', () => {
  it('compares deeply, with decimals equal only at the same scale', () => {
    expect(valuesEqual({ A: [1, new Map([['k', Buffer.from('x')]])] }, { A: [1, new Map([['k', Buffer.from('x')]])] })).toBe(true);
    expect(valuesEqual({ A: 1 }, { A: 1, B: 2 })).toBe(false);
    expect(valuesEqual(Decimal.parse('1.5'), Decimal.parse('1.5'))).toBe(true);
    expect(valuesEqual(Decimal.parse('1.5'), Decimal.parse('1.50'))).toBe(false);
    expect(valuesEqual(Number.NaN, Number.NaN)).toBe(true);
    expect(valuesEqual(null, 0)).toBe(false);
  });

  it('distinctValues keeps first occurrences', () => {
    expect(distinctValues([[1], [1], null, null, [2]])).toEqual([[1], null, [2]]);
  });
});
