// The PROTOBUF and PROTOBUF_NOSR serdes: Confluent's wire format with message indexes, proto3 defaults, and ksqlDB's type mapping both ways.
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { Decimal, SqlTypes } from '../../../src/planner/index.js';
import { columnsOfProtobufMessage, createRowSerde, parseProtobufFile, protobufSchemaOf, SerdeError, type SerdeColumn } from '../../../src/runtime/serde/index.js';
import { lookupOf } from './schema-lookup.js';

const columns: SerdeColumn[] = [
  { name: 'ID', type: SqlTypes.BIGINT },
  { name: 'NAME', type: SqlTypes.STRING },
  { name: 'PRICE', type: SqlTypes.decimal(6, 2) },
  { name: 'TAGS', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.INTEGER) },
  { name: 'ADDRESS', type: SqlTypes.struct([{ name: 'CITY', type: SqlTypes.STRING }, { name: 'ZIP', type: SqlTypes.INTEGER }]) },
  { name: 'SEEN', type: SqlTypes.array(SqlTypes.TIMESTAMP) },
  { name: 'BORN', type: SqlTypes.DATE },
  { name: 'AT', type: SqlTypes.TIME },
  { name: 'RAW', type: SqlTypes.BYTES },
  { name: 'OK', type: SqlTypes.BOOLEAN },
  { name: 'SCORE', type: SqlTypes.DOUBLE },
];
const generated = protobufSchemaOf(columns, 'value', {});
const row = [
  9_007_199_254_740_993n,
  'x',
  new Decimal(1234n, 2),
  new Map([['a', 1]]),
  { CITY: 'Oslo', ZIP: 150 },
  [1_700_000_000_123],
  19_000,
  45_296_789,
  Buffer.from([1, 2, 3]),
  true,
  2.5,
];

