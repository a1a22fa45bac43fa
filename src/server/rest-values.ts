// Runtime values (planner/types.ts representation) → ksqlDB's REST JSON text, by SQL type:
// temporal types as strings, BYTES as base64, BIGINT and DECIMAL as exact numbers.
import type { QueryColumn } from '../engine/api.js';
import { Decimal } from '../planner/decimal.js';
import type { SqlType } from '../planner/types.js';
import { toJsonText } from './json-text.js';

const MILLIS_PER_DAY = 86_400_000;

/** JSON text of one row's values, typed by the query's columns: `[1,"a",null]`. */
export function renderRow(values: readonly unknown[], columns: readonly QueryColumn[]): string {
  const parts = columns.map((column, index) => renderValue(values[index] ?? null, column.type));
  return `[${parts.join(',')}]`;
}

/** JSON text of one value of type `type`; SQL NULL is `null`. */
export function renderValue(value: unknown, type: SqlType): string {
  if (value === null || value === undefined) return 'null';
  switch (type.kind) {
    case 'DOUBLE':
      return typeof value === 'number' ? renderDouble(value) : toJsonText(value);
    case 'DECIMAL':
      return value instanceof Decimal ? value.toString() : toJsonText(value);
    case 'DATE':
      return typeof value === 'number' ? JSON.stringify(formatDate(value)) : toJsonText(value);
    case 'TIME':
      return typeof value === 'number' ? JSON.stringify(formatTime(value)) : toJsonText(value);
    case 'TIMESTAMP':
      return typeof value === 'number' ? JSON.stringify(formatTimestamp(value)) : toJsonText(value);
    case 'ARRAY':
      return Array.isArray(value) ? `[${value.map((element) => renderValue(element, type.element)).join(',')}]` : toJsonText(value);
    case 'MAP':
      return value instanceof Map ? renderMap(value, type.key, type.value) : toJsonText(value);
    case 'STRUCT':
      return typeof value === 'object' ? renderStruct(value, type.fields) : toJsonText(value);
    default:
      // BOOLEAN, INTEGER, BIGINT (bigint), STRING and BYTES (base64) need no type to render.
      return toJsonText(value);
  }
}

/**
 * Java's Double.toString, as Jackson writes doubles: `1.0`, `0.001`, `1.0E7`, `1.5E-4`;
 * NaN and the infinities as strings, as Jackson does by default.
 */
function renderDouble(value: number): string {
  if (!Number.isFinite(value)) return JSON.stringify(String(value));
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(value);
    return text.includes('.') ? text : `${text}.0`;
  }
  const [mantissa = '', exponent = ''] = value.toExponential().split('e');
  const javaMantissa = mantissa.includes('.') ? mantissa : `${mantissa}.0`;
  return `${javaMantissa}E${exponent.replace('+', '')}`;
}

/** `yyyy-MM-dd` of days since the epoch. */
function formatDate(days: number): string {
  return new Date(days * MILLIS_PER_DAY).toISOString().slice(0, 10);
}

/** `HH:mm:ss` of milliseconds since midnight, with `.SSS` only when there are milliseconds (LocalTime). */
function formatTime(millisOfDay: number): string {
  const text = new Date(millisOfDay).toISOString().slice(11, 23);
  return text.endsWith('.000') ? text.slice(0, 8) : text;
}

/** `yyyy-MM-ddTHH:mm:ss.SSS` in UTC of milliseconds since the epoch. */
function formatTimestamp(epochMillis: number): string {
  return new Date(epochMillis).toISOString().slice(0, -1);
}

function renderMap(map: ReadonlyMap<unknown, unknown>, keyType: SqlType, valueType: SqlType): string {
  const members = [...map.entries()].map(([key, member]) => {
    const keyText = typeof key === 'string' ? key : renderValue(key, keyType).replace(/^"|"$/g, '');
    return `${JSON.stringify(keyText)}:${renderValue(member, valueType)}`;
  });
  return `{${members.join(',')}}`;
}

function renderStruct(struct: object, fields: readonly { readonly name: string; readonly type: SqlType }[]): string {
  const values = new Map(Object.entries(struct));
  const members = fields.map((field) => `${JSON.stringify(field.name)}:${renderValue(values.get(field.name) ?? null, field.type)}`);
  return `{${members.join(',')}}`;
}
