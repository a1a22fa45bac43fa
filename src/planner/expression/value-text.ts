// The text of a runtime value as ksqlDB's CAST(x AS STRING) writes it (Java toString forms).
import type { Decimal } from '../decimal.js';
import type { SqlType, Struct } from '../types.js';
import { formatDate, formatTime, formatTimestamp } from './temporal-text.js';

/** Java's Double.toString: `1.0`, `10.3`, `1.0E21`, `1.0E-5`, `NaN`, `Infinity`. */
export function formatDouble(value: number): string {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  if (Object.is(value, -0)) return '-0.0';
  const magnitude = Math.abs(value);
  if (value === 0 || (magnitude >= 1e-3 && magnitude < 1e7)) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '', exponent = ''] = value.toExponential().split('e');
  const javaMantissa = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${javaMantissa}E${exponent.startsWith('+') ? exponent.slice(1) : exponent}`;
}

/** The STRING form of a non-null value of `type`. */
export function formatValue(value: unknown, type: SqlType): string {
  switch (type.kind) {
    case 'DOUBLE':
      return formatDouble(value as number);
    case 'DECIMAL':
      return (value as Decimal).toString();
    case 'DATE':
      return formatDate(value as number);
    case 'TIME':
      return formatTime(value as number);
    case 'TIMESTAMP':
      return formatTimestamp(value as number);
    case 'BYTES':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'ARRAY':
      return `[${(value as readonly unknown[]).map((element) => formatNested(element, type.element)).join(', ')}]`;
    case 'MAP':
      return formatMap(value as ReadonlyMap<unknown, unknown>, type.key, type.value);
    case 'STRUCT':
      return formatStruct(value as Struct, type.fields);
    default:
      return String(value);
  }
}

function formatNested(value: unknown, type: SqlType): string {
  return value === null || value === undefined ? 'null' : formatValue(value, type);
}

function formatMap(map: ReadonlyMap<unknown, unknown>, keyType: SqlType, valueType: SqlType): string {
  const entries = [...map].map(([key, value]) => `${formatNested(key, keyType)}=${formatNested(value, valueType)}`);
  return `{${entries.join(', ')}}`;
}

/** Kafka Connect's Struct.toString: null fields are left out. */
function formatStruct(struct: Struct, fields: readonly { readonly name: string; readonly type: SqlType }[]): string {
  const parts = fields
    .filter((field) => struct[field.name] !== null && struct[field.name] !== undefined)
    .map((field) => `${field.name}=${formatValue(struct[field.name], field.type)}`);
  return `Struct{${parts.join(',')}}`;
}
