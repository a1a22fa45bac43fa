// The bytes of Squall's own records and store values (repartition topics, aggregate state, a
// source table's rows): V8's structured serialisation of runtime values, which keeps bigint, Map,
// Set and Uint8Array as they are. The one class among runtime values, Decimal, travels tagged.
// Equal values always give equal bytes, so encoded group keys can key stores and partitions.
import { deserialize, serialize } from 'node:v8';
import { Decimal } from '../../planner/index.js';

const DECIMAL_TAG = '\u0000decimal';

function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Decimal) return [DECIMAL_TAG, value.unscaled, value.scale];
  if (value instanceof Uint8Array) return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [toPlain(key), toPlain(item)]));
  if (value instanceof Set) return new Set([...value].map(toPlain));
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) plain[key] = toPlain(item);
  return plain;
}

function fromPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (Array.isArray(value)) {
    if (value.length === 3 && value[0] === DECIMAL_TAG) return new Decimal(value[1] as bigint, value[2] as number);
    return value.map(fromPlain);
  }
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [fromPlain(key), fromPlain(item)]));
  if (value instanceof Set) return new Set([...value].map(fromPlain));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = fromPlain(item);
  return result;
}

export function encodeInternal(value: unknown): Uint8Array {
  return serialize(toPlain(value));
}

export function decodeInternal(bytes: Uint8Array): unknown {
  return fromPlain(deserialize(bytes));
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
  if (Array.isArray(value)) return `[${value.map(canonicalText).join(',')}]`;
  if (value instanceof Map) return `M{${[...value].map(([key, item]) => `${canonicalText(key)}:${canonicalText(item)}`).join(',')}}`;
  return `{${Object.entries(value as Record<string, unknown>).map(([key, item]) => `${JSON.stringify(key)}:${canonicalText(item)}`).join(',')}}`;
}
