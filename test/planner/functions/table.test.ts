// Table functions: EXPLODE and CUBE_EXPLODE rows, return types and mismatch messages.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { createBuiltinRegistry } from '../../../src/planner/functions/builtin-registry.js';
import { T, callTable, tableReturnType } from './call-function.js';

describe('EXPLODE', () => {
  it('gives one row per element, none for null or empty arrays', () => {
    expect(callTable('EXPLODE', [T.array(T.BIGINT)], [1n, 2n])).toEqual([1n, 2n]);
    expect(callTable('EXPLODE', [T.array(T.BIGINT)], [])).toEqual([]);
    expect(callTable('EXPLODE', [T.array(T.BIGINT)], null)).toEqual([]);
    expect(callTable('EXPLODE', [T.array(T.STRING)], ['a', null])).toEqual(['a', null]);
  });

  it('returns the element type, decimals included', () => {
    const struct = T.struct([{ name: 'F1', type: T.BIGINT }]);
    expect(tableReturnType('EXPLODE', [T.array(struct)])).toEqual(struct);
    expect(tableReturnType('EXPLODE', [T.array(T.decimal(20, 10))])).toEqual(T.decimal(20, 10));
    expect(callTable('EXPLODE', [T.array(T.decimal(20, 10))], [Decimal.parse('1.5')])).toHaveLength(1);
  });

  it('does not accept a map', () => {
    expect(() => tableReturnType('EXPLODE', [T.map(T.STRING, T.INT)])).toThrow(/no overload/);
  });

  it('names its parameters in the list of valid alternatives, as ksqlDB does', () => {
    expect(() => createBuiltinRegistry().resolveTable('EXPLODE', [T.map(T.STRING, T.INT)])).toThrow(
      "Function 'explode' does not accept parameters (MAP<STRING, INTEGER>).\n" +
        'Valid alternatives are:\nexplode(ARRAY<DECIMAL> input)\nexplode(ARRAY<T> list)',
    );
  });
});

describe('CUBE_EXPLODE', () => {
  it('gives every combination of kept and nulled elements, first element slowest', () => {
    expect(callTable('CUBE_EXPLODE', [T.array(T.STRING)], ['one', 'two', 'three'])).toEqual([
      [null, null, null],
      [null, null, 'three'],
      [null, 'two', null],
      [null, 'two', 'three'],
      ['one', null, null],
      ['one', null, 'three'],
      ['one', 'two', null],
      ['one', 'two', 'three'],
    ]);
    expect(tableReturnType('CUBE_EXPLODE', [T.array(T.INT)])).toEqual(T.array(T.INT));
  });

  it('does not repeat combinations for null elements', () => {
    expect(callTable('CUBE_EXPLODE', [T.array(T.INT)], [1, null])).toEqual([[null, null], [1, null]]);
    expect(callTable('CUBE_EXPLODE', [T.array(T.INT)], null)).toEqual([]);
  });
});
