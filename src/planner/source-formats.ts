// Key and value formats of a source or sink from its WITH clause and the configured defaults.
import type { CreateSource, Span } from '../parser/index.js';
import { ConfigNames, type PlannerConfig } from './config.js';
import type { FormatInfo, FormatName } from './metastore.js';
import { PlanError } from './plan-error.js';
import { WithProperties } from './with-properties.js';

const FORMAT_NAMES: ReadonlySet<string> = new Set<FormatName>([
  'JSON',
  'DELIMITED',
  'KAFKA',
  'NONE',
  'AVRO',
  'PROTOBUF',
  'PROTOBUF_NOSR',
  'JSON_SR',
]);

function parseFormatName(text: string, span: Span | undefined): FormatName {
  const name = text.toUpperCase();
  if (!FORMAT_NAMES.has(name)) {
    throw new PlanError(`Unknown format: ${text}. Supported formats: ${[...FORMAT_NAMES].join(', ')}`, span);
  }
  return name as FormatName;
}

/** `'TAB'`, `'SPACE'` or a single character, as ksqlDB's DelimiterValidator accepts. */
function parseDelimiter(text: string, property: string, span: Span | undefined): string {
  // A literal space or tab is refused like an empty one: ksqlDB trims the value first.
  if (text.trim() === '') {
    throw new PlanError(
      `Failed to prepare statement: Configuration ${property} is invalid: Delimiter cannot be empty, if you meant to have a tab or space for delimiter, please use the special values 'TAB' or 'SPACE'\nExample valid value: ';'`,
      span,
    );
  }
  if (text.toUpperCase() === 'TAB') return '\t';
  if (text.toUpperCase() === 'SPACE') return ' ';
  if (text.length !== 1) {
    throw new PlanError(
      `Failed to prepare statement: Configuration ${property} is invalid: Invalid delimiter value: '${text}'. Delimiter must be a single character or TAB,SPACE\nExample valid value: ';'`,
      span,
    );
  }
  return text;
}

export interface FormatDefaults {
  /** Formats of the source a C*AS reads, used where the WITH clause is silent. */
  readonly key?: FormatInfo;
  readonly value?: FormatInfo;
}

/**
 * Resolves KEY_FORMAT / VALUE_FORMAT / FORMAT and the delimiter and wrapping options.
 * `hasKeyColumns`: a stream without key columns gets the NONE key format.
 */
export function resolveFormats(
  properties: WithProperties,
  config: PlannerConfig,
  defaults: FormatDefaults,
  hasKeyColumns: boolean,
): { keyFormat: FormatInfo; valueFormat: FormatInfo } {
  const both = properties.string('FORMAT');
  if (both !== undefined && (properties.has('KEY_FORMAT') || properties.has('VALUE_FORMAT'))) {
    throw new PlanError(
      'Cannot supply both \'FORMAT\' and \'KEY_FORMAT\' or \'VALUE_FORMAT\' properties, as \'FORMAT\' sets both key and value formats.',
      properties.spanOf('FORMAT'),
    );
  }
  const valueText = both ?? properties.string('VALUE_FORMAT') ?? defaults.value?.format ?? config.get(ConfigNames.defaultValueFormat);
  if (valueText === undefined) {
    throw new PlanError(
      "Statement is missing the 'VALUE_FORMAT' property from the WITH clause. Either provide one or set a default via the 'ksql.persistence.default.format.value' config.",
      properties.span,
    );
  }
  const explicitKey = both ?? properties.string('KEY_FORMAT');
  const keyText = explicitKey ?? (hasKeyColumns ? (defaults.key?.format ?? config.get(ConfigNames.defaultKeyFormat) ?? 'KAFKA') : 'NONE');
  const keyName = parseFormatName(keyText, properties.spanOf('KEY_FORMAT'));
  const valueName = parseFormatName(valueText, properties.spanOf('VALUE_FORMAT'));
  return {
    keyFormat: withRegistry(withDelimiter(keyName, properties, 'KEY_DELIMITER', explicitKey === undefined ? defaults.key : undefined), 'KEY', properties, config),
    valueFormat: withRegistry(
      withWrapping(
        withDelimiter(valueName, properties, 'VALUE_DELIMITER', properties.has('VALUE_FORMAT') || both !== undefined ? undefined : defaults.value),
        properties,
        config,
      ),
      'VALUE',
      properties,
      config,
    ),
  };
}

/** The formats whose records carry a Schema Registry id (PROTOBUF_NOSR uses a schema, but no registry). */
export const REGISTRY_FORMATS: ReadonlySet<FormatName> = new Set<FormatName>(['AVRO', 'PROTOBUF', 'JSON_SR']);
const SCHEMA_FORMATS: ReadonlySet<FormatName> = new Set<FormatName>([...REGISTRY_FORMATS, 'PROTOBUF_NOSR']);

