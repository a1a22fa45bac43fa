// The JSON_SR serde: JSON text behind the Schema Registry header, and ksqlDB's JSON Schema mapping both ways.
import { describe, expect, it } from 'vitest';
import { Decimal, SqlTypes } from '../../../src/planner/index.js';
import { columnsOfJsonSchema, createRowSerde, jsonSchemaOf, SerdeError, type SerdeColumn } from '../../../src/runtime/serde/index.js';
import { lookupOf } from './schema-lookup.js';

const columns: SerdeColumn[] = [
  { name: 'ID', type: SqlTypes.BIGINT },
  { name: 'NAME', type: SqlTypes.STRING },
  { name: 'PRICE', type: SqlTypes.decimal(6, 2) },
  { name: 'TAGS', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.array(SqlTypes.INTEGER)) },
  { name: 'ADDRESS', type: SqlTypes.struct([{ name: 'CITY', type: SqlTypes.STRING }]) },
];
const generated = JSON.stringify(jsonSchemaOf(columns, 'value', true));

describe('JSON_SR serde', () => {
  it('writes the registered schema id after a zero magic byte, then the JSON text, and reads it back', () => {
    const serde = createRowSerde('JSON_SR', 'value', columns, { wrapSingleValue: true, schemas: lookupOf('JSON', '{}', generated) });
    const row = [5n, 'x', new Decimal(1234n, 2), new Map([['a', [1, null]]]), { CITY: 'Oslo' }];
    const bytes = serde.serialize(row)!;
    expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0, 2]);
    expect(Buffer.from(bytes.subarray(5)).toString()).toBe('{"ID":5,"NAME":"x","PRICE":12.34,"TAGS":{"a":[1,null]},"ADDRESS":{"CITY":"Oslo"}}');
    expect(serde.deserialize(bytes)).toEqual(row);
  });

  it('writes with the schema id given, and refuses to write when the generated schema is not registered', () => {
    const keyColumns = [{ name: 'K', type: SqlTypes.INTEGER }];
    expect([...createRowSerde('JSON_SR', 'key', keyColumns, { schemaId: 7, schemas: lookupOf('JSON') }).serialize([1])!]).toEqual([0, 0, 0, 0, 7, 0x31]);
    expect(() => createRowSerde('JSON_SR', 'key', keyColumns, { schemas: lookupOf('JSON') }).serialize([1])).toThrow(/JSON Schema of the key is not registered/);
  });

  it('refuses bytes without the magic byte, and text that is not JSON', () => {
    const serde = createRowSerde('JSON_SR', 'value', columns, { wrapSingleValue: true, schemas: lookupOf('JSON', generated) });
    expect(() => serde.deserialize(Buffer.from('{"ID":1}'))).toThrow(SerdeError);
    expect(() => serde.deserialize(Buffer.from('{"ID":1}'))).toThrow(/Unknown magic byte/);
    expect(() => serde.deserialize(Buffer.concat([Buffer.from([0, 0, 0, 0, 1]), Buffer.from('{"ID":')]))).toThrow(SerdeError);
  });

  it('generates optional properties indexed in column order, with Connect type hints', () => {
    expect(jsonSchemaOf([{ name: 'FOO', type: SqlTypes.INTEGER }], 'value', true)).toEqual({
      type: 'object',
      properties: { FOO: { 'connect.index': 0, oneOf: [{ type: 'null' }, { type: 'integer', 'connect.type': 'int32' }] } },
    });
    expect(jsonSchemaOf([{ name: 'K', type: SqlTypes.STRING }], 'key', undefined)).toEqual({ oneOf: [{ type: 'null' }, { type: 'string' }] });
  });

  it('infers the columns it generated, and plain JSON Schema integers as BIGINT', () => {
    expect(columnsOfJsonSchema(JSON.parse(generated), 'value')).toEqual({ columns, wrapped: true });
    expect(columnsOfJsonSchema({ type: 'object', properties: { foo: { type: 'integer' }, bar: { type: 'number' } } }, 'value').columns).toEqual([
      { name: 'foo', type: SqlTypes.BIGINT },
      { name: 'bar', type: SqlTypes.DOUBLE },
    ]);
    expect(columnsOfJsonSchema({ type: 'string' }, 'key')).toEqual({ columns: [{ name: 'ROWKEY', type: SqlTypes.STRING }], wrapped: false });
  });

  it('refuses a schema type with no SQL equivalent, naming the field', () => {
    expect(() => columnsOfJsonSchema({ type: 'object', properties: { F: { type: 'frobnicate' } } }, 'value')).toThrow(/field F/);
  });
});
