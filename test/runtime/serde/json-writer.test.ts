// buildJsonValueWriter: the JSON text ksqlDB (Jackson) writes for one value of each type.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { SqlTypes, type SqlType } from '../../../src/planner/types.js';
import { buildJsonValueWriter } from '../../../src/runtime/serde/json-writer.js';

function toJsonText(value: unknown, type: SqlType): string {
  return buildJsonValueWriter(type)(value);
}

describe('buildJsonValueWriter', () => {
  it('writes DOUBLE as Java does, always with a fractional digit', () => {
    const cases: [number, string][] = [
      [5, '5.0'],
      [0, '0.0'],
      [-0, '-0.0'],
      [0.1, '0.1'],
      [1234.589, '1234.589'],
      [0.001, '0.001'],
      [0.0001, '1.0E-4'],
      [9999999, '9999999.0'],
      [1e7, '1.0E7'],
      [1e10, '1.0E10'],
      [123456789.123, '1.23456789123E8'],
      [-1.5e-7, '-1.5E-7'],
      [4.9e-324, '4.9E-324'],
      [2.2250738585072014e-308, '2.2250738585072014E-308'],
      [1.7976931348623157e308, '1.7976931348623157E308'],
    ];
    for (const [value, expected] of cases) expect(toJsonText(value, SqlTypes.DOUBLE)).toBe(expected);
  });

  it('quotes the non-finite doubles', () => {
    expect(toJsonText(Number.NaN, SqlTypes.DOUBLE)).toBe('"NaN"');
    expect(toJsonText(Number.POSITIVE_INFINITY, SqlTypes.DOUBLE)).toBe('"Infinity"');
    expect(toJsonText(Number.NEGATIVE_INFINITY, SqlTypes.DOUBLE)).toBe('"-Infinity"');
  });

  it('writes DECIMAL plainly at the value\'s own scale, as Jackson writes a BigDecimal', () => {
    expect(toJsonText(Decimal.parse('10.0000'), SqlTypes.decimal(6, 4))).toBe('10.0000');
    expect(toJsonText(Decimal.parse('-0.50'), SqlTypes.decimal(3, 2))).toBe('-0.50');
    expect(toJsonText(Decimal.parse('1234567.89'), SqlTypes.decimal(13, 6))).toBe('1234567.89');
    expect(toJsonText(Decimal.parse('1e3'), SqlTypes.decimal(4, 0))).toBe('1000');
  });

  it('writes BIGINT exactly', () => {
    expect(toJsonText(-9223372036854775807n, SqlTypes.BIGINT)).toBe('-9223372036854775807');
  });

  it('writes BYTES as base64 and times as numbers', () => {
    expect(toJsonText(new Uint8Array([104, 105]), SqlTypes.BYTES)).toBe('"aGk="');
    expect(toJsonText(1700000000000, SqlTypes.TIMESTAMP)).toBe('1700000000000');
    expect(toJsonText(19000, SqlTypes.DATE)).toBe('19000');
  });

  it('writes MAP and STRUCT as objects, nested values by their own types', () => {
    const type = SqlTypes.struct([
      { name: 'm', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.DOUBLE) },
      { name: 'A', type: SqlTypes.array(SqlTypes.decimal(3, 1)) },
    ]);
    const value = { m: new Map([['k', 2]]), A: [Decimal.parse('1.0'), null] };
    expect(toJsonText(value, type)).toBe('{"m":{"k":2.0},"A":[1.0,null]}');
  });

  it('writes null as null and escapes strings', () => {
    expect(toJsonText(null, SqlTypes.STRING)).toBe('null');
    expect(toJsonText('a"\n', SqlTypes.STRING)).toBe('"a\\"\\n"');
  });
});