describe('PROTOBUF serde', () => {
  it('generates one message with a field per column, nested messages for structs and the well-known types for time and decimals', () => {
    expect(protobufSchemaOf([{ name: 'K', type: SqlTypes.STRING }], 'key', {})).toBe('syntax = "proto3";\n\nmessage ConnectDefault1 {\n  string K = 1;\n}\n');
    expect(generated).toContain('import "google/protobuf/timestamp.proto";');
    expect(generated).toContain('  ConnectDefault2 ADDRESS = 5;\n');
    expect(generated).toContain('  message ConnectDefault2 {\n    string CITY = 1;\n    int32 ZIP = 2;\n  }');
    expect(generated).toContain('confluent.type.Decimal PRICE = 3 [(confluent.field_meta) = { params: [ { key: "precision", value: "6" }, { key: "scale", value: "2" } ] }];');
    expect(protobufSchemaOf([{ name: 'V', type: SqlTypes.INTEGER }], 'value', { schemaFullName: 'io.x.Value', nullableRepresentation: 'OPTIONAL' })).toBe('syntax = "proto3";\n\npackage io.x;\n\nmessage Value {\n  optional int32 V = 1;\n}\n');
  });

  it('reads back the columns it generates, decimal precision and scale included', () => {
    expect(columnsOfProtobufMessage(parseProtobufFile(generated).message(undefined))).toEqual(columns);
  });

  it('writes the schema id and the message indexes after the magic byte, and reads the row back', () => {
    const serde = createRowSerde('PROTOBUF', 'value', columns, { schemas: lookupOf('PROTOBUF', 'syntax = "proto3"; message Other { int32 A = 1; }', generated) });
    const bytes = serde.serialize(row)!;
    expect([...bytes.subarray(0, 6)]).toEqual([0, 0, 0, 0, 2, 0]);
    expect(serde.deserialize(bytes)).toEqual(row);
  });

  it('writes the message the schema full name picks, with its indexes, and reads records of any message by their indexes', () => {
    const text = 'syntax = "proto3"; message ProtobufValue1 {float c1 = 1;} message ProtobufValue2 {uint64 A = 1; string B = 2;}';
    const valueColumns = columnsOfProtobufMessage(parseProtobufFile(text).message('ProtobufValue2'));
    expect(valueColumns).toEqual([{ name: 'A', type: SqlTypes.BIGINT }, { name: 'B', type: SqlTypes.STRING }]);
    const serde = createRowSerde('PROTOBUF', 'value', valueColumns, { schemaId: 1, schemaFullName: 'ProtobufValue2', schemas: lookupOf('PROTOBUF', text) });
    const bytes = serde.serialize([1230n, 'falcon'])!;
    expect([...bytes.subarray(0, 7)]).toEqual([0, 0, 0, 0, 1, 2, 2]);
    expect(serde.deserialize(bytes)).toEqual([1230n, 'falcon']);
    const first = protobuf.parse(text, { keepCase: true }).root.lookupType('ProtobufValue1');
    const firstRecord = Buffer.concat([Buffer.from([0, 0, 0, 0, 1, 0]), first.encode({ c1: 1.5 }).finish()]);
    expect(serde.deserialize(firstRecord)).toEqual([null, null]);
  });

  it('reads a NULL scalar back as its proto3 default, a NULL struct as NULL, unless the nullable representation keeps it', () => {
    const nullable: SerdeColumn[] = [
      { name: 'N', type: SqlTypes.INTEGER },
      { name: 'S', type: SqlTypes.STRING },
      { name: 'T', type: SqlTypes.struct([{ name: 'X', type: SqlTypes.STRING }]) },
    ];
    const plain = createRowSerde('PROTOBUF_NOSR', 'value', nullable, {});
    expect(plain.deserialize(plain.serialize([null, null, null]))).toEqual([0, '', null]);
    for (const representation of ['OPTIONAL', 'WRAPPER'] as const) {
      const serde = createRowSerde('PROTOBUF_NOSR', 'value', nullable, { nullableRepresentation: representation });
      expect(serde.deserialize(serde.serialize([null, null, { X: null }]))).toEqual([null, null, { X: null }]);
      expect(serde.deserialize(serde.serialize([0, '', null]))).toEqual([0, '', null]);
    }
  });

  it('writes PROTOBUF_NOSR as the bare message, and a key of NULLs as no key', () => {
    const keyColumns = [{ name: 'K', type: SqlTypes.STRING }];
    const serde = createRowSerde('PROTOBUF_NOSR', 'key', keyColumns, {});
    expect([...serde.serialize(['a'])!]).toEqual([0x0a, 1, 0x61]);
    expect(serde.serialize([null])).toBeNull();
    expect(serde.deserialize(Buffer.from([0x0a, 1, 0x61]))).toEqual(['a']);
  });

  it('refuses bytes without the header, unknown ids, bad indexes and bytes that are not the message', () => {
    const serde = createRowSerde('PROTOBUF', 'value', columns, { schemas: lookupOf('PROTOBUF', generated) });
    expect(() => serde.deserialize(Buffer.from([1, 2, 3]))).toThrow(/Unknown magic byte/);
    expect(() => serde.deserialize(Buffer.from([0, 0, 0, 0, 9, 0]))).toThrow(/no schema with that id/);
    expect(() => serde.deserialize(Buffer.from([0, 0, 0, 0, 1, 2, 8]))).toThrow(/name no message/);
    expect(() => serde.deserialize(Buffer.from([0, 0, 0, 0, 1, 0, 0x7f]))).toThrow(SerdeError);
    expect(() => createRowSerde('PROTOBUF', 'value', columns, { schemas: lookupOf('PROTOBUF') }).serialize(row)).toThrow(/not registered/);
  });

  it('maps the Protobuf scalar types as Connect does: unsigned 32-bit to BIGINT, float to DOUBLE, enums and wrappers to their values', () => {
    const text =
      'syntax = "proto3"; import "google/protobuf/wrappers.proto"; message M { uint32 U = 1; sint32 S = 2; float F = 3; E C = 4; google.protobuf.StringValue W = 5; repeated int64 L = 6; enum E { RED = 0; BLUE = 1; } }';
    const message = parseProtobufFile(text).message(undefined);
    const mapped = columnsOfProtobufMessage(message);
    expect(mapped).toEqual([
      { name: 'U', type: SqlTypes.BIGINT },
      { name: 'S', type: SqlTypes.INTEGER },
      { name: 'F', type: SqlTypes.DOUBLE },
      { name: 'C', type: SqlTypes.STRING },
      { name: 'W', type: SqlTypes.STRING },
      { name: 'L', type: SqlTypes.array(SqlTypes.BIGINT) },
    ]);
    const serde = createRowSerde('PROTOBUF', 'value', mapped, { schemaId: 1, schemas: lookupOf('PROTOBUF', text) });
    const values = [4_000_000_000n, -5, 0.5, 'BLUE', 'w', [1n, -2n]];
    expect(serde.deserialize(serde.serialize(values))).toEqual(values);
    expect(() => serde.serialize([0n, 0, 0, 'GREEN', null, []])).toThrow(/not a value of the Protobuf enum/);
    expect(() => parseProtobufFile('syntax = "proto3"; import "other.proto"; message M { Other O = 1; }')).toThrow(/neither a reference of the schema nor a well-known type/);
    expect(() => parseProtobufFile('message {')).toThrow(/Invalid Protobuf schema/);
    const withOptions = parseProtobufFile('syntax = "proto3"; message M { option (x.y) = { a: [1, 2] }; int32 A = 1 [(z) = { b: "c" }]; }');
    expect(columnsOfProtobufMessage(withOptions.message(undefined))).toEqual([{ name: 'A', type: SqlTypes.INTEGER }]);
  });

  it('holds an array or map inside another as the one field of a message', () => {
    const nested: SerdeColumn[] = [
      { name: 'GRID', type: SqlTypes.array(SqlTypes.array(SqlTypes.INTEGER)) },
      { name: 'BY_NAME', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.map(SqlTypes.STRING, SqlTypes.BIGINT)) },
    ];
    expect(protobufSchemaOf(nested, 'value', {})).toContain('  repeated ConnectDefault2 GRID = 1;\n  map<string, ConnectDefault3> BY_NAME = 2;\n\n  message ConnectDefault2 {\n    repeated int32 value = 1;\n  }');
    const serde = createRowSerde('PROTOBUF_NOSR', 'value', nested, {});
    const row = [[[1, 2], [], [3]], new Map([['a', new Map([['b', 5n]])]])];
    expect(serde.deserialize(serde.serialize(row))).toEqual(row);
  });

  it('writes a single STRUCT value with WRAP_SINGLE_VALUE=false as the message itself; a key always as a message of its columns', () => {
    const struct: SerdeColumn[] = [{ name: 'S', type: SqlTypes.struct([{ name: 'A', type: SqlTypes.INTEGER }]) }];
    expect(protobufSchemaOf(struct, 'value', { wrapSingleValue: false })).toBe('syntax = "proto3";\n\nmessage ConnectDefault1 {\n  int32 A = 1;\n}\n');
    expect(protobufSchemaOf(struct, 'key', { wrapSingleValue: false })).toContain('  ConnectDefault2 S = 1;');
    const serde = createRowSerde('PROTOBUF_NOSR', 'value', struct, { wrapSingleValue: false });
    expect([...serde.serialize([{ A: 3 }])!]).toEqual([0x08, 3]);
    expect(serde.deserialize(Buffer.from([0x08, 3]))).toEqual([{ A: 3 }]);
  });

  it('reads a schema that imports its references, by the names it imports them by', () => {
    const event = 'syntax = "proto3"; package shop; message Event { int64 TIMESTAMP = 1; }';
    const logistics = 'syntax = "proto3"; import "event.proto"; message Logistics { shop.Event EVENT = 1; }';
    const lookup = {
      schemaById: (id: number) => (id === 2 ? { id, schemaType: 'PROTOBUF' as const, schema: logistics, references: [{ name: 'event.proto', subject: 'event', version: 1 }] } : undefined),
      idOfSchema: () => undefined,
      schemaByVersion: (subject: string, version: number) => (subject === 'event' && version === 1 ? { id: 1, schemaType: 'PROTOBUF' as const, schema: event } : undefined),
    };
    const columns = columnsOfProtobufMessage(parseProtobufFile(logistics, new Map([['event.proto', event]])).message(undefined));
    expect(columns).toEqual([{ name: 'EVENT', type: SqlTypes.struct([{ name: 'TIMESTAMP', type: SqlTypes.BIGINT }]) }]);
    const serde = createRowSerde('PROTOBUF', 'value', columns, { schemaId: 2, schemas: lookup });
    expect(serde.deserialize(serde.serialize([{ TIMESTAMP: 1234n }]))).toEqual([{ TIMESTAMP: 1234n }]);
    const orphan = createRowSerde('PROTOBUF', 'value', columns, { schemaId: 2, schemas: { ...lookup, schemaByVersion: () => undefined } });
    expect(() => orphan.serialize([{ TIMESTAMP: 1n }])).toThrow(/references 'event.proto' \(subject event, version 1\)/);
  });
});
