// JSON rows: wrapping, case-insensitive reads, lenient coercion, exact BIGINT/DECIMAL, bad input.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { SqlTypes, type SqlType } from '../../../src/planner/types.js';
import { createRowSerde, SerdeError, type FormatOptions, type SerdeColumn } from '../../../src/runtime/serde/index.js';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const text = (data: Uint8Array | null): string | null => (data === null ? null : Buffer.from(data).toString('utf8'));

function valueSerde(columns: readonly SerdeColumn[], options: FormatOptions = {}) {
  return createRowSerde('JSON', 'value', columns, options);
}

function single(type: SqlType, name = 'V') {
  return valueSerde([{ name, type }], { wrapSingleValue: false });
}

const everyType: readonly SerdeColumn[] = [
  { name: 'B', type: SqlTypes.BOOLEAN },
  { name: 'I', type: SqlTypes.INTEGER },
  { name: 'L', type: SqlTypes.BIGINT },
  { name: 'D', type: SqlTypes.DOUBLE },
  { name: 'DEC', type: SqlTypes.decimal(6, 4) },
  { name: 'S', type: SqlTypes.STRING },
  { name: 'BY', type: SqlTypes.BYTES },
  { name: 'DT', type: SqlTypes.DATE },
  { name: 'TM', type: SqlTypes.TIME },
  { name: 'TS', type: SqlTypes.TIMESTAMP },
  { name: 'A', type: SqlTypes.array(SqlTypes.DOUBLE) },
  { name: 'M', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.INTEGER) },
  { name: 'ST', type: SqlTypes.struct([{ name: 'F', type: SqlTypes.STRING }, { name: 'G', type: SqlTypes.BIGINT }]) },
];

