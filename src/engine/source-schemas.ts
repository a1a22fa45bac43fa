// Schema Registry formats at CREATE: columns inferred from the registered schema, and the schemas sources and sinks register.
import { SquallError } from '../errors/index.js';
import { parseStatement, type ColumnDefinition, type CreateSource } from '../parser/index.js';
import {
  formatType,
  PlanError,
  resolveCreateSourceFormats,
  type Column,
  type DataSource,
  type FormatInfo,
  type PlannerConfig,
  type RegisteredSchema,
  type SchemaLookup,
  type SchemaType,
} from '../planner/index.js';
import {
  avroSchemaOf,
  columnsOfAvroSchema,
  columnsOfJsonSchema,
  columnsOfProtobufMessage,
  jsonSchemaOf,
  parseProtobufFile,
  protobufSchemaOf,
  referencedTexts,
  SerdeError,
  type AvroSchema,
  type JsonSchema,
  type SerdeColumn,
} from '../runtime/index.js';
import { SchemaRegistryError, type SchemaRegistry } from '../schema-registry/index.js';

type SchemaSide = 'key' | 'value';

/** How each Schema Registry format reads columns from a registered schema and generates the schema it registers. */
interface RegistryFormat {
  readonly schemaType: SchemaType;
  columnsOf(schema: RegisteredSchema, side: SchemaSide, format: FormatInfo, lookup: SchemaLookup | undefined): { columns: SerdeColumn[]; wrapped: boolean };
  schemaOf(columns: readonly SerdeColumn[], side: SchemaSide, format: FormatInfo): string;
}

const REGISTRY_FORMATS: ReadonlyMap<string, RegistryFormat> = new Map<string, RegistryFormat>([
  [
    'AVRO',
    {
      schemaType: 'AVRO',
      columnsOf: (schema, side) => columnsOfAvroSchema(JSON.parse(schema.schema) as AvroSchema, side),
      schemaOf: (columns, side, format) => JSON.stringify(avroSchemaOf(columns, side, format.wrapSingleValue, format.schemaFullName)),
    },
  ],
  [
    'PROTOBUF',
    {
      schemaType: 'PROTOBUF',
      // A Protobuf record is always a message: its fields are the columns, of a key as of a value.
      columnsOf: (schema, _side, format, lookup) => ({
        columns: columnsOfProtobufMessage(parseProtobufFile(schema.schema, referencedTexts(schema, lookup)).message(format.schemaFullName)),
        wrapped: true,
      }),
      schemaOf: (columns, side, format) => protobufSchemaOf(columns, side, format),
    },
  ],
  [
    'JSON_SR',
    {
      schemaType: 'JSON',
      columnsOf: (schema, side) => columnsOfJsonSchema(JSON.parse(schema.schema) as JsonSchema, side),
      schemaOf: (columns, side, format) => JSON.stringify(jsonSchemaOf(columns, side, format.wrapSingleValue)),
    },
  ],
]);

type Side = 'KEY' | 'VALUE';

interface InferredSide {
  readonly columns: readonly ColumnDefinition[];
  readonly schemaId: number;
  readonly wrapped: boolean;
}

/** A CREATE statement with the columns it leaves out read from the registry, and how to finish the planned source. */
export interface InferredStatement {
  readonly statement: CreateSource;
  finish(source: DataSource): DataSource;
}

export async function inferSourceColumns(statement: CreateSource, config: PlannerConfig, registry: SchemaRegistry | undefined): Promise<InferredStatement> {
  const formats = resolveCreateSourceFormats(statement, config);
  const topic = topicOf(statement);
  const key = await inferSide(statement, 'KEY', formats.keyFormat, topic, registry);
  const value = await inferSide(statement, 'VALUE', formats.valueFormat, topic, registry);
  if (key === undefined && value === undefined) return { statement, finish: (source) => source };
  return {
    statement: { ...statement, columns: [...(key?.columns ?? []), ...statement.columns, ...(value?.columns ?? [])] },
    finish: (source) => ({
      ...source,
      keyFormat: key === undefined ? source.keyFormat : { ...source.keyFormat, schemaId: key.schemaId },
      valueFormat:
        value === undefined ? source.valueFormat : { ...source.valueFormat, schemaId: value.schemaId, ...(value.wrapped ? {} : { wrapSingleValue: false }) },
    }),
  };
}

async function inferSide(statement: CreateSource, side: Side, format: FormatInfo, topic: string | undefined, registry: SchemaRegistry | undefined): Promise<InferredSide | undefined> {
  const declared = statement.columns.some((column) => isKeyColumn(column) === (side === 'KEY'));
  if (declared && format.schemaId !== undefined) {
    throw new PlanError(`Table elements and ${side}_SCHEMA_ID cannot both exist for create statement.`, statement.span);
  }
  const registryFormat = REGISTRY_FORMATS.get(format.format);
  if (declared || registryFormat === undefined || topic === undefined) return undefined;
  const subject = `${topic}-${side.toLowerCase()}`;
  // A key is inferred only when its schema exists: a stream may have no key at all.
  if (side === 'KEY' && format.schemaId === undefined && (await ask(registry, (client) => client.latest(subject))) === undefined) return undefined;
  const schema = await fetchSchema(registry, subject, format.schemaId, side, topic);
  if (schema.schemaType !== registryFormat.schemaType) {
    throw new PlanError(`The schema of subject ${subject} (id ${schema.id}) is a ${schema.schemaType} schema, which the ${format.format} format cannot read.`, statement.span);
  }
  const { columns, wrapped } = readColumns(registryFormat, schema, side, format, statement, registry?.lookup);
  return { columns: columnDefinitions(columns, side, statement.sourceType), schemaId: schema.id, wrapped };
}

