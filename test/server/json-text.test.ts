// Untyped JSON text with exact numbers, for entities and error bodies.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/planner/decimal.js';
import { toJsonText } from '../../src/server/json-text.js';

describe('toJsonText', () => {
  it('writes what JSON.stringify writes for plain JSON values', () => {
    const value = { a: [1, 'two', null, true], b: { c: -1.5 }, '"quoted"': 'x' };
    expect(toJsonText(value)).toBe(JSON.stringify(value));
  });

  it('writes bigint and Decimal as exact numbers', () => {
    expect(toJsonText({ seq: 12345678901234567890n, price: new Decimal(-5n, 2) })).toBe('{"seq":12345678901234567890,"price":-0.05}');
  });

  it('leaves out undefined members and writes a Map as an object, bytes as base64', () => {
    expect(toJsonText({ gone: undefined, map: new Map([[1, 'a']]), bytes: Buffer.from('hi') })).toBe('{"map":{"1":"a"},"bytes":"aGk="}');
  });

  it('writes non-finite numbers as null, as JSON.stringify does', () => {
    expect(toJsonText([Number.NaN, Number.POSITIVE_INFINITY])).toBe('[null,null]');
  });
});
