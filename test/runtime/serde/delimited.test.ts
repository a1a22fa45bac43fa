// DELIMITED rows: Commons CSV quoting, custom delimiters, empty fields as null, malformed records.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../../src/planner/decimal.js';
import { SqlTypes } from '../../../src/planner/types.js';
import { createRowSerde, SerdeError, type SerdeColumn } from '../../../src/runtime/serde/index.js';

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');
const text = (data: Uint8Array | null): string | null => (data === null ? null : Buffer.from(data).toString('utf8'));

function serde(columns: readonly SerdeColumn[], delimiter?: string) {
  return createRowSerde('DELIMITED', 'value', columns, delimiter === undefined ? {} : { delimiter });
}

const idNameValue: readonly SerdeColumn[] = [
  { name: 'ID', type: SqlTypes.BIGINT },
  { name: 'NAME', type: SqlTypes.STRING },
  { name: 'VALUE', type: SqlTypes.INTEGER },
];

describe('DELIMITED', () => {
  it('round-trips every supported SQL type', () => {
    const columns: readonly SerdeColumn[] = [
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
    ];
    const row = [true, -7, 998877665544332211n, 1e10, Decimal.parse('12.3650'), 'a b', new Uint8Array([1, 2, 255]), 19000, 3600000, 1700000000000];
    const written = serde(columns).serialize(row);
    expect(text(written)).toBe('true,-7,998877665544332211,1.0E10,12.3650,a b,AQL/,19000,3600000,1700000000000');
    expect(serde(columns).deserialize(written)).toEqual(row);
  });

  it('reads and writes plain records', () => {
    expect(serde(idNameValue).deserialize(bytes('0,zero,0'))).toEqual([0n, 'zero', 0]);
    expect(text(serde(idNameValue).serialize([100n, '100', 500]))).toBe('100,100,500');
  });

  it('uses a custom delimiter', () => {
    expect(serde(idNameValue, '|').deserialize(bytes('0|zero|0'))).toEqual([0n, 'zero', 0]);
    expect(text(serde(idNameValue, '\t').serialize([0n, 'zero', 0]))).toBe('0\tzero\t0');
    expect(text(serde(idNameValue, ' ').serialize([0n, 'zero', 0]))).toBe('0 zero 0');
  });

  it('quotes fields holding the delimiter or quotes, doubling the quotes', () => {
    const columns = [{ name: 'A', type: SqlTypes.STRING }, { name: 'B', type: SqlTypes.STRING }, { name: 'C', type: SqlTypes.STRING }];
    const written = serde(columns).serialize(['x', 'a,b', 'say "hi"']);
    expect(text(written)).toBe('x,"a,b","say ""hi"""');
    expect(serde(columns).deserialize(written)).toEqual(['x', 'a,b', 'say "hi"']);
  });

  it('quotes a first field that does not start with a letter or digit, as Commons CSV does', () => {
    const single = serde([{ name: 'V', type: SqlTypes.decimal(33, 16) }]);
    expect(text(single.serialize([Decimal.parse('-12345.12')]))).toBe('"-12345.1200000000000000"');
    expect(text(single.serialize([Decimal.parse('0.12')]))).toBe('0.1200000000000000');
    // Later fields are quoted only from `#` down, so a negative number there stays bare.
    const pair = serde([{ name: 'A', type: SqlTypes.INTEGER }, { name: 'B', type: SqlTypes.INTEGER }]);
    expect(text(pair.serialize([-1, -2]))).toBe('"-1",-2');
  });

  it('quotes fields that start with a blank or end with one', () => {
    const columns = [{ name: 'A', type: SqlTypes.STRING }, { name: 'B', type: SqlTypes.STRING }, { name: 'C', type: SqlTypes.STRING }];
    expect(text(serde(columns).serialize(['a', ' lead', 'trail ']))).toBe('a," lead","trail "');
  });

  it('reads quoted fields and fits decimals to their scale', () => {
    const single = serde([{ name: 'V', type: SqlTypes.decimal(33, 16) }]);
    expect((single.deserialize(bytes('"-12345.12"'))![0] as Decimal).toString()).toBe('-12345.1200000000000000');
    expect((single.deserialize(bytes('.12'))![0] as Decimal).toString()).toBe('0.1200000000000000');
  });

  it('reads an empty field, quoted or not, as null and writes null as an empty field', () => {
    const columns = [{ name: 'A', type: SqlTypes.INTEGER }, { name: 'B', type: SqlTypes.STRING }, { name: 'C', type: SqlTypes.STRING }];
    expect(serde(columns).deserialize(bytes(',"",x'))).toEqual([null, null, 'x']);
    expect(text(serde(columns).serialize([null, 'b', null]))).toBe(',b,');
    expect(serde([{ name: 'A', type: SqlTypes.INTEGER }]).deserialize(bytes(''))).toEqual([null]);
  });

  it('round-trips a field holding a line break inside quotes', () => {
    const columns = [{ name: 'A', type: SqlTypes.STRING }, { name: 'B', type: SqlTypes.STRING }];
    const written = serde(columns).serialize(['a', 'line\nbreak']);
    expect(text(written)).toBe('a,"line\nbreak"');
    expect(serde(columns).deserialize(written)).toEqual(['a', 'line\nbreak']);
  });

  it('reads only the first record of the text', () => {
    expect(serde(idNameValue).deserialize(bytes('1,a,2\r\n3,b,4'))).toEqual([1n, 'a', 2]);
  });

  it('reads booleans the way Boolean.parseBoolean does', () => {
    const single = serde([{ name: 'B', type: SqlTypes.BOOLEAN }]);
    expect(single.deserialize(bytes('TRUE'))).toEqual([true]);
    expect(single.deserialize(bytes('"true"'))).toEqual([true]);
    expect(single.deserialize(bytes('nope'))).toEqual([false]);
  });

  it('writes a single null key column as a null key, but a single null value column as an empty record', () => {
    const column = [{ name: 'K', type: SqlTypes.STRING }];
    expect(createRowSerde('DELIMITED', 'key', column, {}).serialize([null])).toBeNull();
    expect(text(serde(column).serialize([null]))).toBe('');
  });

  it('passes null rows through', () => {
    expect(serde(idNameValue).serialize(null)).toBeNull();
    expect(serde(idNameValue).deserialize(null)).toBeNull();
  });

  it('rejects a record with the wrong number of fields', () => {
    expect(() => serde(idNameValue).deserialize(bytes('1,a'))).toThrow(
      'Column count mismatch on deserialization. expected: 3, got: 2',
    );
  });

  it('rejects fields that do not parse as their column type', () => {
    expect(() => serde(idNameValue).deserialize(bytes('x,a,1'))).toThrow("Cannot parse 'x' as BIGINT");
    expect(() => serde(idNameValue).deserialize(bytes('1,a,2147483648'))).toThrow(SerdeError);
  });

  it('rejects malformed quoting', () => {
    expect(() => serde(idNameValue).deserialize(bytes('1,"a,2'))).toThrow('end of input inside a quoted field');
    expect(() => serde(idNameValue).deserialize(bytes('1,"a"b,2'))).toThrow('between a closing quote and the delimiter');
  });

  it('splits a multi-column key on the key delimiter only', () => {
    const key = createRowSerde('DELIMITED', 'key', [{ name: 'K1', type: SqlTypes.STRING }, { name: 'K2', type: SqlTypes.STRING }], { delimiter: ';' });
    expect(key.deserialize(bytes('foo,bar;baz'))).toEqual(['foo,bar', 'baz']);
  });
});
