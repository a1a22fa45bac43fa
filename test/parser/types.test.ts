// Types: built-in names and aliases, DECIMAL, nested ARRAY/MAP/STRUCT, custom types.
import { describe, expect, it } from 'vitest';
import { ParseError, parseType } from '../../src/parser/index.js';
import { withoutSpans } from './without-spans.js';

function parsed(text: string): unknown {
  return withoutSpans(parseType(text));
}

describe('parseType', () => {
  it.each([
    ['INT', 'INTEGER'],
    ['integer', 'INTEGER'],
    ['BIGINT', 'BIGINT'],
    ['DOUBLE', 'DOUBLE'],
    ['VARCHAR', 'STRING'],
    ['STRING', 'STRING'],
    ['BOOLEAN', 'BOOLEAN'],
    ['BYTES', 'BYTES'],
    ['DATE', 'DATE'],
    ['TIME', 'TIME'],
    ['TIMESTAMP', 'TIMESTAMP'],
  ])('reads %s as %s', (text, name) => {
    expect(parsed(text)).toEqual({ kind: 'PrimitiveType', name });
  });

  it('accepts VARCHAR(STRING) for compatibility', () => {
    expect(parsed('VARCHAR(STRING)')).toEqual({ kind: 'PrimitiveType', name: 'STRING' });
  });

  it('reads DECIMAL(p, s) and rejects DECIMAL without both', () => {
    expect(parsed('DECIMAL(4,2)')).toEqual({ kind: 'DecimalType', precision: 4, scale: 2 });
    expect(() => parseType('DECIMAL')).toThrow(/precision and a scale/);
    expect(() => parseType('DECIMAL(4)')).toThrow(ParseError);
  });

  it('rejects parameters on types that take none', () => {
    expect(() => parseType('INT(3)')).toThrow('Type INT does not take parameters');
  });

  it('nests ARRAY, MAP and STRUCT, closing >> correctly', () => {
    expect(parsed('MAP<STRING, ARRAY<STRUCT<a INT, `b` BIGINT>>>')).toEqual({
      kind: 'MapType',
      key: { kind: 'PrimitiveType', name: 'STRING' },
      value: {
        kind: 'ArrayType',
        element: {
          kind: 'StructType',
          fields: [
            { name: 'A', type: { kind: 'PrimitiveType', name: 'INTEGER' } },
            { name: 'b', type: { kind: 'PrimitiveType', name: 'BIGINT' } },
          ],
        },
      },
    });
  });

  it('reads an empty STRUCT and the suffix form t ARRAY', () => {
    expect(parsed('STRUCT<>')).toEqual({ kind: 'StructType', fields: [] });
    expect(parsed('INT ARRAY')).toEqual({ kind: 'ArrayType', element: { kind: 'PrimitiveType', name: 'INTEGER' } });
  });

  it('reads other names as custom types', () => {
    expect(parsed('address')).toEqual({ kind: 'CustomType', name: 'ADDRESS' });
    expect(parsed('`Address`')).toEqual({ kind: 'CustomType', name: 'Address' });
  });

  it('rejects NULL as a type', () => {
    expect(() => parseType('NULL')).toThrow(/expected a type/);
  });
});
