// The serde contract shared by every format, and each format's checks on a schema.
import { SquallError } from '../../errors/index.js';
import { checkKeyType, formatType, type FormatName, type SqlType } from '../../planner/index.js';
import { createDelimitedSerde } from './delimited.js';
import { createJsonSerde } from './json.js';
import { createKafkaSerde } from './kafka.js';
import { createNoneSerde } from './none.js';

export interface SerdeColumn {
  readonly name: string;
  readonly type: SqlType;
}

export interface FormatOptions {
  /** WRAP_SINGLE_VALUE; undefined means the format's default (wrapped values, unwrapped keys). */
  readonly wrapSingleValue?: boolean;
  /** DELIMITED only: one character, already resolved from 'TAB'/'SPACE'; undefined means ','. */
  readonly delimiter?: string;
}

export interface RowSerde {
  /** Values in column order → bytes; null (a tombstone / null key) → null. */
  serialize(values: readonly unknown[] | null): Uint8Array | null;
  /** bytes → values in column order; null bytes → null. Throws SerdeError (with a clear reason) on malformed input. */
  deserialize(bytes: Uint8Array | null): unknown[] | null;
}

export type SerdeRole = 'key' | 'value';

/** Builds the serde of one side (key or value) of a topic; validates the schema first. */
export function createRowSerde(
  format: FormatName,
  role: SerdeRole,
  columns: readonly SerdeColumn[],
  options: FormatOptions,
): RowSerde {
  validateFormat(format, role, columns, options);
  switch (format) {
    case 'JSON':
      return createJsonSerde(role, columns, options);
    case 'DELIMITED':
      return createDelimitedSerde(columns, role, options.delimiter ?? ',');
    case 'KAFKA':
      return createKafkaSerde(columns);
    case 'NONE':
      return createNoneSerde();
    case 'AVRO':
    case 'PROTOBUF':
    case 'PROTOBUF_NOSR':
    case 'JSON_SR':
      throw new SquallError('NOT_SUPPORTED', `The '${format}' format is not supported yet (it needs Schema Registry).`);
    default:
      return assertNever(format);
  }
}

/**
 * Throws SquallError('PLAN_ERROR', ...) with ksqlDB's messages when the format cannot hold these
 * columns/options (KAFKA with >1 column or a STRUCT/ARRAY/MAP column, WRAP_SINGLE_VALUE on KAFKA
 * or DELIMITED, NONE with columns, ...).
 */
export function validateFormat(
  format: FormatName,
  role: SerdeRole,
  columns: readonly SerdeColumn[],
  options: FormatOptions,
): void {
  if (role === 'key') for (const column of columns) checkKeyType(column.name, column.type, undefined);
  if (options.delimiter !== undefined && format !== 'DELIMITED') {
    throw planError(`${format} does not support the following configs: [delimiter]`);
  }
  if (options.wrapSingleValue === true && UNWRAPPED_ONLY_FORMATS.has(format)) {
    throw planError(`Format '${format}' does not support 'WRAP_SINGLE_VALUE' set to 'true'.`);
  }
  if (format === 'NONE' && columns.length > 0) {
    // ksqlDB reports NONE's rule on its own, without the "format does not support schema" preamble.
    throw planError(`The 'NONE' format can only be used when no columns are defined. Got: ${describeColumns(columns, role)}`);
  }
  const reason = FORMAT_SCHEMA_CHECKS[format](columns, role);
  if (reason !== undefined) throw planError(describeSchemaRejection(format, role, columns, options, reason));
}

const UNWRAPPED_ONLY_FORMATS: ReadonlySet<FormatName> = new Set<FormatName>(['KAFKA', 'DELIMITED', 'NONE']);

/** KAFKA's primitive serdes exist for these types only (no BOOLEAN, DECIMAL or time types). */
const KAFKA_TYPES: ReadonlySet<SqlType['kind']> = new Set<SqlType['kind']>(['INTEGER', 'BIGINT', 'DOUBLE', 'STRING', 'BYTES']);

const DELIMITED_UNSUPPORTED_TYPES: ReadonlySet<SqlType['kind']> = new Set<SqlType['kind']>(['ARRAY', 'MAP', 'STRUCT']);

type SchemaCheck = (columns: readonly SerdeColumn[], role: SerdeRole) => string | undefined;

/** Why a format rejects a schema, or undefined when it accepts it. */
const FORMAT_SCHEMA_CHECKS: Record<FormatName, SchemaCheck> = {
  JSON: (columns) =>
    columns.some((column) => hasNonStringMapKey(column.type)) ? 'JSON only supports MAP types with STRING keys' : undefined,
  DELIMITED: (columns) => {
    const column = columns.find((candidate) => DELIMITED_UNSUPPORTED_TYPES.has(candidate.type.kind));
    if (column === undefined) return undefined;
    return `The 'DELIMITED' format does not support type '${column.type.kind}', column: \`${column.name}\``;
  },
  KAFKA: (columns, role) => {
    if (columns.length > 1) return `The 'KAFKA' format only supports a single field. Got: ${describeColumns(columns, role)}`;
    const column = columns[0];
    if (column === undefined || KAFKA_TYPES.has(column.type.kind)) return undefined;
    return `The 'KAFKA' format does not support type '${column.type.kind}'`;
  },
  NONE: () => undefined,
  AVRO: () => undefined,
  PROTOBUF: () => undefined,
  PROTOBUF_NOSR: () => undefined,
  JSON_SR: () => undefined,
};

function hasNonStringMapKey(type: SqlType): boolean {
  switch (type.kind) {
    case 'MAP':
      return type.key.kind !== 'STRING' || hasNonStringMapKey(type.value);
    case 'ARRAY':
      return hasNonStringMapKey(type.element);
    case 'STRUCT':
      return type.fields.some((field) => hasNonStringMapKey(field.type));
    default:
      return false;
  }
}

/** ksqlDB's "Key format does not support schema." message, with its Persistence{...} schema text. */
function describeSchemaRejection(
  format: FormatName,
  role: SerdeRole,
  columns: readonly SerdeColumn[],
  options: FormatOptions,
  reason: string,
): string {
  const side = role === 'key' ? 'Key' : 'Value';
  const features = describeFeatures(format, role, columns, options);
  return (
    `${side} format does not support schema.\nformat: ${format}\n` +
    `schema: Persistence{columns=${describeColumns(columns, role)}, features=[${features}]}\nreason: ${reason}`
  );
}

function describeFeatures(format: FormatName, role: SerdeRole, columns: readonly SerdeColumn[], options: FormatOptions): string {
  if (columns.length !== 1) return '';
  if (role === 'key') return UNWRAPPED_ONLY_FORMATS.has(format) ? '' : 'UNWRAP_SINGLES';
  if (options.wrapSingleValue === undefined) return '';
  return options.wrapSingleValue ? 'WRAP_SINGLES' : 'UNWRAP_SINGLES';
}

/** `[`K` STRING KEY, `V` INTEGER]` as ksqlDB prints a column list. */
function describeColumns(columns: readonly SerdeColumn[], role: SerdeRole): string {
  const suffix = role === 'key' ? ' KEY' : '';
  return `[${columns.map((column) => `\`${column.name}\` ${formatType(column.type)}${suffix}`).join(', ')}]`;
}

function planError(message: string): SquallError {
  return new SquallError('PLAN_ERROR', message);
}

function assertNever(value: never): never {
  throw new Error(`unhandled format: ${String(value)}`);
}