/** The columns a registered schema declares; a schema with no SQL equivalent refuses the statement, naming the schema. */
function readColumns(
  registryFormat: RegistryFormat,
  schema: RegisteredSchema,
  side: Side,
  format: FormatInfo,
  statement: CreateSource,
  lookup: SchemaLookup | undefined,
): { columns: SerdeColumn[]; wrapped: boolean } {
  try {
    return registryFormat.columnsOf(schema, side === 'KEY' ? 'key' : 'value', format, lookup);
  } catch (error) {
    if (error instanceof SerdeError) throw new PlanError(`Cannot read the ${side.toLowerCase()} schema with id ${schema.id}: ${error.message}`, statement.span);
    throw error;
  }
}

async function fetchSchema(registry: SchemaRegistry | undefined, subject: string, schemaId: number | undefined, side: Side, topic: string): Promise<RegisteredSchema> {
  const schema = schemaId === undefined ? (await ask(registry, (client) => client.latest(subject)))?.schema : await ask(registry, (client) => client.schemaById(schemaId));
  if (schema !== undefined) return schema;
  const what = side === 'KEY' ? 'keys' : 'values';
  throw new PlanError(
    schemaId === undefined
      ? `Schema for message ${what} on topic '${topic}' does not exist in the Schema Registry.\nSubject: ${subject}`
      : `Schema for message ${what} on topic '${topic}' does not exist in the Schema Registry.\nSubject: ${subject}\nSchema Id: ${schemaId}`,
    undefined,
  );
}

/** The inferred columns as the parser would have read them, so that planning checks them like declared ones. */
function columnDefinitions(columns: readonly SerdeColumn[], side: Side, sourceType: CreateSource['sourceType']): readonly ColumnDefinition[] {
  const constraint = side === 'VALUE' ? '' : sourceType === 'TABLE' ? ' PRIMARY KEY' : ' KEY';
  const list = columns.map((column) => `\`${column.name}\` ${formatType(column.type)}${constraint}`).join(', ');
  const parsed = parseStatement(`CREATE STREAM INFERRED (${list}) WITH (KAFKA_TOPIC='inferred');`).statement;
  if (parsed.kind !== 'CreateSource') throw new Error(`inferred columns did not parse as a CREATE statement: ${list}`);
  return parsed.columns;
}

function isKeyColumn(column: ColumnDefinition): boolean {
  return column.constraint.kind === 'Key' || column.constraint.kind === 'PrimaryKey';
}

function topicOf(statement: CreateSource): string | undefined {
  const entry = statement.properties?.entries.find((candidate) => candidate.name === 'KAFKA_TOPIC');
  return entry?.value.kind === 'string' ? entry.value.value : undefined;
}

/**
 * Registers the schema generated for each Schema Registry side of a source or sink that has
 * columns and no schema id: always for a sink (a change its subject's compatibility level
 * forbids refuses the statement), only into an empty subject for a declared source.
 */
export async function registerSchemas(
  target: { readonly topic: string; readonly keyColumns: readonly Column[]; readonly valueColumns: readonly Column[]; readonly keyFormat: FormatInfo; readonly valueFormat: FormatInfo },
  registry: SchemaRegistry | undefined,
  role: 'source' | 'sink',
): Promise<void> {
  const sides = [
    { side: 'key' as const, columns: target.keyColumns, format: target.keyFormat },
    { side: 'value' as const, columns: target.valueColumns, format: target.valueFormat },
  ];
  for (const { side, columns, format } of sides) {
    const registryFormat = REGISTRY_FORMATS.get(format.format);
    if (registryFormat === undefined || columns.length === 0 || format.schemaId !== undefined) continue;
    const subject = `${target.topic}-${side}`;
    if (role === 'source' && (await ask(registry, (client) => client.latest(subject))) !== undefined) continue;
    const schema = registryFormat.schemaOf(columns, side, format);
    try {
      await ask(registry, (client) => client.register(subject, { schemaType: registryFormat.schemaType, schema }));
    } catch (error) {
      if (error instanceof SchemaRegistryError) throw new SquallError('PLAN_ERROR', `Could not register schema for topic: ${error.message}`);
      throw error;
    }
  }
}

/** Runs a registry call, turning a missing or unreachable registry into a clear statement error. */
async function ask<T>(registry: SchemaRegistry | undefined, call: (client: SchemaRegistry) => Promise<T>): Promise<T> {
  if (registry === undefined) {
    throw new SquallError('PLAN_ERROR', 'Schema Registry formats need a Schema Registry: set ksql.schema.registry.url (or start the server with the embedded one).');
  }
  try {
    return await call(registry);
  } catch (error) {
    if (error instanceof SchemaRegistryError && error.errorCode !== 40401) throw error;
    if (error instanceof SchemaRegistryError) return undefined as T;
    throw new SquallError('RUNTIME_ERROR', `The Schema Registry could not be reached: ${(error as Error).message}`);
  }
}

/** The planner's configuration, with the registry lookup the Schema Registry formats read records through. */
export function withSchemaLookup(config: PlannerConfig, lookup: SchemaLookup | undefined): PlannerConfig {
  return lookup === undefined ? config : { get: (name) => config.get(name), schemaLookup: lookup };
}
