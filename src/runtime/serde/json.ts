// The JSON format, read leniently as ksqlDB's KsqlJsonDeserializer does (case-insensitive fields, coerced text).
import { isLosslessNumber, parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';
import { Decimal, formatType, type SqlType, type Struct, type StructField } from '../../planner/index.js';
import type { FormatOptions, RowSerde, SerdeColumn, SerdeRole } from './format.js';
import { buildJsonObjectWriter, buildJsonValueWriter } from './json-writer.js';
import { createNoneSerde } from './none.js';
import {
  decodeBase64,
  fitDecimal,
  parseBigintText,
  parseDecimalText,
  parseDoubleText,
  parseIntegerText,
} from './scalar-text.js';
import { SerdeError } from './serde-error.js';

/** Converts one parsed, non-null JSON value to the runtime representation of a SQL type. */
type JsonCoercer = (value: unknown) => unknown;

type JsonObject = Record<string, unknown>;

/**
 * Thrown by a coercer given a number by JSON.parse whose original text it needs: a BIGINT or
 * TIMESTAMP beyond 2^53 (digits lost), or any number read as STRING (`1.50` must stay `1.50`).
 * The record is then parsed again losslessly. Preallocated: it is control flow, not an error.
 */
const NUMBER_TEXT_NEEDED = Object.freeze({ reason: 'JSON.parse dropped the text of a number' });

const utf8Decoder = new TextDecoder('utf-8');

/**
 * Keys: one column is a bare value, several an object. Values: an object, unless there is one
 * column and `wrapSingleValue` is false. A schema without columns ignores the bytes.
 */
export function createJsonSerde(role: SerdeRole, columns: readonly SerdeColumn[], options: FormatOptions): RowSerde {
  if (columns.length === 0) return createNoneSerde();
  const anonymous = columns.length === 1 && (role === 'key' || options.wrapSingleValue === false);
  const parser = buildParser(columns);
  return anonymous ? createAnonymousSerde(columns[0]!, parser) : createObjectSerde(columns, parser);
}

function createAnonymousSerde(column: SerdeColumn, parser: JsonParser): RowSerde {
  const write = buildJsonValueWriter(column.type);
  const coerce = buildCoercer(column.type, '$');
  const readRow = (parsed: unknown): unknown[] | null => (parsed === null ? null : [coerce(parsed)]);
  return {
    serialize(values) {
      // Kafka serialisers turn a null value into null bytes rather than the text `null`.
      const value = values === null ? null : values[0];
      return value === null || value === undefined ? null : Buffer.from(write(value), 'utf8');
    },
    deserialize(bytes) {
      return bytes === null ? null : parser(utf8Decoder.decode(bytes), readRow);
    },
  };
}

function createObjectSerde(columns: readonly SerdeColumn[], parser: JsonParser): RowSerde {
  const write = buildJsonObjectWriter(columns);
  const readFields = buildFieldsReader(columns, '$');
  const rowType: SqlType = { kind: 'STRUCT', fields: columns };
  const readRow = (parsed: unknown): unknown[] | null => {
    if (parsed === null) return null;
    if (!isJsonObject(parsed)) throw conversionError(parsed, rowType, '$');
    return readFields(parsed);
  };
  return {
    serialize(values) {
      return values === null ? null : Buffer.from(write(values), 'utf8');
    },
    deserialize(bytes) {
      return bytes === null ? null : parser(utf8Decoder.decode(bytes), readRow);
    },
  };
}

/** Parses JSON text and reads the row out of it, choosing the parser that keeps every digit needed. */
type JsonParser = (text: string, readRow: (parsed: unknown) => unknown[] | null) => unknown[] | null;

/**
 * JSON.parse on the common path. Lossless parsing (numbers kept as their text) when the schema has
 * a DECIMAL anywhere, or again for a record where a coercer needs a number's text.
 */
function buildParser(columns: readonly SerdeColumn[]): JsonParser {
  if (columns.some((column) => containsKind(column.type, 'DECIMAL'))) {
    return (text, readRow) => readRow(parseText(text, parseLossless));
  }
  return (text, readRow) => {
    try {
      return readRow(parseText(text, JSON.parse));
    } catch (error) {
      if (error !== NUMBER_TEXT_NEEDED) throw error;
      return readRow(parseText(text, parseLossless));
    }
  };
}

function parseText(text: string, parse: (text: string) => unknown): unknown {
  try {
    return parse(text);
  } catch (error) {
    throw new SerdeError(`Invalid JSON: ${(error as Error).message}`);
  }
}

function containsKind(type: SqlType, kind: SqlType['kind']): boolean {
  if (type.kind === kind) return true;
  switch (type.kind) {
    case 'ARRAY':
      return containsKind(type.element, kind);
    case 'MAP':
      return containsKind(type.key, kind) || containsKind(type.value, kind);
    case 'STRUCT':
      return type.fields.some((field) => containsKind(field.type, kind));
    default:
      return false;
  }
}

/** How many distinct JSON keys a reader remembers the column of; beyond it, keys are resolved each time. */
const KEY_CACHE_LIMIT = 1024;

/**
 * Reads declared fields from an object. A JSON key matches the field with its exact name, else the
 * one equal to the key upper-cased (unquoted SQL names are upper case), with the exact match
 * winning; absent fields are null and other keys ignored. Resolved keys are cached per schema, so a
 * record costs one map lookup per key.
 */
function buildFieldsReader(fields: readonly StructField[], path: string): (object: JsonObject) => unknown[] {
  const coercers = fields.map((field) => buildCoercer(field.type, `${path}.${field.name}`));
  const indexByName = new Map(fields.map((field, index) => [field.name, index]));
  // A key's column index, negated minus one when it matched only once upper-cased.
  const matchByKey = new Map<string, number | undefined>();
  const resolve = (key: string): number | undefined => {
    const exact = indexByName.get(key);
    if (exact !== undefined) return exact;
    const upperCased = indexByName.get(key.toUpperCase());
    return upperCased === undefined ? undefined : -upperCased - 1;
  };
  return (object) => {
    const values: unknown[] = new Array(coercers.length);
    for (const key in object) {
      let match = matchByKey.get(key);
      if (match === undefined && !matchByKey.has(key)) {
        match = resolve(key);
        if (matchByKey.size < KEY_CACHE_LIMIT) matchByKey.set(key, match);
      }
      if (match === undefined) continue;
      if (match >= 0) values[match] = object[key];
      else if (values[-match - 1] === undefined) values[-match - 1] = object[key];
    }
    for (let index = 0; index < coercers.length; index++) {
      const raw = values[index];
      values[index] = raw === undefined || raw === null ? null : coercers[index]!(raw);
    }
    return values;
  };
}

function buildCoercer(type: SqlType, path: string): JsonCoercer {
  const coerce = buildNonNullCoercer(type, path);
  return (value) => (value === null ? null : coerce(value));
}

function buildNonNullCoercer(type: SqlType, path: string): JsonCoercer {
  switch (type.kind) {
    case 'BOOLEAN':
      return (value) => toBoolean(value, type, path);
    case 'INTEGER':
    case 'DATE':
    case 'TIME':
      return (value) => toInteger(value, type, path);
    case 'BIGINT':
      return (value) => toBigint(value, type, path);
    case 'TIMESTAMP':
      return (value) => Number(toBigint(value, type, path));
    case 'DOUBLE':
      return (value) => toDouble(value, type, path);
    case 'DECIMAL':
      return (value) => toDecimal(value, type, path);
    case 'STRING':
      return toText;
    case 'BYTES':
      return (value) => {
        if (typeof value !== 'string') throw conversionError(value, type, path);
        return decodeBase64(value);
      };
    case 'ARRAY':
      return buildArrayCoercer(type, path);
    case 'MAP':
      return buildMapCoercer(type, path);
    case 'STRUCT':
      return buildStructCoercer(type, path);
  }
}

function toBoolean(value: unknown, type: SqlType, path: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lowered = value.toLowerCase();
    if (lowered === 'true') return true;
    if (lowered === 'false') return false;
  }
  throw conversionError(value, type, path);
}

