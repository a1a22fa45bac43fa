// Between SQL columns and JSON Schemas: the schema ksqlDB (through Connect's JsonSchemaData) registers, and the columns a registered one declares.
import { SqlTypes, type SqlType, type StructField } from '../../planner/index.js';
import type { SerdeColumn, SerdeRole } from './format.js';
import { SerdeError } from './serde-error.js';

/** A JSON Schema document, narrowed once from the registry's text. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly 'connect.type'?: string;
  readonly 'connect.index'?: number;
  readonly 'connect.parameters'?: Readonly<Record<string, string>>;
  readonly [keyword: string]: unknown;
}

const CONNECT_DECIMAL = 'org.apache.kafka.connect.data.Decimal';
const CONNECT_DATE = 'org.apache.kafka.connect.data.Date';
const CONNECT_TIME = 'org.apache.kafka.connect.data.Time';
const CONNECT_TIMESTAMP = 'org.apache.kafka.connect.data.Timestamp';

/**
 * The schema ksqlDB registers for one side of a topic: an object of optional properties indexed
 * in column order, or, for a key of one column or an unwrapped value, the optional column type alone.
 */
export function jsonSchemaOf(columns: readonly SerdeColumn[], role: SerdeRole, wrapSingleValue: boolean | undefined): JsonSchema {
  const unwrapped = columns.length === 1 && (role === 'key' || wrapSingleValue === false);
  if (unwrapped) return optional(jsonTypeOf(columns[0]!.type));
  return objectOf(columns);
}

function objectOf(fields: readonly StructField[]): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  fields.forEach((field, index) => {
    properties[field.name] = { 'connect.index': index, ...optional(jsonTypeOf(field.type)) };
  });
  return { type: 'object', properties };
}

function optional(schema: JsonSchema): JsonSchema {
  return { oneOf: [{ type: 'null' }, schema] };
}

function jsonTypeOf(type: SqlType): JsonSchema {
  switch (type.kind) {
    case 'BOOLEAN':
      return { type: 'boolean' };
    case 'INTEGER':
      return { type: 'integer', 'connect.type': 'int32' };
    case 'BIGINT':
      return { type: 'integer', 'connect.type': 'int64' };
    case 'DOUBLE':
      return { type: 'number', 'connect.type': 'float64' };
    case 'STRING':
      return { type: 'string' };
    case 'BYTES':
      return { type: 'string', 'connect.type': 'bytes' };
    case 'DECIMAL':
      return {
        type: 'number',
        title: CONNECT_DECIMAL,
        'connect.version': 1,
        'connect.type': 'bytes',
        'connect.parameters': { scale: String(type.scale), 'connect.decimal.precision': String(type.precision) },
      };
    case 'DATE':
      return { type: 'integer', title: CONNECT_DATE, 'connect.version': 1, 'connect.type': 'int32' };
    case 'TIME':
      return { type: 'integer', title: CONNECT_TIME, 'connect.version': 1, 'connect.type': 'int32' };
    case 'TIMESTAMP':
      return { type: 'integer', title: CONNECT_TIMESTAMP, 'connect.version': 1, 'connect.type': 'int64' };
    case 'ARRAY':
      return { type: 'array', items: optional(jsonTypeOf(type.element)) };
    case 'MAP':
      return { type: 'object', additionalProperties: optional(jsonTypeOf(type.value)), 'connect.type': 'map' };
    case 'STRUCT':
      return objectOf(type.fields);
  }
}

/**
 * The columns a registered JSON Schema declares, as ksqlDB infers them: a value object's
 * properties (in `connect.index` order, else as written); else one column, ROWKEY or ROWVAL.
 * Throws SerdeError for a schema with no SQL equivalent.
 */
export function columnsOfJsonSchema(schema: JsonSchema, role: SerdeRole): { columns: SerdeColumn[]; wrapped: boolean } {
  const resolved = nonNull(schema);
  if (role === 'value' && isObject(resolved)) {
    return { columns: propertiesOf(resolved).map(([name, property]) => ({ name, type: sqlTypeOf(property, name) })), wrapped: true };
  }
  const defaultName = role === 'key' ? 'ROWKEY' : 'ROWVAL';
  return { columns: [{ name: defaultName, type: sqlTypeOf(schema, defaultName) }], wrapped: false };
}

function isObject(schema: JsonSchema): boolean {
  return typeOf(schema) === 'object' && schema['connect.type'] !== 'map' && schema.additionalProperties === undefined;
}

function propertiesOf(schema: JsonSchema): [string, JsonSchema][] {
  const entries = Object.entries(schema.properties ?? {});
  const indexOf = (property: JsonSchema, position: number): number => property['connect.index'] ?? position;
  return entries
    .map((entry, position) => ({ entry, order: indexOf(entry[1], position) }))
    .sort((left, right) => left.order - right.order)
    .map(({ entry }) => entry);
}

function sqlTypeOf(schema: JsonSchema, path: string): SqlType {
  const resolved = nonNull(schema);
  switch (resolved.title) {
    case CONNECT_DECIMAL: {
      const parameters = resolved['connect.parameters'] ?? {};
      return SqlTypes.decimal(Number(parameters['connect.decimal.precision'] ?? 64), Number(parameters.scale ?? 0));
    }
    case CONNECT_DATE:
      return SqlTypes.DATE;
    case CONNECT_TIME:
      return SqlTypes.TIME;
    case CONNECT_TIMESTAMP:
      return SqlTypes.TIMESTAMP;
  }
  switch (typeOf(resolved)) {
    case 'boolean':
      return SqlTypes.BOOLEAN;
    case 'integer':
      return resolved['connect.type'] === 'int32' || resolved['connect.type'] === 'int16' || resolved['connect.type'] === 'int8' ? SqlTypes.INTEGER : SqlTypes.BIGINT;
    case 'number':
      return SqlTypes.DOUBLE;
    case 'string':
      return resolved['connect.type'] === 'bytes' ? SqlTypes.BYTES : SqlTypes.STRING;
    case 'array':
      return SqlTypes.array(sqlTypeOf(resolved.items ?? {}, `${path}[]`));
    case 'object': {
      const values = resolved.additionalProperties;
      if (typeof values === 'object') return SqlTypes.map(SqlTypes.STRING, sqlTypeOf(values, `${path}{}`));
      return SqlTypes.struct(propertiesOf(resolved).map(([name, property]) => ({ name, type: sqlTypeOf(property, `${path}.${name}`) })));
    }
    default:
      throw new SerdeError(`JSON Schema type ${JSON.stringify(resolved.type ?? null)} has no SQL type (field ${path})`);
  }
}

/** The one non-null type of a schema, looking through `oneOf`/`anyOf` with null and `["null", T]` type lists. */
function nonNull(schema: JsonSchema): JsonSchema {
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches !== undefined) {
    const nonNullBranches = branches.filter((branch) => typeOf(branch) !== 'null');
    if (nonNullBranches.length === 1) return nonNull(nonNullBranches[0]!);
    throw new SerdeError('JSON Schema unions of several types are not supported');
  }
  return schema;
}

function typeOf(schema: JsonSchema): string | undefined {
  const type = schema.type;
  if (typeof type === 'string' || type === undefined) return type;
  const nonNullTypes = type.filter((name) => name !== 'null');
  return nonNullTypes.length === 1 ? nonNullTypes[0] : undefined;
}