describe('JSON values', () => {
  it('round-trips every SQL type through a wrapped object', () => {
    const serde = valueSerde(everyType);
    const row = [
      true,
      -7,
      998877665544332211n,
      1.5,
      Decimal.parse('12.3650'),
      'héllo "x"',
      new Uint8Array([1, 2, 255]),
      19000,
      3_600_000,
      1_700_000_000_000,
      [1.0, null, 2.5],
      new Map<unknown, unknown>([['a', 1], ['b', null]]),
      { F: 'x', G: 9007199254740993n },
    ];
    const written = serde.serialize(row);
    expect(text(written)).toBe(
      '{"B":true,"I":-7,"L":998877665544332211,"D":1.5,"DEC":12.3650,"S":"héllo \\"x\\"","BY":"AQL/",' +
        '"DT":19000,"TM":3600000,"TS":1700000000000,"A":[1.0,null,2.5],"M":{"a":1,"b":null},' +
        '"ST":{"F":"x","G":9007199254740993}}',
    );
    expect(serde.deserialize(written)).toEqual(row);
  });

  it('writes null columns as null fields and a null row as null bytes', () => {
    const serde = valueSerde([{ name: 'FOO', type: SqlTypes.BOOLEAN }]);
    expect(text(serde.serialize([null]))).toBe('{"FOO":null}');
    expect(serde.serialize(null)).toBeNull();
    expect(serde.deserialize(null)).toBeNull();
  });

  it('matches field names case-insensitively, ignores unknown fields and nulls missing ones', () => {
    const serde = valueSerde([
      { name: 'FOO', type: SqlTypes.INTEGER },
      { name: 'BAR', type: SqlTypes.STRING },
      { name: 'BAZ', type: SqlTypes.STRING },
    ]);
    expect(serde.deserialize(bytes('{"foo": 1, "Bar": "b", "other": true}'))).toEqual([1, 'b', null]);
  });

  it('matches a quoted mixed-case column only by its exact name', () => {
    const serde = valueSerde([{ name: 'camelCase', type: SqlTypes.INTEGER }, { name: 'x', type: SqlTypes.INTEGER }]);
    expect(serde.deserialize(bytes('{"camelCase": 1, "X": 2}'))).toEqual([1, null]);
  });

  it('reads struct fields case-insensitively and fills every declared field', () => {
    const serde = single(SqlTypes.struct([{ name: 'A', type: SqlTypes.DOUBLE }, { name: 'B', type: SqlTypes.INTEGER }]));
    expect(serde.deserialize(bytes('{"a": 45.67}'))).toEqual([{ A: 45.67, B: null }]);
  });

  it('writes and reads a single column anonymously when WRAP_SINGLE_VALUE is false', () => {
    const serde = single(SqlTypes.array(SqlTypes.BIGINT));
    expect(text(serde.serialize([[12n, 34n, null]]))).toBe('[12,34,null]');
    expect(serde.deserialize(bytes('[12, 34, null]'))).toEqual([[12n, 34n, null]]);
    // A null anonymous value is a tombstone, not the text `null`.
    expect(serde.serialize([null])).toBeNull();
    expect(serde.deserialize(bytes('null'))).toBeNull();
  });

  it('wraps a single column by default', () => {
    const serde = valueSerde([{ name: 'FOO', type: SqlTypes.INTEGER }]);
    expect(text(serde.serialize([10]))).toBe('{"FOO":10}');
    expect(serde.deserialize(bytes('{"FOO": 10}'))).toEqual([10]);
  });

  it('rejects an anonymous value where a wrapped object is expected, and the reverse', () => {
    expect(() => valueSerde([{ name: 'FOO', type: SqlTypes.INTEGER }]).deserialize(bytes('10'))).toThrow(
      "Can't convert type. sourceType: IntNode, requiredType: STRUCT<`FOO` INTEGER>, path: $",
    );
    expect(() => single(SqlTypes.INTEGER).deserialize(bytes('{"V": 10}'))).toThrow(SerdeError);
  });

  it('coerces numbers, booleans, objects and arrays into STRING columns', () => {
    const serde = single(SqlTypes.array(SqlTypes.STRING));
    expect(serde.deserialize(bytes('[1, 2.50, true, {"a":1.0}, ["x", null]]'))).toEqual([
      ['1', '2.50', 'true', '{"a":1.0}', '[x, null]'],
    ]);
  });

  it('keeps the text of a number read into a STRING column', () => {
    const serde = valueSerde([{ name: 'S', type: SqlTypes.STRING }, { name: 'D', type: SqlTypes.DOUBLE }]);
    expect(serde.deserialize(bytes('{"S": 1.50, "D": 1.50}'))).toEqual(['1.50', 1.5]);
    expect(serde.deserialize(bytes('{"S": 12345678901234567890}'))).toEqual(['12345678901234567890', null]);
  });

  it('coerces numeric text into numeric columns', () => {
    const serde = valueSerde([
      { name: 'I', type: SqlTypes.INTEGER },
      { name: 'L', type: SqlTypes.BIGINT },
      { name: 'D', type: SqlTypes.DOUBLE },
      { name: 'DEC', type: SqlTypes.decimal(4, 2) },
      { name: 'B', type: SqlTypes.BOOLEAN },
    ]);
    expect(serde.deserialize(bytes('{"I": "12", "L": "-9223372036854775808", "D": "NaN", "DEC": "1.5", "B": "TRUE"}'))).toEqual([
      12,
      -9223372036854775808n,
      Number.NaN,
      Decimal.parse('1.50'),
      true,
    ]);
  });

  it('truncates fractions read into integer columns, as Jackson does', () => {
    const serde = valueSerde([{ name: 'I', type: SqlTypes.INTEGER }, { name: 'L', type: SqlTypes.BIGINT }]);
    expect(serde.deserialize(bytes('{"I": 2.9, "L": -3.7}'))).toEqual([2, -3n]);
  });

  it('keeps BIGINT values beyond 2^53 exact', () => {
    const serde = single(SqlTypes.BIGINT);
    expect(serde.deserialize(bytes('9007199254740993'))).toEqual([9007199254740993n]);
    expect(serde.deserialize(bytes('-9223372036854775807'))).toEqual([-9223372036854775807n]);
  });

  it('re-reads a record losslessly when a nested BIGINT is beyond 2^53', () => {
    const serde = valueSerde([{ name: 'S', type: SqlTypes.STRING }, { name: 'L', type: SqlTypes.array(SqlTypes.BIGINT) }]);
    expect(serde.deserialize(bytes('{"s": "x", "l": [1, 9223372036854775807]}'))).toEqual(['x', [1n, 9223372036854775807n]]);
  });

  it('keeps DECIMAL digits exact and reads them at the declared scale', () => {
    const serde = single(SqlTypes.decimal(33, 16));
    const [value] = serde.deserialize(bytes('12345678987654321.2345678987654321'))!;
    expect((value as Decimal).toString()).toBe('12345678987654321.2345678987654321');
    const [short] = serde.deserialize(bytes('0.12'))!;
    expect(text(serde.serialize([short]))).toBe('0.1200000000000000');
  });

  it('rejects a DECIMAL too large for its precision', () => {
    expect(() => single(SqlTypes.decimal(4, 2)).deserialize(bytes('123.4'))).toThrow(
      "Cannot fit decimal '123.4' into DECIMAL(4, 2) without rounding.",
    );
  });

  it('reads BYTES from base64 and rejects anything else', () => {
    const serde = single(SqlTypes.BYTES);
    expect(serde.deserialize(bytes('"AQL/"'))).toEqual([new Uint8Array([1, 2, 255])]);
    expect(() => serde.deserialize(bytes('"not base64!"'))).toThrow(SerdeError);
    expect(() => serde.deserialize(bytes('12'))).toThrow("sourceType: IntNode, requiredType: BYTES");
  });

  it('reports the path and JSON kind of a value of the wrong type', () => {
    const serde = valueSerde([{ name: 'S', type: SqlTypes.struct([{ name: 'F', type: SqlTypes.BOOLEAN }]) }]);
    expect(() => serde.deserialize(bytes('{"S": {"F": [1]}}'))).toThrow(
      "Can't convert type. sourceType: ArrayNode, requiredType: BOOLEAN, path: $.S.F",
    );
    expect(() => valueSerde([{ name: 'M', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.INTEGER) }]).deserialize(bytes('{"M": [1]}'))).toThrow(
      'requiredType: MAP<STRING, INTEGER>',
    );
    expect(() => single(SqlTypes.array(SqlTypes.INTEGER)).deserialize(bytes('{"a": 1}'))).toThrow('sourceType: ObjectNode');
  });

  it('rejects numeric text that is not a number', () => {
    expect(() => single(SqlTypes.INTEGER).deserialize(bytes('"12x"'))).toThrow("Cannot parse '12x' as INTEGER");
    expect(() => single(SqlTypes.BIGINT).deserialize(bytes('"9223372036854775808"'))).toThrow(SerdeError);
    expect(() => single(SqlTypes.DOUBLE).deserialize(bytes('"abc"'))).toThrow(SerdeError);
    expect(() => single(SqlTypes.BOOLEAN).deserialize(bytes('"yes"'))).toThrow(SerdeError);
  });

  it('rejects malformed JSON text', () => {
    expect(() => single(SqlTypes.INTEGER).deserialize(bytes('{"V": '))).toThrow(/^Invalid JSON/);
    expect(() => single(SqlTypes.decimal(4, 2)).deserialize(bytes('1.2.3'))).toThrow(/^Invalid JSON/);
    expect(() => single(SqlTypes.INTEGER).deserialize(bytes(''))).toThrow(SerdeError);
  });

  it('writes the non-finite doubles as quoted strings and reads them back', () => {
    const serde = valueSerde([{ name: 'D', type: SqlTypes.DOUBLE }, { name: 'E', type: SqlTypes.DOUBLE }]);
    const written = serde.serialize([Number.NaN, Number.NEGATIVE_INFINITY]);
    expect(text(written)).toBe('{"D":"NaN","E":"-Infinity"}');
    expect(serde.deserialize(written)).toEqual([Number.NaN, Number.NEGATIVE_INFINITY]);
  });
});

describe('JSON keys', () => {
  it('writes a single key column bare', () => {
    const serde = createRowSerde('JSON', 'key', [{ name: 'K', type: SqlTypes.struct([{ name: 'F', type: SqlTypes.DOUBLE }]) }], {});
    expect(serde.deserialize(bytes('{"f": 45.67}'))).toEqual([{ F: 45.67 }]);
    expect(text(serde.serialize([{ F: 45.67 }]))).toBe('{"F":45.67}');
    expect(serde.serialize([null])).toBeNull();
  });

  it('writes several key columns as an object', () => {
    const serde = createRowSerde('JSON', 'key', [{ name: 'K1', type: SqlTypes.STRING }, { name: 'K2', type: SqlTypes.STRING }], {});
    expect(text(serde.serialize(['foo', 'bar']))).toBe('{"K1":"foo","K2":"bar"}');
    expect(serde.deserialize(bytes('{"k1":"foo","k2":"bar"}'))).toEqual(['foo', 'bar']);
  });

  it('ignores the key bytes of a keyless source', () => {
    const serde = createRowSerde('JSON', 'key', [], {});
    expect(serde.deserialize(bytes('not even json'))).toEqual([]);
    expect(serde.serialize([])).toBeNull();
  });
});
