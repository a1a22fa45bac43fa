// Whether a key or value format can hold a schema, with ksqlDB's messages when it cannot.
import type { Span } from '../parser/index.js';
import { checkKeyType } from './column-rules.js';
import { keyColumns, valueColumns, type DataSource, type FormatInfo, type FormatName } from './metastore.js';
import { PlanError } from './plan-error.js';
import { formatType, type SqlType } from './types.js';
import type { WithProperties } from './with-properties.js';

export type FormatRole = 'key' | 'value';

/** The part of a column a format's rules look at. */
export interface FormatColumn {
  readonly name: string;
  readonly type: SqlType;
}

/** WRAP_SINGLE_VALUE chooses between a wrapped and an anonymous single value: ksqlDB refuses it on several. */
export function checkWrapSingleValue(properties: WithProperties, source: DataSource): void {
  if (properties.boolean('WRAP_SINGLE_VALUE') === undefined || valueColumns(source).length === 1) return;
  throw new PlanError("'WRAP_SINGLE_VALUE' is only valid for single-field value schemas", properties.spanOf('WRAP_SINGLE_VALUE'));
}

/** Checks both sides of a source or sink: its KEY columns in the key format, its VALUE columns in the value format. */
export function checkSourceFormats(source: DataSource, span: Span | undefined): void {
  checkFormat(source.keyFormat, 'key', keyColumns(source), span);
  checkFormat(source.valueFormat, 'value', valueColumns(source), span);
}

/**
 * @internal Exported for tests; planning checks whole sources through checkSourceFormats.
 * Throws a PlanError with ksqlDB's message when the format cannot hold these columns or options
 * (KAFKA with more than one column or a type it has no serde for, WRAP_SINGLE_VALUE on KAFKA or
 * DELIMITED, NONE with columns, ...).
 */
export function checkFormat(format: FormatInfo, role: FormatRole, columns: readonly FormatColumn[], span: Span | undefined): void {
  if (role === 'key') for (const column of columns) checkKeyType(column.name, column.type, span);
  if (format.delimiter !== undefined && format.format !== 'DELIMITED') {
    throw new PlanError(`${format.format} does not support the following configs: [delimiter]`, span);
  }
  if (format.wrapSingleValue === true && UNWRAPPED_ONLY_FORMATS.has(format.format)) {
    throw new PlanError(`Format '${format.format}' does not support 'WRAP_SINGLE_VALUE' set to 'true'.`, span);
  }
  if (format.format === 'NONE' && columns.length > 0) {
    // ksqlDB reports NONE's rule on its own, without the "format does not support schema" preamble.
    throw new PlanError(`The 'NONE' format can only be used when no columns are defined. Got: ${describeColumns(columns, role)}`, span);
  }
  const reason = FORMAT_SCHEMA_CHECKS[format.format](columns, role);
  if (reason !== undefined) throw new PlanError(describeSchemaRejection(format, role, columns, reason), span);
}

const UNWRAPPED_ONLY_FORMATS: ReadonlySet<FormatName> = new Set<FormatName>(['KAFKA', 'DELIMITED', 'NONE']);

/** KAFKA's primitive serdes exist for these types only (no BOOLEAN, DECIMAL or time types). */
const KAFKA_TYPES: ReadonlySet<SqlType['kind']> = new Set<SqlType['kind']>(['INTEGER', 'BIGINT', 'DOUBLE', 'STRING', 'BYTES']);

const DELIMITED_UNSUPPORTED_TYPES: ReadonlySet<SqlType['kind']> = new Set<SqlType['kind']>(['ARRAY', 'MAP', 'STRUCT']);

type SchemaCheck = (columns: readonly FormatColumn[], role: FormatRole) => string | undefined;

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
function describeSchemaRejection(format: FormatInfo, role: FormatRole, columns: readonly FormatColumn[], reason: string): string {
  const side = role === 'key' ? 'Key' : 'Value';
  const features = describeFeatures(format, role, columns);
  return (
    `${side} format does not support schema.\nformat: ${format.format}\n` +
    `schema: Persistence{columns=${describeColumns(columns, role)}, features=[${features}]}\nreason: ${reason}`
  );
}

function describeFeatures(format: FormatInfo, role: FormatRole, columns: readonly FormatColumn[]): string {
  if (columns.length !== 1) return '';
  if (role === 'key') return UNWRAPPED_ONLY_FORMATS.has(format.format) ? '' : 'UNWRAP_SINGLES';
  if (format.wrapSingleValue === undefined) return '';
  return format.wrapSingleValue ? 'WRAP_SINGLES' : 'UNWRAP_SINGLES';
}

/** `[`K` STRING KEY, `V` INTEGER]` as ksqlDB prints a column list. */
function describeColumns(columns: readonly FormatColumn[], role: FormatRole): string {
  const suffix = role === 'key' ? ' KEY' : '';
  return `[${columns.map((column) => `\`${column.name}\` ${formatType(column.type)}${suffix}`).join(', ')}]`;
}
