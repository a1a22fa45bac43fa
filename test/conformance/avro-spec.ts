// QTT records in AVRO topics: JSON specs written with the subject's registered schema, and decoded rows shown as JSON specs.
import { isLosslessNumber, LosslessNumber } from 'lossless-json';
import { Decimal } from '../../src/planner/index.js';
import type { AvroSchema } from '../../src/runtime/index.js';
import { parseAvroType } from '../../src/runtime/serde/avro.js';

type AvroObject = { readonly type: AvroSchema; readonly [attribute: string]: unknown };

/** The wire bytes of a JSON spec written with a registered Avro schema, coerced as upstream's driver coerces inputs. */
export function encodeAvroSpec(spec: unknown, schemaId: number, schemaText: string): Uint8Array {
  const schema = JSON.parse(schemaText) as AvroSchema;
  const header = Buffer.alloc(5);
  header.writeUInt32BE(schemaId, 1);
  return Buffer.concat([header, parseAvroType(schema).toBuffer(coerce(spec, schema, new Map()))]);
}

function coerce(spec: unknown, schema: AvroSchema, names: Map<string, AvroObject>): unknown {
  if (Array.isArray(schema)) {
    if (spec === null || spec === undefined) return null;
    const branch = (schema as readonly AvroSchema[]).find((candidate) => candidate !== 'null') ?? 'null';
    return coerce(spec, branch, names);
  }
  if (spec === null || spec === undefined) return null;
  if (typeof schema === 'string') return coercePrimitive(spec, names.get(schema) ?? schema, names);
  return coercePrimitive(spec, schema as AvroObject, names);
}

function coercePrimitive(spec: unknown, schema: AvroSchema | AvroObject, names: Map<string, AvroObject>): unknown {
  if (typeof schema !== 'string') {
    const object = schema as AvroObject;
    if (typeof object.name === 'string') names.set(object.name, object);
    if (object.logicalType === 'decimal') return decimalBytes(spec, Number(String(object.scale ?? 0)));
    switch (object.type) {
      case 'record': {
        const source = spec as Record<string, unknown>;
        const record: Record<string, unknown> = {};
        for (const field of object.fields as { name: string; type: AvroSchema }[]) {
          const key = field.name in source ? field.name : Object.keys(source).find((candidate) => candidate.toUpperCase() === field.name.toUpperCase());
          record[field.name] = coerce(key === undefined ? null : source[key], field.type, names);
        }
        return record;
      }
      case 'array':
        return (spec as unknown[]).map((item) => coerce(item, object.items as AvroSchema, names));
      case 'map':
        return Object.fromEntries(Object.entries(spec as Record<string, unknown>).map(([key, item]) => [key, coerce(item, object.values as AvroSchema, names)]));
      case 'enum':
        return String(spec);
      case 'fixed':
        return Buffer.from(String(spec), 'base64');
      default:
        return coerce(spec, object.type, names);
    }
  }
  const text = isLosslessNumber(spec) ? spec.value : typeof spec === 'string' ? spec : String(spec);
  switch (schema) {
    case 'int':
    case 'float':
    case 'double':
      return Number(text);
    case 'long':
      return BigInt(text.includes('.') ? Math.trunc(Number(text)) : text);
    case 'boolean':
      return spec === true || text === 'true';
    case 'bytes':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}

function decimalBytes(spec: unknown, scale: number): Buffer {
  const text = isLosslessNumber(spec) ? spec.value : String(spec);
  const [whole = '0', fraction = ''] = text.split('.');
  const digits = `${whole}${fraction.padEnd(scale, '0').slice(0, scale)}`;
  let unscaled = BigInt(digits);
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(unscaled & 0xffn));
    unscaled >>= 8n;
  } while (!((unscaled === 0n && (bytes[0]! & 0x80) === 0) || (unscaled === -1n && (bytes[0]! & 0x80) !== 0)));
  return Buffer.from(bytes);
}

/** A runtime value as a QTT spec: decimals as exact numbers, bytes as base64, maps and structs as objects. */
export function runtimeValueToSpec(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Decimal) return new LosslessNumber(value.toString());
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(runtimeValueToSpec);
  if (value instanceof Map) return Object.fromEntries([...value].map(([key, item]) => [String(key), runtimeValueToSpec(item)]));
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, runtimeValueToSpec(item)]));
  return value;
}
