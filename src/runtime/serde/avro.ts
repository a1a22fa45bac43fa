// The AVRO format: Confluent's wire format around Avro binary, read with the writer's schema from the registry (avsc).
import avro from 'avsc';
import { Decimal, type RegisteredSchema, type SchemaLookup, type SqlType, type Struct } from '../../planner/index.js';
import { avroSchemaOf, type AvroComplexSchema, type AvroSchema } from './avro-schema.js';
import { decodeTwosComplement, encodeTwosComplement } from './decimal-bytes.js';
import { resolveFieldNames } from './field-names.js';
import { AVRO_FORMAT, generatedSchemaId, registeredSchema } from './registry-schemas.js';
import type { FormatOptions, RowSerde, SerdeColumn, SerdeRole } from './format.js';
import { createNoneSerde } from './none.js';
import { SerdeError } from './serde-error.js';
import { readSchemaId, WIRE_HEADER_BYTES, wireHeader } from './sr-wire.js';

/** Converts between one avsc value and the runtime representation of a SQL type. */
type Converter = (value: unknown) => unknown;

/** The 8 bytes avsc asks a custom long type for; it packs them into the record before asking again. */
const longScratch = Buffer.alloc(8);

/**
 * Avro longs as bigints: avsc's default reads them as doubles and refuses those beyond 2^53. It
 * also writes numbers, so that a record of safe longs (numbers) and larger ones (bigints) can mix.
 */
const bigintLong = avro.types.LongType.__with({
  fromBuffer: (buffer: Buffer) => buffer.readBigInt64LE(),
  toBuffer: (value: bigint | number) => {
    longScratch.writeBigInt64LE(typeof value === 'bigint' ? value : BigInt(value));
    return longScratch;
  },
  fromJSON: (json: unknown) => BigInt(json as number),
  toJSON: (value: bigint) => Number(value),
  isValid: (value: unknown) => typeof value === 'bigint' || Number.isSafeInteger(value),
  compare: (left: bigint, right: bigint) => (left === right ? 0 : left < right ? -1 : 1),
});

/**
 * An Avro type with avsc's own longs (numbers, about twice as fast as bigints to read and write),
 * which refuses a long beyond 2^53 rather than lose digits: the precise type takes over then.
 */
interface AvroTypes {
  readonly fast: avro.Type;
  readonly precise: avro.Type;
}

function parseAvroTypes(schema: AvroSchema): AvroTypes {
  return { fast: avro.Type.forSchema(schema as avro.Schema, { wrapUnions: 'auto' }), precise: parseAvroType(schema) };
}

/**
 * Parses an Avro schema into an avsc type whose longs are bigints; unions of null and one type
 * read as the bare value. @internal Exported for the conformance driver, which writes inputs.
 */
export function parseAvroType(schema: AvroSchema): avro.Type {
  const type = avro.Type.forSchema(schema as avro.Schema, {
    registry: { long: bigintLong },
    // `{"type": "long", "logicalType": ...}` is parsed afresh, not through the registry.
    typeHook: (node) => (typeof node === 'object' && (node as { type?: unknown }).type === 'long' ? bigintLong : undefined),
    wrapUnions: 'auto',
  });
  routeBigintsToNumberBranches(type, new Set());
  return type;
}

interface UnwrappedUnion {
  readonly _bucketIndices?: Record<string, number | undefined>;
}

/**
 * avsc picks the branch of an unwrapped union by the value's `typeof`, and files long branches
 * under 'number': a bigint long would match no branch. Each union also files bigints there.
 */
function routeBigintsToNumberBranches(type: avro.Type, seen: Set<avro.Type>): void {
  if (seen.has(type)) return;
  seen.add(type);
  const buckets = (type as unknown as UnwrappedUnion)._bucketIndices;
  if (buckets !== undefined && buckets.number !== undefined) buckets.bigint = buckets.number;
  const children: avro.Type[] = [];
  if (type instanceof avro.types.RecordType) children.push(...type.fields.map((field) => field.type));
  if (type instanceof avro.types.ArrayType) children.push(type.itemsType);
  if (type instanceof avro.types.MapType) children.push(type.valuesType as avro.Type);
  if (type instanceof avro.types.UnwrappedUnionType || type instanceof avro.types.WrappedUnionType) children.push(...type.types);
  for (const child of children) routeBigintsToNumberBranches(child, seen);
}

/**
 * Reads records with the schema their id names, matching record fields to columns by name
 * (exactly, else case-insensitively); writes with the schema ksqlDB would register for the
 * columns, or the one `options.schemaId` names.
 */
