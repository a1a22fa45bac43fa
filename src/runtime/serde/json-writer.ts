// ksqlDB's JSON text for values, written by closures built once per type so the hot path never walks types.
import type { Decimal, SqlType, Struct } from '../../planner/index.js';
import { encodeBase64, formatDouble } from './scalar-text.js';

/** Writes one value of a fixed type; `null`/`undefined` become `null`. */
export type JsonValueWriter = (value: unknown) => string;

/** ksqlDB's JSON text for values of one type: `5.0`, `1.0E10`, `"NaN"`, `10.0000`, `998877665544332211`, `"AQI="`. */
export function buildJsonValueWriter(type: SqlType): JsonValueWriter {
  const writeValue = buildNonNullWriter(type);
  return (value) => (value === null || value === undefined ? 'null' : writeValue(value));
}

/** Writes a row as an object whose fields are the column names, in column order. */
export function buildJsonObjectWriter(
  fields: readonly { readonly name: string; readonly type: SqlType }[],
): (values: readonly unknown[]) => string {
  const prefixes = fieldPrefixes(fields.map((field) => field.name));
  const writers = fields.map((field) => buildJsonValueWriter(field.type));
  return (values) => {
    let text = '{';
    for (let index = 0; index < writers.length; index++) {
      text += prefixes[index]! + writers[index]!(values[index]);
    }
    return `${text}}`;
  };
}

function buildNonNullWriter(type: SqlType): JsonValueWriter {
  switch (type.kind) {
    case 'BOOLEAN':
      return (value) => (value ? 'true' : 'false');
    case 'INTEGER':
    case 'BIGINT':
    case 'DATE':
    case 'TIME':
    case 'TIMESTAMP':
      return (value) => String(value);
    case 'DOUBLE':
      return writeDouble;
    case 'DECIMAL':
      // Written at the value's own scale, as Jackson writes a BigDecimal: GREATEST(1234567.89, ...)
      // typed DECIMAL(13, 6) is still 1234567.89.
      return (value) => (value as Decimal).toString();
    case 'STRING':
      return (value) => JSON.stringify(value);
    case 'BYTES':
      return (value) => `"${encodeBase64(value as Uint8Array)}"`;
    case 'ARRAY':
      return buildArrayWriter(type.element);
    case 'MAP':
      return buildMapWriter(type.value);
    case 'STRUCT':
      return buildStructWriter(type.fields);
  }
}

/** Jackson quotes the non-finite doubles (QUOTE_NON_NUMERIC_NUMBERS): `"NaN"`, `"-Infinity"`. */
function writeDouble(value: unknown): string {
  const number = value as number;
  return Number.isFinite(number) ? formatDouble(number) : `"${formatDouble(number)}"`;
}

function buildArrayWriter(element: SqlType): JsonValueWriter {
  const writeElement = buildJsonValueWriter(element);
  return (value) => {
    const elements = value as readonly unknown[];
    let text = '[';
    for (let index = 0; index < elements.length; index++) {
      text += (index === 0 ? '' : ',') + writeElement(elements[index]);
    }
    return `${text}]`;
  };
}

/** JSON maps have STRING keys only (the planner's format rules enforce it). */
function buildMapWriter(valueType: SqlType): JsonValueWriter {
  const writeEntryValue = buildJsonValueWriter(valueType);
  return (value) => {
    let text = '{';
    let first = true;
    for (const [key, entryValue] of value as ReadonlyMap<unknown, unknown>) {
      text += `${first ? '' : ','}${JSON.stringify(String(key))}:${writeEntryValue(entryValue)}`;
      first = false;
    }
    return `${text}}`;
  };
}

function buildStructWriter(fields: readonly { readonly name: string; readonly type: SqlType }[]): JsonValueWriter {
  const names = fields.map((field) => field.name);
  const prefixes = fieldPrefixes(names);
  const writers = fields.map((field) => buildJsonValueWriter(field.type));
  return (value) => {
    const struct = value as Struct;
    let text = '{';
    for (let index = 0; index < writers.length; index++) {
      text += prefixes[index]! + writers[index]!(struct[names[index]!]);
    }
    return `${text}}`;
  };
}

/** `"A":`, `,"B":` — each field's name, and the comma before all but the first. */
function fieldPrefixes(names: readonly string[]): string[] {
  return names.map((name, index) => `${index === 0 ? '' : ','}${JSON.stringify(name)}:`);
}
