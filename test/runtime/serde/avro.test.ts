// The AVRO serde: Confluent's wire format, records read with the writer's schema by id, ksqlDB's generated schemas.
import { describe, expect, it } from 'vitest';
import { Decimal, SqlTypes } from '../../../src/planner/index.js';
import { avroSchemaOf, createRowSerde, SerdeError, type SerdeColumn } from '../../../src/runtime/serde/index.js';
import { lookupOf } from './schema-lookup.js';

const columns: SerdeColumn[] = [
  { name: 'ID', type: SqlTypes.BIGINT },
  { name: 'NAME', type: SqlTypes.STRING },
  { name: 'PRICE', type: SqlTypes.decimal(6, 2) },
  { name: 'DAY', type: SqlTypes.DATE },
  { name: 'AT', type: SqlTypes.TIMESTAMP },
  { name: 'TAGS', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.array(SqlTypes.INTEGER)) },
  { name: 'ADDRESS', type: SqlTypes.struct([{ name: 'CITY', type: SqlTypes.STRING }]) },
  { name: 'RAW', type: SqlTypes.BYTES },
];
const generated = JSON.stringify(avroSchemaOf(columns, 'value', true));

describe('AVRO serde', () => {
  it('writes the schema id after a zero magic byte and reads its own records back', () => {
    const serde = createRowSerde('AVRO', 'value', columns, { wrapSingleValue: true, schemas: lookupOf('AVRO', generated) });
    const row = [2n ** 60n, 'x', new Decimal(1234n, 2), 19000, 1_700_000_000_000, new Map([['a', [1, null]]]), { CITY: 'Oslo' }, Buffer.from([1, 2])];
    const bytes = serde.serialize(row)!;
    expect([...bytes.subarray(0, 5)]).toEqual([0, 0, 0, 0, 1]);
    expect(serde.deserialize(bytes)).toEqual(row);
  });

  it('reads and writes longs exactly on both sides of 2^53', () => {
    const longs = [{ name: 'A', type: SqlTypes.BIGINT }, { name: 'B', type: SqlTypes.BIGINT }];
    const serde = createRowSerde('AVRO', 'value', longs, { wrapSingleValue: true, schemas: lookupOf('AVRO', JSON.stringify(avroSchemaOf(longs, 'value', true))) });
    for (const row of [[5n, -7n], [2n ** 53n + 1n, 0n], [-(2n ** 62n), 9_007_199_254_740_991n], [null, 2n ** 63n - 1n]]) {
      expect(serde.deserialize(serde.serialize(row))).toEqual(row);
    }
  });

  it('reads a record with the schema its id names, matching fields to columns ignoring case, unknown fields left out', () => {
    const writer = JSON.stringify({ type: 'record', name: 'Other', fields: [{ name: 'extra', type: 'int' }, { name: 'id', type: 'long' }, { name: 'name', type: ['null', 'string'] }] });
    const writerSerde = createRowSerde('AVRO', 'value', [{ name: 'extra', type: SqlTypes.INTEGER }, { name: 'id', type: SqlTypes.BIGINT }, { name: 'name', type: SqlTypes.STRING }], {
      wrapSingleValue: true,
      schemaId: 1,
      schemas: lookupOf('AVRO', writer),
    });
    const reader = createRowSerde('AVRO', 'value', [{ name: 'ID', type: SqlTypes.BIGINT }, { name: 'NAME', type: SqlTypes.STRING }, { name: 'MISSING', type: SqlTypes.STRING }], {
      wrapSingleValue: true,
      schemas: lookupOf('AVRO', writer),
    });
    expect(reader.deserialize(writerSerde.serialize([7, 5n, null]))).toEqual([5n, null, null]);
  });

  it('writes a key of one column, and an unwrapped value, as the bare optional type', () => {
    const keyColumns = [{ name: 'K', type: SqlTypes.INTEGER }];
    const keySchema = JSON.stringify(avroSchemaOf(keyColumns, 'key', undefined));
    expect(keySchema).toBe('["null","int"]');
    const serde = createRowSerde('AVRO', 'key', keyColumns, { schemas: lookupOf('AVRO', keySchema) });
    expect(serde.deserialize(serde.serialize([42]))).toEqual([42]);
    expect(serde.serialize([null])).toBeNull();
  });

  it('names generated records as ksqlDB does, or with the full name given', () => {
    expect(avroSchemaOf([{ name: 'A', type: SqlTypes.struct([{ name: 'B', type: SqlTypes.INTEGER }]) }], 'value', true)).toEqual({
      type: 'record',
      name: 'KsqlDataSourceSchema',
      namespace: 'io.confluent.ksql.avro_schemas',
      fields: [
        {
          name: 'A',
          type: ['null', { type: 'record', name: 'KsqlDataSourceSchema_A', namespace: 'io.confluent.ksql.avro_schemas', fields: [{ name: 'B', type: ['null', 'int'], default: null }] }],
          default: null,
        },
      ],
    });
    expect(avroSchemaOf([{ name: 'A', type: SqlTypes.INTEGER }], 'value', true, 'com.acme.Order')).toMatchObject({ name: 'Order', namespace: 'com.acme' });
  });

  it('refuses bytes without the magic byte, an unknown schema id and bytes that do not match the schema', () => {
    const serde = createRowSerde('AVRO', 'value', columns, { wrapSingleValue: true, schemas: lookupOf('AVRO', generated) });
    expect(() => serde.deserialize(Buffer.from('{"ID":1}'))).toThrow(new SerdeError('Unknown magic byte! Expected 0, got 123'));
    expect(() => serde.deserialize(Buffer.from([0, 0]))).toThrow(/Unknown magic byte! The record has 2 bytes/);
    expect(() => serde.deserialize(Buffer.from([0, 0, 0, 0, 9, 1]))).toThrow(/Error retrieving Avro schema for id 9/);
    expect(() => serde.deserialize(Buffer.from([0, 0, 0, 0, 1, 2, 0xff]))).toThrow(/Error deserializing Avro message for id 1/);
  });

  it('refuses to write when the generated schema was never registered', () => {
    const serde = createRowSerde('AVRO', 'value', columns, { wrapSingleValue: true, schemas: lookupOf('AVRO') });
    expect(() => serde.serialize(columns.map(() => null))).toThrow(/is not registered in the Schema Registry/);
  });
});