export function createAvroSerde(role: SerdeRole, columns: readonly SerdeColumn[], options: FormatOptions): RowSerde {
  if (columns.length === 0) return createNoneSerde();
  const lookup = options.schemas;
  const unwrapped = columns.length === 1 && (role === 'key' || options.wrapSingleValue === false);
  const readers = new Map<number, (bytes: Uint8Array) => unknown[]>();
  const readerFor = (schemaId: number): ((bytes: Uint8Array) => unknown[]) => {
    let reader = readers.get(schemaId);
    if (reader === undefined) {
      reader = buildReader(registeredSchema(lookup, schemaId, AVRO_FORMAT), columns, unwrapped);
      readers.set(schemaId, reader);
    }
    return reader;
  };
  let writer: ((values: readonly unknown[]) => Uint8Array) | undefined;
  return {
    serialize(values) {
      if (values === null) return null;
      if (role === 'key' && unwrapped && (values[0] === null || values[0] === undefined)) return null;
      writer ??= buildWriter(lookup, columns, unwrapped, role, options);
      return writer(values);
    },
    deserialize(bytes) {
      if (bytes === null) return null;
      return readerFor(readSchemaId(bytes))(bytes);
    },
  };
}

function buildReader(schema: RegisteredSchema, columns: readonly SerdeColumn[], unwrapped: boolean): (bytes: Uint8Array) => unknown[] {
  const writerSchema = JSON.parse(schema.schema) as AvroSchema;
  const types = parseAvroTypes(writerSchema);
  const decodeWith = (type: avro.Type, buffer: Buffer): unknown => {
    const { value, offset } = type.decode(buffer, WIRE_HEADER_BYTES);
    if (offset !== buffer.length) throw new Error(offset < 0 ? 'truncated record' : `${buffer.length - offset} bytes left over`);
    return value;
  };
  const decode = (bytes: Uint8Array): unknown => {
    const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    try {
      try {
        return decodeWith(types.fast, buffer);
      } catch (error) {
        if ((error as Error).message !== 'potential precision loss') throw error;
        return decodeWith(types.precise, buffer);
      }
    } catch (error) {
      throw new SerdeError(`Error deserializing Avro message for id ${schema.id}: ${(error as Error).message}`);
    }
  };
  if (unwrapped) {
    const convert = readerOf(columns[0]!.type);
    return (bytes) => {
      const value = decode(bytes);
      return [value === null ? null : convert(value)];
    };
  }
  const fieldNames = resolveFieldNames(columns, recordFieldNames(writerSchema));
  const converters = columns.map((column) => readerOf(column.type));
  return (bytes) => {
    const record = decode(bytes) as Record<string, unknown> | null;
    if (record === null || typeof record !== 'object') throw new SerdeError(`Error deserializing Avro message for id ${schema.id}: not a record`);
    const row = new Array<unknown>(converters.length);
    for (let index = 0; index < converters.length; index++) {
      const name = fieldNames[index];
      const value = name === undefined ? null : record[name];
      row[index] = value === null || value === undefined ? null : converters[index]!(value);
    }
    return row;
  };
}

function recordFieldNames(schema: AvroSchema): readonly string[] {
  const record = Array.isArray(schema) ? (schema as readonly AvroSchema[]).find((branch) => branch !== 'null') : schema;
  return typeof record === 'object' && !Array.isArray(record) ? ((record as AvroComplexSchema).fields ?? []).map((field) => field.name) : [];
}

function readerOf(type: SqlType): Converter {
  switch (type.kind) {
    case 'BOOLEAN':
    case 'STRING':
    case 'DATE':
    case 'TIME':
      return (value) => value;
    case 'INTEGER':
    case 'DOUBLE':
    case 'TIMESTAMP':
      return (value) => (typeof value === 'bigint' ? Number(value) : value);
    case 'BIGINT':
      return (value) => (typeof value === 'bigint' ? value : BigInt(value as number));
    case 'BYTES':
      return (value) => value;
    case 'DECIMAL': {
      const scale = type.scale;
      return (value) => new Decimal(decodeTwosComplement(value as Buffer), scale);
    }
    case 'ARRAY': {
      const element = readerOf(type.element);
      return (value) => (value as unknown[]).map((item) => (item === null ? null : element(item)));
    }
    case 'MAP': {
      const entryValue = readerOf(type.value);
      return (value) => {
        const map = new Map<unknown, unknown>();
        for (const [key, item] of Object.entries(value as Record<string, unknown>)) map.set(key, item === null ? null : entryValue(item));
        return map;
      };
    }
    case 'STRUCT': {
      const fields = type.fields.map((field) => ({ name: field.name, upper: field.name.toUpperCase(), convert: readerOf(field.type) }));
      return (value) => {
        const record = value as Record<string, unknown>;
        const struct: Struct = {};
        for (const field of fields) {
          const item = field.name in record ? record[field.name] : findIgnoringCase(record, field.upper);
          struct[field.name] = item === null || item === undefined ? null : field.convert(item);
        }
        return struct;
      };
    }
  }
}

function findIgnoringCase(record: Record<string, unknown>, upperName: string): unknown {
  for (const key of Object.keys(record)) if (key.toUpperCase() === upperName) return record[key];
  return undefined;
}

