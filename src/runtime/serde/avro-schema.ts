// Between SQL columns and Avro schemas: the schema ksqlDB registers for a source or sink, and the columns a registered schema declares.
import { SqlTypes, type SqlType, type StructField } from '../../planner/index.js';
import type { SerdeColumn, SerdeRole } from './format.js';
import { SerdeError } from './serde-error.js';

/** An Avro schema as JSON: a type name, a union, or a complex type object. */
export type AvroSchema = string | readonly AvroSchema[] | AvroComplexSchema;

export interface AvroComplexSchema {
  readonly type: AvroSchema;
  readonly name?: string;
  readonly namespace?: string;
  readonly fields?: readonly { readonly name: string; readonly type: AvroSchema; readonly default?: unknown }[];
  readonly items?: AvroSchema;
  readonly values?: AvroSchema;
  readonly symbols?: readonly string[];
  readonly logicalType?: string;
  readonly precision?: number;
  readonly scale?: number;
  readonly size?: number;
  readonly [attribute: string]: unknown;
}

/** ksqlDB's record name for the schemas it generates (io.confluent.ksql.avro_schemas.KsqlDataSourceSchema). */
export const DEFAULT_AVRO_RECORD_NAME = 'io.confluent.ksql.avro_schemas.KsqlDataSourceSchema';

/**
 * The schema ksqlDB generates for one side of a topic: a record of optional fields named after
 * the columns, or, for a key of one column or an unwrapped value, the optional column type alone.
 * Nested records are named after the path to them (`..._ADDRESS`), so that names never clash.
 */
export function avroSchemaOf(columns: readonly SerdeColumn[], role: SerdeRole, wrapSingleValue: boolean | undefined, fullName?: string): AvroSchema {
  const recordName = fullName ?? DEFAULT_AVRO_RECORD_NAME;
  const unwrapped = columns.length === 1 && (role === 'key' || wrapSingleValue === false);
  if (unwrapped) return optional(avroTypeOf(columns[0]!.type, recordName));
  return recordOf(columns, recordName);
}

function recordOf(fields: readonly StructField[], fullName: string): AvroSchema {
  const dot = fullName.lastIndexOf('.');
  return {
    type: 'record',
    name: dot === -1 ? fullName : fullName.slice(dot + 1),
    ...(dot === -1 ? {} : { namespace: fullName.slice(0, dot) }),
    fields: fields.map((field) => ({ name: field.name, type: optional(avroTypeOf(field.type, `${fullName}_${field.name}`)), default: null })),
  };
}

function optional(schema: AvroSchema): AvroSchema {
  return ['null', schema];
}

function avroTypeOf(type: SqlType, name: string): AvroSchema {
  switch (type.kind) {
    case 'BOOLEAN':
      return 'boolean';
    case 'INTEGER':
      return 'int';
    case 'BIGINT':
      return 'long';
    case 'DOUBLE':
      return 'double';
    case 'STRING':
      return 'string';
    case 'BYTES':
      return 'bytes';
    case 'DECIMAL':
      return { type: 'bytes', logicalType: 'decimal', precision: type.precision, scale: type.scale };
    case 'DATE':
      return { type: 'int', logicalType: 'date' };
    case 'TIME':
      return { type: 'int', logicalType: 'time-millis' };
    case 'TIMESTAMP':
      return { type: 'long', logicalType: 'timestamp-millis' };
    case 'ARRAY':
      return { type: 'array', items: optional(avroTypeOf(type.element, name)) };
    case 'MAP':
      return { type: 'map', values: optional(avroTypeOf(type.value, name)) };
    case 'STRUCT':
      return recordOf(type.fields, name);
  }
}

/**
 * The columns a registered schema declares, as ksqlDB infers them: a value record's fields (the
 * names as written); else one column, ROWKEY or ROWVAL, of the schema's type (a key is always
 * one column: a record key is a STRUCT). Throws SerdeError for a schema with no SQL equivalent.
 */
export function columnsOfAvroSchema(schema: AvroSchema, role: SerdeRole): { columns: SerdeColumn[]; wrapped: boolean } {
  const resolved = nonNull(schema);
  const defaultName = role === 'key' ? 'ROWKEY' : 'ROWVAL';
  if (role === 'value' && isComplex(resolved) && resolved.type === 'record') {
    return { columns: (resolved.fields ?? []).map((field) => ({ name: field.name, type: sqlTypeOf(field.type, field.name) })), wrapped: true };
  }
  return { columns: [{ name: defaultName, type: sqlTypeOf(schema, defaultName) }], wrapped: false };
}

function sqlTypeOf(schema: AvroSchema, path: string): SqlType {
  const resolved = nonNull(schema);
  if (typeof resolved === 'string') return primitiveType(resolved, path);
  if (Array.isArray(resolved)) throw new SerdeError(`Avro unions of several types are not supported (field ${path})`);
  const complex = resolved as AvroComplexSchema;
  switch (complex.logicalType) {
    case 'decimal':
      return SqlTypes.decimal(complex.precision ?? 64, complex.scale ?? 0);
    case 'date':
      return SqlTypes.DATE;
    case 'time-millis':
      return SqlTypes.TIME;
    case 'timestamp-millis':
      return SqlTypes.TIMESTAMP;
  }
  switch (complex.type) {
    case 'record':
      return SqlTypes.struct((complex.fields ?? []).map((field) => ({ name: field.name, type: sqlTypeOf(field.type, `${path}.${field.name}`) })));
    case 'array':
      return SqlTypes.array(sqlTypeOf(complex.items ?? 'null', `${path}[]`));
    case 'map':
      return SqlTypes.map(SqlTypes.STRING, sqlTypeOf(complex.values ?? 'null', `${path}{}`));
    case 'enum':
      return SqlTypes.STRING;
    case 'fixed':
      return SqlTypes.BYTES;
    default:
      return sqlTypeOf(complex.type, path);
  }
}

function primitiveType(name: string, path: string): SqlType {
  switch (name) {
    case 'boolean':
      return SqlTypes.BOOLEAN;
    case 'int':
      return SqlTypes.INTEGER;
    case 'long':
      return SqlTypes.BIGINT;
    case 'float':
    case 'double':
      return SqlTypes.DOUBLE;
    case 'string':
      return SqlTypes.STRING;
    case 'bytes':
      return SqlTypes.BYTES;
    default:
      throw new SerdeError(`Avro type '${name}' has no SQL type (field ${path})`);
  }
}

/** The type of an optional schema: `["null", T]` is T. */
function nonNull(schema: AvroSchema): AvroSchema {
  if (!Array.isArray(schema)) return schema;
  const branches = (schema as readonly AvroSchema[]).filter((branch) => branch !== 'null');
  return branches.length === 1 ? branches[0]! : schema;
}

function isComplex(schema: AvroSchema): schema is AvroComplexSchema {
  return typeof schema === 'object' && !Array.isArray(schema);
}
