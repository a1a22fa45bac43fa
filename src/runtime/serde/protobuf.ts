// The PROTOBUF and PROTOBUF_NOSR formats: Protobuf messages (protobufjs), behind Confluent's wire header and message indexes or bare.
import protobuf from 'protobufjs';
import { Decimal, type SqlType, type Struct } from '../../planner/index.js';
import { decodeTwosComplement, encodeTwosComplement } from './decimal-bytes.js';
import { resolveFieldNames } from './field-names.js';
import type { FormatOptions, RowSerde, SerdeColumn, SerdeRole } from './format.js';
import { createNoneSerde } from './none.js';
import { COLLECTION_FIELD, isUnwrapped, parseProtobufFile, protobufSchemaOf, referencedTexts, wrappedScalar, type ProtobufFile } from './protobuf-schema.js';
import { generatedSchemaId, PROTOBUF_FORMAT, registeredSchema } from './registry-schemas.js';
import { SerdeError } from './serde-error.js';
import { readMessageIndexes, readSchemaId, WIRE_HEADER_BYTES, wireHeader, writeMessageIndexes } from './sr-wire.js';

/** Converts between one protobufjs value and the runtime representation of a SQL type. */
type Converter = (value: unknown) => unknown;

type RowReader = (bytes: Uint8Array) => unknown[];
type RowWriter = (values: readonly unknown[]) => Uint8Array;

/**
 * PROTOBUF: reads each record with the message its schema id and message indexes name, matching
 * fields to columns by name (exactly, else ignoring case); writes with the schema ksqlDB would
 * register for the columns, or the one `options.schemaId` names (its message `schemaFullName`).
 * A proto3 field without presence reads back a NULL as its default (0, '', false), as in ksqlDB.
 */
export function createProtobufSerde(role: SerdeRole, columns: readonly SerdeColumn[], options: FormatOptions): RowSerde {
  if (columns.length === 0) return createNoneSerde();
  const lookup = options.schemas;
  const files = new Map<number, ProtobufFile>();
  const fileOf = (schemaId: number): ProtobufFile => {
    let file = files.get(schemaId);
    if (file === undefined) {
      const schema = registeredSchema(lookup, schemaId, PROTOBUF_FORMAT);
      file = parseProtobufFile(schema.schema, referencedTexts(schema, lookup));
      files.set(schemaId, file);
    }
    return file;
  };
  const readers = new Map<string, RowReader>();
  const firstMessageReaders = new Map<number, RowReader>();
  const readerOf = (schemaId: number, indexes: readonly number[]): RowReader => {
    const key = `${schemaId}:${indexes.join('.')}`;
    let reader = readers.get(key);
    if (reader === undefined) {
      reader = messageReader(fileOf(schemaId).messageAt(indexes), columns, unwrappedStruct(role, columns, options), `schema id ${schemaId}`);
      readers.set(key, reader);
    }
    return reader;
  };
  let writer: RowWriter | undefined;
  return {
    serialize(values) {
      if (values === null || isNullKey(role, values)) return null;
      if (writer === undefined) {
        const schemaId = options.schemaId ?? generatedSchemaId(lookup, protobufSchemaOf(columns, role, options), role, PROTOBUF_FORMAT);
        const message = fileOf(schemaId).message(options.schemaFullName);
        writer = messageWriter(message, columns, unwrappedStruct(role, columns, options), Buffer.concat([wireHeader(schemaId), writeMessageIndexes(fileOf(schemaId).indexesOf(message))]));
      }
      return writer(values);
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      const schemaId = readSchemaId(bytes);
      // Most records are of the schema's first message, whose indexes are one zero byte.
      if (bytes[WIRE_HEADER_BYTES] === 0) {
        let reader = firstMessageReaders.get(schemaId);
        if (reader === undefined) {
          reader = readerOf(schemaId, [0]);
          firstMessageReaders.set(schemaId, reader);
        }
        return reader(bytes.subarray(WIRE_HEADER_BYTES + 1));
      }
      const { indexes, end } = readMessageIndexes(bytes, WIRE_HEADER_BYTES);
      return readerOf(schemaId, indexes)(bytes.subarray(end));
    },
  };
}

