// The KAFKA format: one column in Kafka's primitive serdes (big-endian numbers, UTF-8 text, raw bytes).
import type { SqlType } from '../../planner/types.js';
import type { RowSerde, SerdeColumn } from './format.js';
import { createNoneSerde } from './none.js';
import { SerdeError } from './serde-error.js';

interface PrimitiveSerde {
  serialize(value: unknown): Uint8Array;
  deserialize(bytes: Uint8Array): unknown;
}

// Not fatal: Kafka's StringDeserializer (Java's new String(bytes, UTF_8)) replaces malformed input.
const utf8Decoder = new TextDecoder('utf-8');

/** Expects validateFormat to have checked the column count and type. */
export function createKafkaSerde(columns: readonly SerdeColumn[]): RowSerde {
  const column = columns[0];
  // Without a column the bytes are ignored, as ksqlDB's KAFKA format does for keyless streams.
  if (column === undefined) return createNoneSerde();
  const primitive = primitiveSerde(column.type);
  return {
    serialize(values) {
      if (values === null) return null;
      const value = values[0];
      return value === null || value === undefined ? null : primitive.serialize(value);
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      return [primitive.deserialize(bytes)];
    },
  };
}

function primitiveSerde(type: SqlType): PrimitiveSerde {
  switch (type.kind) {
    case 'INTEGER':
      return { serialize: serializeInteger, deserialize: deserializeInteger };
    case 'BIGINT':
      return { serialize: serializeBigint, deserialize: deserializeBigint };
    case 'DOUBLE':
      return { serialize: serializeDouble, deserialize: deserializeDouble };
    case 'STRING':
      return { serialize: (value) => Buffer.from(value as string, 'utf8'), deserialize: (bytes) => utf8Decoder.decode(bytes) };
    case 'BYTES':
      return { serialize: (value) => value as Uint8Array, deserialize: (bytes) => new Uint8Array(bytes) };
    default:
      throw new Error(`KAFKA format has no serde for ${type.kind}; validateFormat should have rejected it`);
  }
}

function serializeInteger(value: unknown): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setInt32(0, value as number);
  return bytes;
}

function deserializeInteger(bytes: Uint8Array): number {
  checkSize(bytes, 4, 'IntegerDeserializer');
  return viewOf(bytes).getInt32(0);
}

function serializeBigint(value: unknown): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value as bigint);
  return bytes;
}

function deserializeBigint(bytes: Uint8Array): bigint {
  checkSize(bytes, 8, 'LongDeserializer');
  return viewOf(bytes).getBigInt64(0);
}

function serializeDouble(value: unknown): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value as number);
  return bytes;
}

function deserializeDouble(bytes: Uint8Array): number {
  // Kafka's DoubleDeserializer names itself just "Deserializer" in this message.
  checkSize(bytes, 8, 'Deserializer');
  return viewOf(bytes).getFloat64(0);
}

/** Kafka's primitive deserializers reject any other length with this message. */
function checkSize(bytes: Uint8Array, size: number, deserializerName: string): void {
  if (bytes.length !== size) {
    throw new SerdeError(`Size of data received by ${deserializerName} is not ${size}`);
  }
}

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
