// The KAFKA format: one column in Kafka's primitive serdes (big-endian numbers, UTF-8 text, raw bytes).
import type { SqlType } from '../../planner/index.js';
import { viewOf } from './byte-view.js';
import type { RowSerde, SerdeColumn } from './format.js';
import { createNoneSerde } from './none.js';
import { SerdeError } from './serde-error.js';

interface PrimitiveSerde {
  serialize(value: unknown): Uint8Array;
  deserialize(bytes: Uint8Array): unknown;
}

// Not fatal: Kafka's StringDeserializer (Java's new String(bytes, UTF_8)) replaces malformed input.
const utf8Decoder = new TextDecoder('utf-8');

/** Expects the planner's format rules to have checked the column count and type. */
export function createKafkaSerde(columns: readonly SerdeColumn[]): RowSerde {
  if (columns.length > 1) {
    throw new Error(`KAFKA format holds one column, not ${columns.length}; the planner's format rules should have rejected it`);
  }
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
      return fixedWidthSerde(4, 'IntegerDeserializer', (view, value) => view.setInt32(0, value as number), (view) => view.getInt32(0));
    case 'BIGINT':
      return fixedWidthSerde(8, 'LongDeserializer', (view, value) => view.setBigInt64(0, value as bigint), (view) => view.getBigInt64(0));
    case 'DOUBLE':
      // Kafka's DoubleDeserializer names itself just "Deserializer" in its size message.
      return fixedWidthSerde(8, 'Deserializer', (view, value) => view.setFloat64(0, value as number), (view) => view.getFloat64(0));
    case 'STRING':
      return { serialize: (value) => Buffer.from(value as string, 'utf8'), deserialize: (bytes) => utf8Decoder.decode(bytes) };
    case 'BYTES':
      return { serialize: (value) => value as Uint8Array, deserialize: (bytes) => new Uint8Array(bytes) };
    default:
      throw new Error(`KAFKA format has no serde for ${type.kind}; the planner's format rules should have rejected it`);
  }
}

/** A big-endian number of `size` bytes; Kafka's deserializers reject any other length with this message. */
function fixedWidthSerde(
  size: number,
  deserializerName: string,
  write: (view: DataView, value: unknown) => void,
  read: (view: DataView) => unknown,
): PrimitiveSerde {
  return {
    serialize(value) {
      const bytes = Buffer.allocUnsafe(size);
      write(viewOf(bytes), value);
      return bytes;
    },
    deserialize(bytes) {
      if (bytes.length !== size) throw new SerdeError(`Size of data received by ${deserializerName} is not ${size}`);
      return read(viewOf(bytes));
    },
  };
}