/** PROTOBUF_NOSR: the message ksqlDB generates for the columns, with no header: both sides must agree on the schema. */
export function createProtobufNoSrSerde(role: SerdeRole, columns: readonly SerdeColumn[], options: FormatOptions): RowSerde {
  if (columns.length === 0) return createNoneSerde();
  const message = parseProtobufFile(protobufSchemaOf(columns, role, options)).message(undefined);
  const struct = unwrappedStruct(role, columns, options);
  const reader = messageReader(message, columns, struct, 'PROTOBUF_NOSR');
  const writer = messageWriter(message, columns, struct, Buffer.alloc(0));
  return {
    serialize: (values) => (values === null || isNullKey(role, values) ? null : writer(values)),
    deserialize: (bytes) => (bytes === null ? null : reader(bytes)),
  };
}

/** A key of NULLs is no key at all: the record is written with a null key, as the other formats do. */
function isNullKey(role: SerdeRole, values: readonly unknown[]): boolean {
  return role === 'key' && values.every((value) => value === null || value === undefined);
}

/** The one STRUCT column whose fields are the message's own, when it is written unwrapped. */
function unwrappedStruct(role: SerdeRole, columns: readonly SerdeColumn[], options: FormatOptions): SqlType | undefined {
  const only = columns.length === 1 ? columns[0]!.type : undefined;
  return only?.kind === 'STRUCT' && isUnwrapped(role, options) ? only : undefined;
}

function messageReader(message: protobuf.Type, columns: readonly SerdeColumn[], struct: SqlType | undefined, what: string): RowReader {
  const decode = (bytes: Uint8Array): Record<string, unknown> => {
    try {
      return message.decode(bytes) as unknown as Record<string, unknown>;
    } catch (error) {
      throw new SerdeError(`Error deserializing Protobuf message ${message.name} (${what}): ${(error as Error).message}`);
    }
  };
  if (struct !== undefined) {
    const convert = readerOf(struct, message);
    return (bytes) => [convert(decode(bytes))];
  }
  const fields = fieldConverters(message, columns, readerOf);
  return (bytes) => {
    const decoded = decode(bytes);
    const row = new Array<unknown>(fields.length);
    for (let index = 0; index < fields.length; index++) {
      const { protoName, convert } = fields[index]!;
      const value = protoName === undefined ? null : decoded[protoName];
      row[index] = value === null || value === undefined ? null : convert!(value);
    }
    return row;
  };
}

function messageWriter(message: protobuf.Type, columns: readonly SerdeColumn[], struct: SqlType | undefined, prefix: Buffer): RowWriter {
  const encode = (object: Record<string, unknown>): Uint8Array => {
    let body: Uint8Array;
    try {
      body = message.encode(object).finish();
    } catch (error) {
      throw new SerdeError(`Error serializing Protobuf message ${message.name}: ${(error as Error).message}`);
    }
    return prefix.length === 0 ? body : Buffer.concat([prefix, body]);
  };
  if (struct !== undefined) {
    const convert = writerOf(struct, message);
    return (values) => encode(values[0] === null || values[0] === undefined ? {} : (convert(values[0]) as Record<string, unknown>));
  }
  const fields = fieldConverters(message, columns, writerOf);
  return (values) => {
    const object: Record<string, unknown> = {};
    for (let index = 0; index < fields.length; index++) {
      const { protoName, convert } = fields[index]!;
      const value = values[index];
      if (protoName !== undefined && value !== null && value !== undefined) object[protoName] = convert!(value);
    }
    return encode(object);
  };
}

/** A collection inside a collection is the one field of a message: the reader of the element or value it is. */
function collectionReader(type: SqlType, resolved: protobuf.Type | protobuf.Enum | null): Converter {
  if ((type.kind !== 'ARRAY' && type.kind !== 'MAP') || !(resolved instanceof protobuf.Type) || resolved.fields[COLLECTION_FIELD] === undefined) return readerOf(type, resolved);
  const inner = readerOf(type, resolved.fields[COLLECTION_FIELD]!.resolvedType);
  return (value) => inner((value as Record<string, unknown>)[COLLECTION_FIELD]);
}

