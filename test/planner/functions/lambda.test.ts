import { describe, expect, it } from 'vitest';
import { T, call, resolveScalar } from './call-function.js';

const INTS = T.array(T.INT);
const STRING_INT_MAP = T.map(T.STRING, T.INT);

describe('TRANSFORM', () => {
  it('maps array elements, the result type following the lambda', () => {
    expect(call('TRANSFORM', [INTS, T.lambda(1, T.STRING)], [1, 2], (value: number) => `#${value}`)).toEqual(['#1', '#2']);
    expect(resolveScalar('TRANSFORM', [INTS, T.lambda(1, T.STRING)]).returnType).toEqual(T.array(T.STRING));
    expect(call('TRANSFORM', [INTS, T.lambda(1, T.INT)], null, (value: number) => value)).toBeNull();
  });

  it('maps map keys and values with two lambdas', () => {
    const map = new Map([['a', 1], ['b', 2]]);
    const result = call('TRANSFORM', [STRING_INT_MAP, T.lambda(2, T.STRING), T.lambda(2, T.INT)], map,
      (key: string) => key.toUpperCase(),
      (_key: string, value: number) => value * 10,
    );
    expect(result).toEqual(new Map([['A', 10], ['B', 20]]));
  });
});

describe('FILTER', () => {
  it('keeps array elements for which the lambda is true (not null)', () => {
    expect(call('FILTER', [INTS, T.lambda(1, T.BOOLEAN)], [1, 2, 3, null], (value: number | null) => (value === null ? null : value > 1))).toEqual([2, 3]);
  });

  it('keeps map entries for which the lambda is true', () => {
    const map = new Map([['a', 1], ['b', 2]]);
    expect(call('FILTER', [STRING_INT_MAP, T.lambda(2, T.BOOLEAN)], map, (key: string, value: number) => key === 'b' || value > 5)).toEqual(new Map([['b', 2]]));
  });
});

describe('REDUCE', () => {
  it('folds arrays and maps from an initial state', () => {
    expect(call('REDUCE', [INTS, T.INT, T.lambda(2, T.INT)], [1, 2, 3], 10, (state: number, value: number) => state + value)).toBe(16);
    const map = new Map([['a', 1], ['b', 2]]);
    expect(call('REDUCE', [STRING_INT_MAP, T.STRING, T.lambda(3, T.STRING)], map, '', (state: string, key: string, value: number) => `${state}${key}${value}`)).toBe('a1b2');
  });

  it('returns the initial state for a null collection and null for a null state', () => {
    expect(call('REDUCE', [INTS, T.INT, T.lambda(2, T.INT)], null, 5, (state: number) => state)).toBe(5);
    expect(call('REDUCE', [INTS, T.INT, T.lambda(2, T.INT)], [1], null, (state: number) => state)).toBeNull();
  });
});