/** Jackson's intValue(): integers wrap to 32 bits, fractions truncate and saturate. */
function toInteger(value: unknown, type: SqlType, path: string): number {
  if (typeof value === 'number') return Number.isInteger(value) ? value | 0 : saturateToInt32(value);
  if (isLosslessNumber(value)) {
    const text = value.value;
    return isIntegerText(text) ? Number(BigInt.asIntN(32, BigInt(text))) : saturateToInt32(Number(text));
  }
  if (typeof value === 'string') return parseIntegerText(value);
  throw conversionError(value, type, path);
}

function saturateToInt32(value: number): number {
  return Math.max(-2147483648, Math.min(2147483647, Math.trunc(value)));
}

/** Jackson's longValue(): integers wrap to 64 bits, fractions truncate. */
function toBigint(value: unknown, type: SqlType, path: string): bigint {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) throw NUMBER_TEXT_NEEDED;
    return BigInt.asIntN(64, BigInt(Math.trunc(value)));
  }
  if (isLosslessNumber(value)) {
    const text = value.value;
    return BigInt.asIntN(64, isIntegerText(text) ? BigInt(text) : BigInt(Math.trunc(Number(text))));
  }
  if (typeof value === 'string') return parseBigintText(value);
  throw conversionError(value, type, path);
}