function collectionWriter(type: SqlType, resolved: protobuf.Type | protobuf.Enum | null): Converter {
  if ((type.kind !== 'ARRAY' && type.kind !== 'MAP') || !(resolved instanceof protobuf.Type) || resolved.fields[COLLECTION_FIELD] === undefined) return writerOf(type, resolved);
  const inner = writerOf(type, resolved.fields[COLLECTION_FIELD]!.resolvedType);
  return (value) => ({ [COLLECTION_FIELD]: inner(value) });
}

interface FieldConverter {
  readonly name: string;
  /** The message field holding it; undefined when the message has none (read as NULL, not written). */
  readonly protoName: string | undefined;
  readonly convert: Converter | undefined;
}

/** For each column or struct field, the message field holding it (the same name, else ignoring case) and its converter. */
function fieldConverters(
  message: protobuf.Type | undefined,
  fields: readonly { readonly name: string; readonly type: SqlType }[],
  converterOf: (type: SqlType, resolved: protobuf.Type | protobuf.Enum | null) => Converter,
): FieldConverter[] {
  const names = message === undefined ? [] : resolveFieldNames(fields, message.fieldsArray.map((field) => field.name));
  return fields.map((field, index) => {
    const protoField = names[index] === undefined ? undefined : message!.fields[names[index]!];
    return { name: field.name, protoName: protoField?.name, convert: protoField === undefined ? undefined : converterOf(field.type, protoField.resolvedType) };
  });
}

/** protobufjs value → runtime value; `resolved` is the field's message or enum type, if any. */
function readerOf(type: SqlType, resolved: protobuf.Type | protobuf.Enum | null): Converter {
  if (resolved instanceof protobuf.Type && wrappedScalar(resolved) !== undefined) {
    const inner = readerOf(type, null);
    return (value) => inner((value as { value: unknown }).value);
  }
  switch (type.kind) {
    case 'BOOLEAN':
    case 'DOUBLE':
      return (value) => value;
    case 'STRING':
      if (resolved instanceof protobuf.Enum) {
        const names = resolved.valuesById;
        return (value) => names[value as number] ?? String(value);
      }
      return (value) => value;
    case 'INTEGER':
      return (value) => Number(typeof value === 'object' ? toBigint(value) : value);
    case 'BIGINT':
      return (value) => toBigint(value);
    case 'BYTES':
      // An absent bytes field reads as protobufjs's empty default, which is not always a Buffer.
      return (value) => (value instanceof Uint8Array ? value : Buffer.alloc(0));
    case 'DECIMAL': {
      const scale = type.scale;
      return (value) => {
        const decimal = value as { value: Uint8Array; scale: number };
        const read = new Decimal(decodeTwosComplement(decimal.value), decimal.scale);
        return read.scale === scale ? read : read.withScale(scale);
      };
    }
    case 'DATE':
      return (value) => {
        const date = value as { year: number; month: number; day: number };
        return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
      };
    case 'TIME':
      return (value) => {
        const time = value as { hours: number; minutes: number; seconds: number; nanos: number };
        return ((time.hours * 60 + time.minutes) * 60 + time.seconds) * 1000 + Math.floor(time.nanos / 1_000_000);
      };
    case 'TIMESTAMP':
      return (value) => {
        const timestamp = value as { seconds: unknown; nanos: number };
        return Number(toBigint(timestamp.seconds)) * 1000 + Math.floor(timestamp.nanos / 1_000_000);
      };
    case 'ARRAY': {
      const element = collectionReader(type.element, resolved);
      return (value) => (value as unknown[]).map((item) => (item === null ? null : element(item)));
    }
    case 'MAP': {
      const key = mapKeyReader(type.key);
      const entryValue = collectionReader(type.value, resolved);
      return (value) => {
        const map = new Map<unknown, unknown>();
        for (const [name, item] of Object.entries(value as Record<string, unknown>)) map.set(key(name), item === null ? null : entryValue(item));
        return map;
      };
    }
    case 'STRUCT': {
      const fields = fieldConverters(resolved instanceof protobuf.Type ? resolved : undefined, type.fields, readerOf);
      return (value) => {
        const record = value as Record<string, unknown>;
        const struct: Struct = {};
        for (const field of fields) {
          const item = field.protoName === undefined ? null : record[field.protoName];
          struct[field.name] = item === null || item === undefined ? null : field.convert!(item);
        }
        return struct;
      };
    }
  }
}