/** `<side>_SCHEMA_ID`, the record name, and the registry, for the formats that have them; ksqlDB's refusals for the others. */
function withRegistry(format: FormatInfo, side: 'KEY' | 'VALUE', properties: WithProperties, config: PlannerConfig): FormatInfo {
  const idProperty = `${side}_SCHEMA_ID`;
  const schemaId = properties.integer(idProperty);
  if (schemaId !== undefined && !REGISTRY_FORMATS.has(format.format)) {
    throw new PlanError(
      `${side}_FORMAT should support schema inference when ${idProperty} is provided. Current format is ${format.format}.`,
      properties.spanOf(idProperty),
    );
  }
  const fullNameProperty = side === 'VALUE' && properties.has('VALUE_AVRO_SCHEMA_FULL_NAME') ? 'VALUE_AVRO_SCHEMA_FULL_NAME' : `${side}_SCHEMA_FULL_NAME`;
  const schemaFullName = properties.string(fullNameProperty);
  if (schemaFullName !== undefined && !SCHEMA_FORMATS.has(format.format)) {
    throw new PlanError(`${format.format} does not support the following configs: [fullSchemaName]`, properties.spanOf(fullNameProperty));
  }
  if (fullNameProperty === 'VALUE_AVRO_SCHEMA_FULL_NAME' && format.format !== 'AVRO') {
    throw new PlanError(`${format.format} does not support the following configs: [fullSchemaName]`, properties.spanOf(fullNameProperty));
  }
  const nullable = nullableRepresentation(format, side, properties);
  const named = { ...format, ...(schemaFullName === undefined ? {} : { schemaFullName }), ...(nullable === undefined ? {} : { nullableRepresentation: nullable }) };
  if (!REGISTRY_FORMATS.has(format.format)) return named;
  return {
    ...named,
    ...(schemaId === undefined ? {} : { schemaId }),
    ...(config.schemaLookup === undefined ? {} : { schemas: config.schemaLookup }),
  };
}

/** `<side>_PROTOBUF_NULLABLE_REPRESENTATION`: OPTIONAL or WRAPPER, for the Protobuf formats only. */
function nullableRepresentation(format: FormatInfo, side: 'KEY' | 'VALUE', properties: WithProperties): 'OPTIONAL' | 'WRAPPER' | undefined {
  const property = `${side}_PROTOBUF_NULLABLE_REPRESENTATION`;
  const text = properties.string(property);
  if (text === undefined) return undefined;
  if (format.format !== 'PROTOBUF' && format.format !== 'PROTOBUF_NOSR') {
    throw new PlanError(`${format.format} does not support the following configs: [nullableRepresentation]`, properties.spanOf(property));
  }
  const value = text.toUpperCase();
  if (value === 'OPTIONAL' || value === 'WRAPPER') return value;
  throw new PlanError(`Invalid value ${text} for property ${property}: must be one of [OPTIONAL, WRAPPER]`, properties.spanOf(property));
}

function withDelimiter(format: FormatName, properties: WithProperties, property: string, inherited: FormatInfo | undefined): FormatInfo {
  const text = properties.string(property);
  if (text !== undefined && format !== 'DELIMITED') {
    throw new PlanError(`${format} does not support the following configs: [delimiter]`, properties.spanOf(property));
  }
  if (format !== 'DELIMITED') return { format };
  const delimiter = text === undefined ? (inherited?.delimiter ?? ',') : parseDelimiter(text, property, properties.spanOf(property));
  return { format, delimiter };
}

/** WRAP_SINGLE_VALUE, else `ksql.persistence.wrap.single.values`; KAFKA and DELIMITED are never wrapped. */
function withWrapping(format: FormatInfo, properties: WithProperties, config: PlannerConfig): FormatInfo {
  const explicit = properties.boolean('WRAP_SINGLE_VALUE');
  if (format.format === 'KAFKA' || format.format === 'DELIMITED' || format.format === 'NONE') {
    if (explicit === true) {
      throw new PlanError(
        `Format '${format.format}' does not support 'WRAP_SINGLE_VALUE' set to 'true'.`,
        properties.spanOf('WRAP_SINGLE_VALUE'),
      );
    }
    return { ...format, wrapSingleValue: false };
  }
  const configured = config.get(ConfigNames.wrapSingleValues);
  const wrap = explicit ?? (configured === undefined ? true : configured.toLowerCase() !== 'false');
  return { ...format, wrapSingleValue: wrap };
}

/** The formats a CREATE STREAM/TABLE declares, before its columns are planned: the engine infers missing columns from them. */
export function resolveCreateSourceFormats(statement: CreateSource, config: PlannerConfig): { keyFormat: FormatInfo; valueFormat: FormatInfo } {
  const hasKeyColumns = statement.columns.some((column) => column.constraint.kind === 'Key' || column.constraint.kind === 'PrimaryKey');
  return resolveFormats(new WithProperties(statement.properties), config, {}, hasKeyColumns);
}
