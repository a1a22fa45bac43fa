import { describe, expect, it } from 'vitest';
import { T, call, resolveScalar } from './call-function.js';

const STRING_INT_MAP = T.map(T.STRING, T.INT);

describe('map functions', () => {
  it('AS_MAP pairs keys with values by position', () => {
    expect(call('AS_MAP', [T.array(T.STRING), T.array(T.INT)], ['a', 'b'], [1])).toEqual(new Map([['a', 1], ['b', null]]));
    expect(resolveScalar('AS_MAP', [T.array(T.STRING), T.array(T.INT)]).returnType).toEqual(STRING_INT_MAP);
    expect(call('AS_MAP', [T.array(T.STRING), T.array(T.INT)], null, [1])).toBeNull();
  });

  it('ENTRIES lists K/V structs, sorted by key on request', () => {
    const map = new Map([['b', 2], ['a', 1]]);
    expect(call('ENTRIES', [STRING_INT_MAP, T.BOOLEAN], map, true)).toEqual([{ K: 'a', V: 1 }, { K: 'b', V: 2 }]);
    expect(call('ENTRIES', [STRING_INT_MAP, T.BOOLEAN], map, false)).toEqual([{ K: 'b', V: 2 }, { K: 'a', V: 1 }]);
    expect(resolveScalar('ENTRIES', [STRING_INT_MAP, T.BOOLEAN]).returnType).toEqual(
      T.array(T.struct([{ name: 'K', type: T.STRING }, { name: 'V', type: T.INT }])),
    );
  });

  it('MAP_KEYS and MAP_VALUES list the contents in insertion order', () => {
    const map = new Map([['x', 1], ['y', null]]);
    expect(call('MAP_KEYS', [STRING_INT_MAP], map)).toEqual(['x', 'y']);
    expect(call('MAP_VALUES', [STRING_INT_MAP], map)).toEqual([1, null]);
    expect(resolveScalar('MAP_VALUES', [STRING_INT_MAP]).returnType).toEqual(T.array(T.INT));
    expect(call('MAP_KEYS', [STRING_INT_MAP], null)).toBeNull();
  });

  it('MAP_UNION lets the second map win and tolerates one null', () => {
    const left = new Map([['a', 1], ['b', 2]]);
    const right = new Map([['b', 20], ['c', 30]]);
    expect(call('MAP_UNION', [STRING_INT_MAP, STRING_INT_MAP], left, right)).toEqual(new Map([['a', 1], ['b', 20], ['c', 30]]));
    expect(call('MAP_UNION', [STRING_INT_MAP, STRING_INT_MAP], null, right)).toEqual(right);
    expect(call('MAP_UNION', [STRING_INT_MAP, STRING_INT_MAP], null, null)).toBeNull();
  });
});