function mapKeyReader(type: SqlType): Converter {
  switch (type.kind) {
    case 'INTEGER':
    case 'DOUBLE':
      return (key) => Number(key);
    case 'BIGINT':
      return (key) => BigInt(key as string);
    case 'BOOLEAN':
      return (key) => key === 'true';
    default:
      return (key) => key;
  }
}

/** An int64 as protobufjs reads it (a Long, or a number when it fits) as a bigint. */
function toBigint(value: unknown): bigint {
  if (typeof value === 'number') return BigInt(value);
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string') return BigInt(value);
  const long = value as { low: number; high: number; unsigned: boolean };
  const bits = (BigInt(long.high >>> 0) << 32n) | BigInt(long.low >>> 0);
  return long.unsigned ? bits : BigInt.asIntN(64, bits);
}

/** Runtime value → value protobufjs encodes, for a SQL type written into a field of the given message or enum type. */
function writerOf(type: SqlType, resolved: protobuf.Type | protobuf.Enum | null): Converter {
  if (resolved instanceof protobuf.Type && wrappedScalar(resolved) !== undefined) {
    const inner = writerOf(type, null);
    return (value) => ({ value: inner(value) });
  }
  switch (type.kind) {
    case 'STRING':
      if (resolved instanceof protobuf.Enum) {
        const numbers = resolved.values;
        return (value) => {
          const number = numbers[value as string];
          if (number === undefined) throw new SerdeError(`'${String(value)}' is not a value of the Protobuf enum ${resolved.name}`);
          return number;
        };
      }
      return (value) => value;
    case 'BIGINT':
      return (value) => {
        const big = value as bigint;
        return big >= -9_007_199_254_740_991n && big <= 9_007_199_254_740_991n ? Number(big) : big.toString();
      };
    case 'DECIMAL': {
      const { precision, scale } = type;
      return (value) => ({ value: encodeTwosComplement((value as Decimal).withScale(scale).unscaled), precision, scale });
    }
    case 'DATE':
      return (value) => {
        const date = new Date((value as number) * 86_400_000);
        return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      };
    case 'TIME':
      return (value) => {
        const millis = value as number;
        return { hours: Math.floor(millis / 3_600_000), minutes: Math.floor(millis / 60_000) % 60, seconds: Math.floor(millis / 1000) % 60, nanos: (millis % 1000) * 1_000_000 };
      };
    case 'TIMESTAMP':
      return (value) => {
        const millis = value as number;
        const seconds = Math.floor(millis / 1000);
        return { seconds, nanos: (millis - seconds * 1000) * 1_000_000 };
      };
    case 'ARRAY': {
      const element = collectionWriter(type.element, resolved);
      return (value) =>
        (value as unknown[]).map((item) => {
          if (item === null || item === undefined) throw new SerdeError('The PROTOBUF format cannot hold a NULL array element');
          return element(item);
        });
    }
    case 'MAP': {
      const entryValue = collectionWriter(type.value, resolved);
      return (value) => {
        const object: Record<string, unknown> = {};
        for (const [key, item] of value as ReadonlyMap<unknown, unknown>) {
          if (item === null || item === undefined) throw new SerdeError('The PROTOBUF format cannot hold a NULL map value');
          object[String(key)] = entryValue(item);
        }
        return object;
      };
    }
    case 'STRUCT': {
      const fields = fieldConverters(resolved instanceof protobuf.Type ? resolved : undefined, type.fields, writerOf);
      return (value) => {
        const struct = value as Struct;
        const object: Record<string, unknown> = {};
        for (const field of fields) {
          const item = struct[field.name];
          if (field.protoName !== undefined && item !== null && item !== undefined) object[field.protoName] = field.convert!(item);
        }
        return object;
      };
    }
    default:
      return (value) => value;
  }
}
