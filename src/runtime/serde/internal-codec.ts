// The bytes of Squall's own records and store values (repartition topics, aggregate state, a
// source table's rows): JSON of the runtime values, with the values JSON cannot hold written as
// tagged strings (a leading NUL, then a tag) — bigint, Decimal, non-finite and negative-zero
// doubles, bytes — and Map and Set as one-key objects. A string that itself starts with NUL is
// escaped the same way. Native JSON is several times faster here than V8's structured serialiser.
import { Decimal } from '../../planner/index.js';

const TAG = '\u0000';
const MAP_KEY = '\u0000map';
const SET_KEY = '\u0000set';

function toJson(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return value.length > 0 && value.charCodeAt(0) === 0 ? `${TAG}s${value}` : value;
    case 'bigint':
      return `${TAG}n${value}`;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? value : `${TAG}f${Object.is(value, -0) ? '-0' : String(value)}`;
    case 'undefined':
      return null;
    case 'object':
      break;
    default:
      return value;
  }
  if (value === null) return null;
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let index = 0; index < value.length; index++) copy[index] = toJson(value[index]);
    return copy;
  }
  if (value instanceof Decimal) return `${TAG}d${value.unscaled}:${value.scale}`;
  if (value instanceof Uint8Array) return `${TAG}y${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')}`;
  if (value instanceof Map) return { [MAP_KEY]: [...value].map(([key, item]) => [toJson(key), toJson(item)]) };
  if (value instanceof Set) return { [SET_KEY]: [...value].map(toJson) };
  const plain: Record<string, unknown> = {};
  for (const key in value) plain[key] = toJson((value as Record<string, unknown>)[key]);
  return plain;
}

function fromTagged(text: string): unknown {
  const body = text.slice(2);
  switch (text.charAt(1)) {
    case 'n':
      return BigInt(body);
    case 'd': {
      const colon = body.indexOf(':');
      return new Decimal(BigInt(body.slice(0, colon)), Number(body.slice(colon + 1)));
    }
    case 'f':
      return body === '-0' ? -0 : Number(body);
    case 'y':
      return Buffer.from(body, 'base64');
    default:
      return body;
  }
}

function fromJson(value: unknown): unknown {
  if (typeof value === 'string') return value.length > 0 && value.charCodeAt(0) === 0 ? fromTagged(value) : value;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) value[index] = fromJson(value[index]);
    return value;
  }
  const record = value as Record<string, unknown>;
  const mapEntries = record[MAP_KEY];
  if (mapEntries !== undefined) return new Map((mapEntries as [unknown, unknown][]).map(([key, item]) => [fromJson(key), fromJson(item)]));
  const setItems = record[SET_KEY];
  if (setItems !== undefined) return new Set((setItems as unknown[]).map(fromJson));
  for (const key in record) record[key] = fromJson(record[key]);
  return record;
}

/**
 * `JSON.stringify(toJson(value))` for the values records and states are made of (arrays of
 * scalars), written without building the tagged copy first; any other object goes through toJson.
 */
function jsonText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value.length > 0 && value.charCodeAt(0) === 0 ? `${TAG}s${value}` : value);
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0) ? String(value) : JSON.stringify(toJson(value));
    case 'bigint':
      return JSON.stringify(`${TAG}n${value}`);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'null';
  }
  if (value === null) return 'null';
  if (!Array.isArray(value)) return JSON.stringify(toJson(value));
  let text = '[';
  for (let index = 0; index < value.length; index++) text += index === 0 ? jsonText(value[index]) : `,${jsonText(value[index])}`;
  return `${text}]`;
}

export function encodeInternal(value: unknown): Uint8Array {
  return Buffer.from(jsonText(value), 'utf8');
}

/** JSON.stringify writes every NUL as this escape, and every tagged string starts with a NUL. */
const ESCAPED_TAG = '\\u0000';

export function decodeInternal(bytes: Uint8Array): unknown {
  const text = (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('utf8');
  const parsed: unknown = JSON.parse(text);
  return text.includes(ESCAPED_TAG) ? fromJson(parsed) : parsed;
}

/**
 * The bytes of a group key: an injective, canonical text of the key values (V8's serialisation
 * may write one string in two ways, so it cannot key a store). Never decoded: the values travel
 * in the record or state value beside it.
 */
export function encodeGroupKey(values: readonly unknown[]): Uint8Array {
  return Buffer.from(canonicalText(values), 'utf8');
}

function canonicalText(value: unknown): string {
  if (value === null || value === undefined) return 'N';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'bigint':
      return `${value}n`;
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'boolean':
      return value ? 'T' : 'F';
  }
  if (value instanceof Decimal) return `${value.unscaled}d${value.scale}`;
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return canonicalList(value);
  if (value instanceof Map) return `M{${[...value].map(([key, item]) => `${canonicalText(key)}:${canonicalText(item)}`).join(',')}}`;
  return `{${Object.entries(value as Record<string, unknown>).map(([key, item]) => `${JSON.stringify(key)}:${canonicalText(item)}`).join(',')}}`;
}

/** A group key is a list of values: written in a loop, without an array of their texts per key. */
function canonicalList(values: readonly unknown[]): string {
  let text = '[';
  for (let index = 0; index < values.length; index++) text += index === 0 ? canonicalText(values[index]) : `,${canonicalText(values[index])}`;
  return `${text}]`;
}
