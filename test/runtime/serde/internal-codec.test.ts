// Squall's internal codec: every runtime value comes back as it went in, and group keys are
// canonical (equal values, equal bytes).
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/index.js';
import { decodeInternal, encodeGroupKey, encodeInternal } from '../../../src/runtime/serde/index.js';

describe('internal codec', () => {
  it('round-trips every runtime value, including the ones JSON cannot hold', () => {
    const value = [
      1,
      -0,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      12345678901234567890n,
      new Decimal(-12345n, 3),
      'text',
      '\u0000looks like a tag',
      '',
      null,
      true,
      Buffer.from([0, 1, 255]),
      [1, [2, null]],
      new Map<unknown, unknown>([['a', 1n], [2, new Set(['x'])]]),
      { F1: 'a', F2: { G: 1.5 } },
    ];
    const decoded = decodeInternal(encodeInternal(value)) as unknown[];
    expect(decoded).toEqual(value);
    expect(Object.is(decoded[1], -0)).toBe(true);
    expect(decoded[5]).toBeInstanceOf(Decimal);
    expect(String(decoded[5])).toBe('-12.345');
  });

  it('writes the bytes it always wrote, which stores, changelogs and repartition topics already hold', () => {
    const text = (value: unknown) => Buffer.from(encodeInternal(value)).toString();
    expect(text([1700000000000, ['user-1'], [2n]])).toBe('[1700000000000,["user-1"],["\\u0000n2"]]');
    expect(text([['user-1', 1.5, true], null, undefined])).toBe('[["user-1",1.5,true],null,null]');
    expect(text([-0, Number.NaN, '\u0000x', 'say "hi"\n'])).toBe('["\\u0000f-0","\\u0000fNaN","\\u0000s\\u0000x","say \\"hi\\"\\n"]');
    expect(text([new Decimal(15n, 1), { F: [1n] }, new Map([['a', 1]]), new Set([2])])).toBe(
      '["\\u0000d15:1",{"F":["\\u0000n1"]},{"\\u0000map":[["a",1]]},{"\\u0000set":[2]}]',
    );
    expect(text('plain')).toBe('"plain"');
  });

  it('reads text that only looks like an escaped tag as the text it is', () => {
    const value = ['\\u0000n1', 'back\\slash'];
    expect(decodeInternal(encodeInternal(value))).toEqual(value);
    expect(decodeInternal(Uint8Array.from(encodeInternal([['a'], null, null])))).toEqual([['a'], null, null]);
  });

  it('gives equal group keys equal bytes, and different ones different bytes', () => {
    const key = (values: unknown[]) => Buffer.from(encodeGroupKey(values)).toString();
    expect(key(['a', 1n])).toBe(key(['a'.concat(''), BigInt(1)]));
    expect(key(['1'])).not.toBe(key([1]));
    expect(key([1n])).not.toBe(key([1]));
    expect(key(['a,b'])).not.toBe(key(['a', 'b']));
    expect(key([null])).not.toBe(key(['N']));
    expect(key(['user-1', 2, [true, null]])).toBe('["user-1",2,[T,N]]');
  });
});
