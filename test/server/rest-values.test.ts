// Runtime values rendered as ksqlDB's REST JSON, type by type.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/planner/decimal.js';
import { SqlTypes } from '../../src/planner/types.js';
import { renderRow, renderValue } from '../../src/server/rest-values.js';

describe('renderValue', () => {
  it.each([
    ['BOOLEAN', SqlTypes.BOOLEAN, true, 'true'],
    ['INTEGER', SqlTypes.INTEGER, -42, '-42'],
    ['BIGINT beyond 2^53, exactly', SqlTypes.BIGINT, 9223372036854775807n, '9223372036854775807'],
    ['DECIMAL plainly, keeping its scale', SqlTypes.decimal(10, 4), new Decimal(100000n, 4), '10.0000'],
    ['DECIMAL of a large exponent without E notation', SqlTypes.decimal(30, 0), Decimal.parse('1e25'), '10000000000000000000000000'],
    ['STRING escaped', SqlTypes.STRING, 'a "quoted"\nline', '"a \\"quoted\\"\\nline"'],
    ['BYTES as base64', SqlTypes.BYTES, Uint8Array.from([1, 2, 255]), '"AQL/"'],
    ['DATE', SqlTypes.DATE, 18262, '"2020-01-01"'],
    ['DATE before the epoch', SqlTypes.DATE, -1, '"1969-12-31"'],
    ['TIME of whole seconds', SqlTypes.TIME, 16834000, '"04:40:34"'],
    ['TIME at midnight', SqlTypes.TIME, 0, '"00:00:00"'],
    ['TIME with milliseconds', SqlTypes.TIME, 16834500, '"04:40:34.500"'],
    ['TIMESTAMP in UTC', SqlTypes.TIMESTAMP, 1577853634789, '"2020-01-01T04:40:34.789"'],
    ['TIMESTAMP at the epoch', SqlTypes.TIMESTAMP, 0, '"1970-01-01T00:00:00.000"'],
    ['NULL', SqlTypes.INTEGER, null, 'null'],
  ])('writes %s', (_case, type, value, expected) => {
    expect(renderValue(value, type)).toBe(expected);
  });

  it('writes arrays element by element with the element type', () => {
    expect(renderValue([0, null, 1], SqlTypes.array(SqlTypes.DATE))).toBe('["1970-01-01",null,"1970-01-02"]');
  });

  it('writes a MAP as an object', () => {
    const map = new Map<string, bigint | null>([
      ['a', 1n],
      ['b', null],
    ]);
    expect(renderValue(map, SqlTypes.map(SqlTypes.STRING, SqlTypes.BIGINT))).toBe('{"a":1,"b":null}');
  });

  it('writes a MAP with non-string keys under their text', () => {
    expect(renderValue(new Map([[1, 'x']]), SqlTypes.map(SqlTypes.INTEGER, SqlTypes.STRING))).toBe('{"1":"x"}');
  });

  it('writes a STRUCT with its declared fields in order, nested types rendered', () => {
    const type = SqlTypes.struct([
      { name: 'WHEN', type: SqlTypes.TIMESTAMP },
      { name: 'inner', type: SqlTypes.struct([{ name: 'N', type: SqlTypes.DOUBLE }]) },
      { name: 'MISSING', type: SqlTypes.STRING },
    ]);
    expect(renderValue({ inner: { N: 2 }, WHEN: 1000 }, type)).toBe('{"WHEN":"1970-01-01T00:00:01.000","inner":{"N":2.0},"MISSING":null}');
  });
});

describe('DOUBLE values', () => {
  it.each([
    [1, '1.0'],
    [-2.5, '-2.5'],
    [0, '0.0'],
    [0.001, '0.001'],
    [0.0001, '1.0E-4'],
    [1.5e-7, '1.5E-7'],
    [1234567.5, '1234567.5'],
    [1e7, '1.0E7'],
    [1.2345e21, '1.2345E21'],
    [Number.NaN, '"NaN"'],
    [Number.POSITIVE_INFINITY, '"Infinity"'],
    [Number.NEGATIVE_INFINITY, '"-Infinity"'],
  ])('writes %d as Java does: %s', (value, expected) => {
    expect(renderValue(value, SqlTypes.DOUBLE)).toBe(expected);
  });
});

describe('renderRow', () => {
  it('renders each value with its column type, missing values as null', () => {
    const columns = [
      { name: 'A', type: SqlTypes.BIGINT, isKey: true },
      { name: 'B', type: SqlTypes.DOUBLE, isKey: false },
      { name: 'C', type: SqlTypes.STRING, isKey: false },
    ];
    expect(renderRow([5n, 3], columns)).toBe('[5,3.0,null]');
  });
});
