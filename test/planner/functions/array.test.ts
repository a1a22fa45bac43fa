import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { T, call, resolveScalar } from './call-function.js';

const INTS = T.array(T.INT);
const STRINGS = T.array(T.STRING);

describe('combining arrays', () => {
  it('ARRAY_CONCAT treats one null array as empty', () => {
    expect(call('ARRAY_CONCAT', [INTS, INTS], [1, 2], [2, 3])).toEqual([1, 2, 2, 3]);
    expect(call('ARRAY_CONCAT', [INTS, INTS], null, [3])).toEqual([3]);
    expect(call('ARRAY_CONCAT', [INTS, INTS], null, null)).toBeNull();
  });

  it('ARRAY_UNION, ARRAY_INTERSECT and ARRAY_EXCEPT return distinct elements in order', () => {
    expect(call('ARRAY_UNION', [INTS, INTS], [1, 2, 2], [3, 1, null])).toEqual([1, 2, 3, null]);
    expect(call('ARRAY_INTERSECT', [INTS, INTS], [3, 1, 2, 1], [1, 3])).toEqual([3, 1]);
    expect(call('ARRAY_EXCEPT', [INTS, INTS], [3, 1, 2, 2], [1])).toEqual([3, 2]);
    expect(call('ARRAY_EXCEPT', [INTS, INTS], [1], null)).toBeNull();
  });

  it('ARRAY_DISTINCT compares by value, including decimals and nested arrays', () => {
    expect(call('ARRAY_DISTINCT', [STRINGS], ['a', 'b', 'a', null, null])).toEqual(['a', 'b', null]);
    const nested = call('ARRAY_DISTINCT', [T.array(INTS)], [[1], [1], [2]]);
    expect(nested).toEqual([[1], [2]]);
    const decimals = call('ARRAY_DISTINCT', [T.array(T.decimal(3, 1))], [Decimal.parse('1.0'), Decimal.parse('1.0')]) as Decimal[];
    expect(decimals).toHaveLength(1);
  });
});

describe('searching arrays', () => {
  it('ARRAY_CONTAINS finds values, including null', () => {
    expect(call('ARRAY_CONTAINS', [INTS, T.INT], [1, 2], 2)).toBe(true);
    expect(call('ARRAY_CONTAINS', [INTS, T.INT], [1, null], null)).toBe(true);
    expect(call('ARRAY_CONTAINS', [INTS, T.INT], [1], 3)).toBe(false);
    expect(call('ARRAY_CONTAINS', [INTS, T.INT], null, 1)).toBe(false);
  });

  it('ARRAY_LENGTH counts elements', () => {
    expect(call('ARRAY_LENGTH', [INTS], [1, null])).toBe(2);
    expect(call('ARRAY_LENGTH', [INTS], [])).toBe(0);
    expect(call('ARRAY_LENGTH', [INTS], null)).toBeNull();
  });

  it('ARRAY_MAX and ARRAY_MIN skip nulls', () => {
    expect(call('ARRAY_MAX', [INTS], [1, null, 3])).toBe(3);
    expect(call('ARRAY_MIN', [STRINGS], ['b', 'a', null])).toBe('a');
    expect(call('ARRAY_MAX', [INTS], [null])).toBeNull();
    expect(call('ARRAY_MIN', [INTS], [])).toBeNull();
    expect(resolveScalar('ARRAY_MAX', [STRINGS]).returnType).toEqual(T.STRING);
  });
});

describe('reshaping arrays', () => {
  it('ARRAY_REMOVE drops equal elements, or nulls', () => {
    expect(call('ARRAY_REMOVE', [INTS, T.INT], [1, 2, 1, null], 1)).toEqual([2, null]);
    expect(call('ARRAY_REMOVE', [INTS, T.INT], [1, null], null)).toEqual([1]);
    expect(call('ARRAY_REMOVE', [INTS, T.INT], null, 1)).toBeNull();
  });

  it('ARRAY_SORT sorts either way with nulls last', () => {
    expect(call('ARRAY_SORT', [INTS], [3, null, 1, 2])).toEqual([1, 2, 3, null]);
    expect(call('ARRAY_SORT', [STRINGS, T.STRING], ['b', null, 'c', 'a'], 'desc')).toEqual(['c', 'b', 'a', null]);
    expect(call('ARRAY_SORT', [INTS, T.STRING], [1], 'sideways')).toBeNull();
  });

  it('ARRAY_JOIN writes elements as Java text', () => {
    expect(call('ARRAY_JOIN', [INTS], [1, 2, null])).toBe('1,2,null');
    expect(call('ARRAY_JOIN', [T.array(T.DOUBLE), T.STRING], [1, 2.5], '|')).toBe('1.0|2.5');
    expect(call('ARRAY_JOIN', [STRINGS, T.STRING], ['a', 'b'], null)).toBe('ab');
    expect(call('ARRAY_JOIN', [STRINGS], null)).toBeNull();
  });

  it('SLICE takes an inclusive 1-based range', () => {
    expect(call('SLICE', [INTS, T.INT, T.INT], [1, 2, 3, 4], 2, 3)).toEqual([2, 3]);
    expect(call('SLICE', [INTS, T.INT, T.INT], [1, 2, 3], null, 2)).toEqual([1, 2]);
    expect(call('SLICE', [INTS, T.INT, T.INT], [1, 2, 3], 2, null)).toEqual([2, 3]);
    expect(call('SLICE', [INTS, T.INT, T.INT], [1, 2, 3], 0, 2)).toBeNull();
    expect(call('SLICE', [INTS, T.INT, T.INT], [1, 2, 3], 2, 5)).toBeNull();
  });
});

describe('GENERATE_SERIES', () => {
  it('counts up or down, by a step', () => {
    expect(call('GENERATE_SERIES', [T.INT, T.INT], 1, 4)).toEqual([1, 2, 3, 4]);
    expect(call('GENERATE_SERIES', [T.INT, T.INT], 3, 1)).toEqual([3, 2, 1]);
    expect(call('GENERATE_SERIES', [T.INT, T.INT, T.INT], 0, 9, 4)).toEqual([0, 4, 8]);
    expect(call('GENERATE_SERIES', [T.BIGINT, T.BIGINT, T.BIGINT], 10n, 4n, -3n)).toEqual([10n, 7n, 4n]);
    expect(call('GENERATE_SERIES', [T.BIGINT, T.BIGINT], 2n, 1n)).toEqual([2n, 1n]);
  });

  it('rejects a zero step or one pointing away from the end', () => {
    expect(() => call('GENERATE_SERIES', [T.INT, T.INT, T.INT], 0, 9, 0)).toThrow(/cannot be zero/);
    expect(() => call('GENERATE_SERIES', [T.INT, T.INT, T.INT], 0, 9, -1)).toThrow(/wrong sign/);
  });
});