function buildWriter(
  lookup: SchemaLookup | undefined,
  columns: readonly SerdeColumn[],
  unwrapped: boolean,
  role: SerdeRole,
  options: FormatOptions,
): (values: readonly unknown[]) => Uint8Array {
  const schemaId = options.schemaId ?? generatedSchemaId(lookup, JSON.stringify(avroSchemaOf(columns, role, options.wrapSingleValue, options.schemaFullName)), role, AVRO_FORMAT);
  const schema = JSON.parse(registeredSchema(lookup, schemaId, AVRO_FORMAT).schema) as AvroSchema;
  const types = parseAvroTypes(schema);
  const header = wireHeader(schemaId);
  // Records are written after the header into one growing buffer, and copied out.
  let scratch = Buffer.alloc(1024);
  header.copy(scratch);
  const encodeWith = (type: avro.Type, value: unknown): Uint8Array => {
    let end = type.encode(value, scratch, WIRE_HEADER_BYTES);
    while (end < 0) {
      scratch = Buffer.alloc(scratch.length * 2);
      header.copy(scratch);
      end = type.encode(value, scratch, WIRE_HEADER_BYTES);
    }
    return Buffer.from(scratch.subarray(0, end));
  };
  const encode = (value: unknown): Uint8Array => {
    try {
      try {
        return encodeWith(types.fast, value);
      } catch {
        // A long beyond 2^53 is a bigint, which avsc's own longs refuse: the precise type writes that record.
        return encodeWith(types.precise, value);
      }
    } catch (error) {
      throw new SerdeError(`Error serializing Avro message for id ${schemaId}: ${(error as Error).message}`);
    }
  };
  if (unwrapped) {
    const convert = writerOf(columns[0]!.type, schema);
    return (values) => encode(values[0] === null || values[0] === undefined ? null : convert(values[0]));
  }
  const record = nonNullBranch(schema) as AvroComplexSchema;
  const fields = record.fields ?? [];
  const fieldNames = resolveFieldNames(columns, fields.map((field) => field.name));
  const converters = columns.map((column, index) => {
    const field = fields.find((candidate) => candidate.name === fieldNames[index]);
    return field === undefined ? undefined : writerOf(column.type, field.type);
  });
  return (values) => {
    const object: Record<string, unknown> = {};
    for (const field of fields) object[field.name] = null;
    for (let index = 0; index < converters.length; index++) {
      const convert = converters[index];
      const value = values[index];
      if (convert !== undefined) object[fieldNames[index]!] = value === null || value === undefined ? null : convert(value);
    }
    return encode(object);
  };
}

function nonNullBranch(schema: AvroSchema): AvroSchema {
  return Array.isArray(schema) ? ((schema as readonly AvroSchema[]).find((branch) => branch !== 'null') ?? schema) : schema;
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Runtime value → avsc value, for a SQL type written as the given Avro schema (which names the record fields). */
function writerOf(type: SqlType, schema: AvroSchema): Converter {
  const target = nonNullBranch(schema);
  const complex = typeof target === 'object' && !Array.isArray(target) ? (target as AvroComplexSchema) : undefined;
  switch (type.kind) {
    case 'BIGINT':
      // A number while it is exact, which avsc's own longs write fastest; a bigint beyond.
      return (value) => (typeof value === 'bigint' && value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value);
    case 'DECIMAL': {
      const scale = complex?.scale ?? type.scale;
      return (value) => encodeTwosComplement((value as Decimal).withScale(scale).unscaled);
    }
    case 'BYTES':
      return (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array));
    case 'ARRAY': {
      const element = writerOf(type.element, complex?.items ?? 'null');
      return (value) => (value as unknown[]).map((item) => (item === null || item === undefined ? null : element(item)));
    }
    case 'MAP': {
      const entryValue = writerOf(type.value, complex?.values ?? 'null');
      return (value) => {
        const object: Record<string, unknown> = {};
        for (const [key, item] of value as ReadonlyMap<unknown, unknown>) object[String(key)] = item === null || item === undefined ? null : entryValue(item);
        return object;
      };
    }
    case 'STRUCT': {
      const avroFields = complex?.fields ?? [];
      const names = resolveFieldNames(type.fields, avroFields.map((field) => field.name));
      const fields = type.fields.map((field, index) => ({
        name: field.name,
        avroName: names[index],
        convert: writerOf(field.type, avroFields.find((candidate) => candidate.name === names[index])?.type ?? 'null'),
      }));
      return (value) => {
        const struct = value as Struct;
        const object: Record<string, unknown> = {};
        for (const field of avroFields) object[field.name] = null;
        for (const field of fields) {
          const item = struct[field.name];
          if (field.avroName !== undefined) object[field.avroName] = item === null || item === undefined ? null : field.convert(item);
        }
        return object;
      };
    }
    default:
      return (value) => value;
  }
}
