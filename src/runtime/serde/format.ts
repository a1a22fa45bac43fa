// The serde contract shared by every format, and the factory that picks a format's serde.
import type { FormatName, SchemaLookup, SqlType } from '../../planner/index.js';
import { createAvroSerde } from './avro.js';
import { createDelimitedSerde } from './delimited.js';
import { createJsonSerde } from './json.js';
import { createJsonSrSerde } from './json-sr.js';
import { createKafkaSerde } from './kafka.js';
import { createNoneSerde } from './none.js';
import { createProtobufNoSrSerde, createProtobufSerde } from './protobuf.js';
import type { NullableRepresentation } from './protobuf-schema.js';

export interface SerdeColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface FormatOptions {
  /** WRAP_SINGLE_VALUE; undefined means the format's default (wrapped values, unwrapped keys). */
  readonly wrapSingleValue?: boolean;
  /** DELIMITED only: one character, already resolved from 'TAB'/'SPACE'; undefined means ','. */
  readonly delimiter?: string;
  /** Schema Registry formats: the registered schema to write with, instead of the one generated from the columns. */
  readonly schemaId?: number;
  /** Schema Registry formats: the record or message name of the generated schema. */
  readonly schemaFullName?: string;
  /** PROTOBUF formats: how a nullable scalar is written (<side>_PROTOBUF_NULLABLE_REPRESENTATION). */
  readonly nullableRepresentation?: NullableRepresentation;
  /** Schema Registry formats: the registry records name their writer schema in. */
  readonly schemas?: SchemaLookup;
}

export interface RowSerde {
  /** Values in column order → bytes; null (a tombstone / null key) → null. */
  serialize(values: readonly unknown[] | null): Uint8Array | null;
  /** bytes → values in column order; null bytes → null. Throws SerdeError (with a clear reason) on malformed input. */
  deserialize(bytes: Uint8Array | null): unknown[] | null;
}

export type SerdeRole = 'key' | 'value';

/**
 * Builds the serde of one side (key or value) of a topic. The columns must already have passed
 * the planner's format rules (checkSourceFormats); a serde asserts only what it relies on.
 */
export function createRowSerde(
  format: FormatName,
  role: SerdeRole,
  columns: readonly SerdeColumn[],
  options: FormatOptions,
): RowSerde {
  switch (format) {
    case 'JSON':
      return createJsonSerde(role, columns, options);
    case 'DELIMITED':
      return createDelimitedSerde(columns, role, options.delimiter ?? ',');
    case 'KAFKA':
      return createKafkaSerde(columns);
    case 'NONE':
      return createNoneSerde();
    case 'AVRO':
      return createAvroSerde(role, columns, options);
    case 'JSON_SR':
      return createJsonSrSerde(role, columns, options);
    case 'PROTOBUF':
      return createProtobufSerde(role, columns, options);
    case 'PROTOBUF_NOSR':
      return createProtobufNoSrSerde(role, columns, options);
    default:
      return assertNever(format);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled format: ${String(value)}`);
}