function toDouble(value: unknown, type: SqlType, path: string): number {
  if (typeof value === 'number') return value;
  if (isLosslessNumber(value)) return Number(value.value);
  if (typeof value === 'string') return parseDoubleText(value);
  throw conversionError(value, type, path);
}

function toDecimal(value: unknown, type: SqlType & { kind: 'DECIMAL' }, path: string): Decimal {
  if (isLosslessNumber(value) || typeof value === 'string') {
    return parseDecimalText(typeof value === 'string' ? value : value.value, type.precision, type.scale);
  }
  if (typeof value === 'number') return fitDecimal(Decimal.fromNumber(value), type.precision, type.scale);
  throw conversionError(value, type, path);
}

/**
 * A STRING column takes any JSON: numbers and booleans as their text, objects as compact JSON,
 * arrays as `[a, b]` of their elements' text (ksqlDB's processString).
 */
function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') throw NUMBER_TEXT_NEEDED;
  if (isLosslessNumber(value)) return value.value;
  if (Array.isArray(value)) return `[${value.map((element) => (element === null ? 'null' : toText(element))).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    if (containsPlainNumber(value)) throw NUMBER_TEXT_NEEDED;
    return stringifyLossless(value) ?? 'null';
  }
  return String(value);
}

function containsPlainNumber(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'object' || value === null || isLosslessNumber(value)) return false;
  return Object.values(value).some(containsPlainNumber);
}

function buildArrayCoercer(type: SqlType & { kind: 'ARRAY' }, path: string): JsonCoercer {
  const coerceElement = buildCoercer(type.element, `${path}[]`);
  return (value) => {
    if (!Array.isArray(value)) throw conversionError(value, type, path);
    return value.map(coerceElement);
  };
}

function buildMapCoercer(type: SqlType & { kind: 'MAP' }, path: string): JsonCoercer {
  const coerceValue = buildCoercer(type.value, `${path}{}`);
  return (value) => {
    if (!isJsonObject(value)) throw conversionError(value, type, path);
    const map = new Map<unknown, unknown>();
    for (const key of Object.keys(value)) map.set(key, coerceValue(value[key]));
    return map;
  };
}

function buildStructCoercer(type: SqlType & { kind: 'STRUCT' }, path: string): JsonCoercer {
  const names = type.fields.map((field) => field.name);
  const readFields = buildFieldsReader(type.fields, path);
  return (value) => {
    if (!isJsonObject(value)) throw conversionError(value, type, path);
    const values = readFields(value);
    const struct: Struct = {};
    for (let index = 0; index < names.length; index++) struct[names[index]!] = values[index];
    return struct;
  };
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

function isIntegerText(text: string): boolean {
  return /^-?\d+$/.test(text);
}

/** ksqlDB's message, naming the JSON node kind as Jackson does. */
function conversionError(value: unknown, type: SqlType, path: string): SerdeError {
  return new SerdeError(
    `Can't convert type. sourceType: ${jsonNodeKind(value)}, requiredType: ${formatType(type)}, path: ${path}`,
  );
}

function jsonNodeKind(value: unknown): string {
  if (typeof value === 'string') return 'TextNode';
  if (typeof value === 'boolean') return 'BooleanNode';
  if (typeof value === 'number') return Number.isInteger(value) ? 'IntNode' : 'DoubleNode';
  if (isLosslessNumber(value)) return isIntegerText(value.value) ? 'LongNode' : 'DecimalNode';
  return Array.isArray(value) ? 'ArrayNode' : 'ObjectNode';
}
