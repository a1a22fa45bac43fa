// Between SQL columns and Protobuf schemas: the .proto ksqlDB (through Connect's ProtobufData) registers, and the messages and columns a .proto declares.
import protobuf from 'protobufjs';
import { SqlTypes, type RegisteredSchema, type SchemaLookup, type SqlType, type StructField } from '../../planner/index.js';
import type { SerdeColumn, SerdeRole } from './format.js';
import { SerdeError } from './serde-error.js';

/** The message name Connect gives a schema that has none, as ksqlDB's generated schemas show. */
export const DEFAULT_PROTOBUF_MESSAGE_NAME = 'ConnectDefault1';

/** How a nullable scalar is written: proto3's implicit presence (null reads back as the default), `optional`, or a google.protobuf wrapper. */
export type NullableRepresentation = 'OPTIONAL' | 'WRAPPER';

/** The field of the message that holds an array or map inside another. */
export const COLLECTION_FIELD = 'value';

const TIMESTAMP = 'google.protobuf.Timestamp';
const DATE = 'google.type.Date';
const TIME_OF_DAY = 'google.type.TimeOfDay';
const DECIMAL = 'confluent.type.Decimal';

/** The imports the generated and registered schemas may name that no registry holds: the well-known and Confluent types. */
const BUILT_IN_FILES: ReadonlyMap<string, string> = new Map([
  ['google/type/date.proto', 'syntax = "proto3"; package google.type; message Date { int32 year = 1; int32 month = 2; int32 day = 3; }'],
  ['google/type/timeofday.proto', 'syntax = "proto3"; package google.type; message TimeOfDay { int32 hours = 1; int32 minutes = 2; int32 seconds = 3; int32 nanos = 4; }'],
  ['confluent/type/decimal.proto', 'syntax = "proto3"; package confluent.type; message Decimal { bytes value = 1; uint32 precision = 2; int32 scale = 3; }'],
  ['confluent/meta.proto', 'syntax = "proto3"; package confluent;'],
]);

const WRAPPER_OF: Partial<Record<SqlType['kind'], string>> = {
  BOOLEAN: 'google.protobuf.BoolValue',
  INTEGER: 'google.protobuf.Int32Value',
  BIGINT: 'google.protobuf.Int64Value',
  DOUBLE: 'google.protobuf.DoubleValue',
  STRING: 'google.protobuf.StringValue',
  BYTES: 'google.protobuf.BytesValue',
};

/**
 * The schema ksqlDB generates for one side of a topic: one message with a field per column (a
 * Protobuf record is always a message: keys, even of one column, stay one), nested messages for
 * structs. A single STRUCT value with WRAP_SINGLE_VALUE=false is the message itself.
 */
export function protobufSchemaOf(columns: readonly SerdeColumn[], role: SerdeRole, options: ProtobufSchemaOptions): string {
  const name = options.schemaFullName ?? DEFAULT_PROTOBUF_MESSAGE_NAME;
  const dot = name.lastIndexOf('.');
  const imports = new Set<string>();
  const writer = new MessageWriter(imports, options.nullableRepresentation);
  const only = columns.length === 1 ? columns[0]! : undefined;
  const fields = only?.type.kind === 'STRUCT' && isUnwrapped(role, options) ? only.type.fields : columns;
  const body = writer.message(dot === -1 ? name : name.slice(dot + 1), fields, '');
  const header = ['syntax = "proto3";', ''];
  if (dot !== -1) header.push(`package ${name.slice(0, dot)};`, '');
  if (imports.size > 0) header.push(...[...imports].sort().map((file) => `import "${file}";`), '');
  return `${[...header, body].join('\n')}\n`;
}

export interface ProtobufSchemaOptions {
  readonly wrapSingleValue?: boolean;
  readonly schemaFullName?: string;
  readonly nullableRepresentation?: NullableRepresentation;
}

/** Whether one column is written bare: a value with WRAP_SINGLE_VALUE=false; never a key, which ksqlDB keeps a message. */
export function isUnwrapped(role: SerdeRole, options: Pick<ProtobufSchemaOptions, 'wrapSingleValue'>): boolean {
  return role === 'value' && options.wrapSingleValue === false;
}

class MessageWriter {
  private next = 2;

  constructor(
    private readonly imports: Set<string>,
    private readonly nullable: NullableRepresentation | undefined,
  ) {}

  message(name: string, fields: readonly StructField[], indent: string): string {
    const nested: string[] = [];
    const lines = fields.map((field, index) => `${indent}  ${this.fieldType(field.type, nested, `${indent}  `)} ${field.name} = ${index + 1}${this.fieldOptions(field.type)};`);
    const inner = nested.length === 0 ? [] : ['', ...nested];
    return [`${indent}message ${name} {`, ...lines, ...inner, `${indent}}`].join('\n');
  }

  private fieldType(type: SqlType, nested: string[], indent: string): string {
    switch (type.kind) {
      case 'ARRAY':
        return `repeated ${this.valueType(type.element, nested, indent)}`;
      case 'MAP':
        return `map<${this.valueType(type.key, nested, indent)}, ${this.valueType(type.value, nested, indent)}>`;
      default: {
        const wrapper = this.nullable === 'WRAPPER' ? WRAPPER_OF[type.kind] : undefined;
        if (wrapper !== undefined) {
          this.imports.add('google/protobuf/wrappers.proto');
          return wrapper;
        }
        const scalar = this.valueType(type, nested, indent);
        return this.nullable === 'OPTIONAL' && WRAPPER_OF[type.kind] !== undefined ? `optional ${scalar}` : scalar;
      }
    }
  }

  private valueType(type: SqlType, nested: string[], indent: string): string {
    switch (type.kind) {
      case 'BOOLEAN':
        return 'bool';
      case 'INTEGER':
        return 'int32';
      case 'BIGINT':
        return 'int64';
      case 'DOUBLE':
        return 'double';
      case 'STRING':
        return 'string';
      case 'BYTES':
        return 'bytes';
      case 'DECIMAL':
        this.imports.add('confluent/meta.proto').add('confluent/type/decimal.proto');
        return DECIMAL;
      case 'DATE':
        this.imports.add('google/type/date.proto');
        return DATE;
      case 'TIME':
        this.imports.add('google/type/timeofday.proto');
        return TIME_OF_DAY;
      case 'TIMESTAMP':
        this.imports.add('google/protobuf/timestamp.proto');
        return TIMESTAMP;
      case 'STRUCT': {
        const name = `ConnectDefault${this.next++}`;
        nested.push(this.message(name, type.fields, indent));
        return name;
      }
      case 'ARRAY':
      case 'MAP': {
        // A repeated field or map cannot hold another: the inner collection is the one field of a message.
        const name = `ConnectDefault${this.next++}`;
        nested.push(this.message(name, [{ name: COLLECTION_FIELD, type }], indent));
        return name;
      }
    }
  }

  /** Connect's field metadata for a decimal's precision and scale. */
  private fieldOptions(type: SqlType): string {
    if (type.kind !== 'DECIMAL') return '';
    return ` [(confluent.field_meta) = { params: [ { key: "precision", value: "${type.precision}" }, { key: "scale", value: "${type.scale}" } ] }]`;
  }
}

/** A parsed .proto: its messages in declaration order (which message indexes count), resolved against the built-in types. */
export interface ProtobufFile {
  /** The message records are written with: the one named, else the first in the file. */
  message(fullName: string | undefined): protobuf.Type;
  /** The message an index path (Confluent's wire format) names. */
  messageAt(indexes: readonly number[]): protobuf.Type;
  /** The index path of a message of this file. */
  indexesOf(message: protobuf.Type): number[];
}

/**
 * Parses .proto text, with the texts of the files it imports by name (a registered schema's
 * references); throws SerdeError for text that does not parse or imports a file it is not given
 * and that is not built in.
 */
export function parseProtobufFile(text: string, imports: ReadonlyMap<string, string> = new Map()): ProtobufFile {
  const root = new protobuf.Root();
  let parsed: protobuf.IParserResult;
  try {
    parsed = protobuf.parse(parseableProtoText(text), root, { keepCase: true });
  } catch (error) {
    throw new SerdeError(`Invalid Protobuf schema: ${(error as Error).message}`);
  }
  const namespace = parsed.package === undefined ? root : root.lookup(parsed.package);
  const topLevel = namespace instanceof protobuf.Namespace ? namespace.nestedArray.filter((node): node is protobuf.Type => node instanceof protobuf.Type) : [];
  addImports(root, parsed.imports ?? [], imports, new Set());
  try {
    root.resolveAll();
  } catch (error) {
    throw new SerdeError(`Invalid Protobuf schema: ${(error as Error).message}`);
  }
  if (topLevel.length === 0) throw new SerdeError('Invalid Protobuf schema: it declares no message');
  return {
    message(fullName) {
      if (fullName === undefined) return topLevel[0]!;
      const found = root.lookup(fullName);
      if (found instanceof protobuf.Type) return found;
      throw new SerdeError(`Schema does not contain the message '${fullName}'`);
    },
    messageAt(indexes) {
      let candidates: protobuf.Type[] = topLevel;
      let message: protobuf.Type | undefined;
      for (const index of indexes) {
        message = candidates[index];
        if (message === undefined) throw new SerdeError(`The record's message indexes [${indexes.join(', ')}] name no message of its schema`);
        candidates = nestedTypes(message);
      }
      return message ?? topLevel[0]!;
    },
    indexesOf(message) {
      const path: number[] = [];
      for (let node: protobuf.ReflectionObject | null = message; node !== null && node !== namespace; node = node.parent) {
        const siblings = node.parent === namespace ? topLevel : node.parent instanceof protobuf.Type ? nestedTypes(node.parent) : [];
        const index = siblings.indexOf(node as protobuf.Type);
        if (index === -1) break;
        path.unshift(index);
      }
      return path;
    },
  };
}

function nestedTypes(message: protobuf.Type): protobuf.Type[] {
  return message.nestedArray.filter((node): node is protobuf.Type => node instanceof protobuf.Type);
}

/** The texts of a registered schema's references, and of theirs, by the name they are imported by. */
export function referencedTexts(schema: RegisteredSchema, lookup: SchemaLookup | undefined, found: Map<string, string> = new Map()): Map<string, string> {
  for (const reference of schema.references ?? []) {
    if (found.has(reference.name)) continue;
    const referenced = lookup?.schemaByVersion?.(reference.subject, reference.version);
    if (referenced === undefined) {
      throw new SerdeError(`Schema id ${schema.id} references '${reference.name}' (subject ${reference.subject}, version ${reference.version}), which the Schema Registry does not have`);
    }
    found.set(reference.name, referenced.schema);
    referencedTexts(referenced, lookup, found);
  }
  return found;
}

function addImports(root: protobuf.Root, files: readonly string[], given: ReadonlyMap<string, string>, added: Set<string>): void {
  for (const file of files) {
    if (added.has(file)) continue;
    added.add(file);
    const text = given.get(file);
    if (text !== undefined) {
      try {
        addImports(root, protobuf.parse(parseableProtoText(text), root, { keepCase: true }).imports ?? [], given, added);
      } catch (error) {
        if (error instanceof SerdeError) throw error;
        throw new SerdeError(`Invalid Protobuf schema: in '${file}': ${(error as Error).message}`);
      }
      continue;
    }
    const common = protobuf.common.get(file);
    if (common?.nested !== undefined) {
      root.addJSON(common.nested);
      continue;
    }
    const builtIn = BUILT_IN_FILES.get(file);
    if (builtIn === undefined) throw new SerdeError(`Invalid Protobuf schema: it imports '${file}', which is neither a reference of the schema nor a well-known type`);
    protobuf.parse(builtIn, root, { keepCase: true });
  }
}

/**
 * The .proto text with its aggregate option values (`[(x) = { ... }]`), which protobufjs cannot
 * parse, made scalar: Connect's decimal metadata (`(confluent.field_meta) = { params: [...] }`)
 * becomes `(confluent.precision) = 4, (confluent.scale) = 2`, any other aggregate `= true`.
 */
export function parseableProtoText(text: string): string {
  const marker = /=\s*\{/g;
  let result = '';
  let from = 0;
  for (let match = marker.exec(text); match !== null; match = marker.exec(text)) {
    let depth = 1;
    let end = match.index + match[0].length;
    for (; end < text.length && depth > 0; end++) {
      if (text[end] === '{') depth++;
      if (text[end] === '}') depth--;
    }
    const head = text.slice(from, match.index).trimEnd();
    if (head.endsWith('(confluent.field_meta)')) {
      const params = [...text.slice(match.index, end).matchAll(/key:\s*"(\w+)"\s*,?\s*value:\s*"(-?\d+)"/g)].filter(([, key]) => key === 'precision' || key === 'scale');
      const options = params.length === 0 ? 'deprecated = false' : params.map(([, key, value]) => `(confluent.${key}) = ${value}`).join(', ');
      result += head.slice(0, -'(confluent.field_meta)'.length) + options;
    } else {
      result += `${text.slice(from, match.index)}= true`;
    }
    from = end;
    marker.lastIndex = end;
  }
  return result + text.slice(from);
}

/** The columns a message declares: one per field, named as written. */
export function columnsOfProtobufMessage(message: protobuf.Type): SerdeColumn[] {
  return message.fieldsArray.map((field) => ({ name: field.name, type: sqlTypeOfField(field, `${message.name}.${field.name}`) }));
}

function sqlTypeOfField(field: protobuf.Field, path: string): SqlType {
  if (field instanceof protobuf.MapField) return SqlTypes.map(scalarType(field.keyType, path), elementType(field, path));
  const element = elementType(field, path);
  return field.repeated ? SqlTypes.array(element) : element;
}

function elementType(field: protobuf.Field, path: string): SqlType {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Enum) return SqlTypes.STRING;
  if (!(resolved instanceof protobuf.Type)) return scalarType(field.type, path);
  const name = resolved.fullName.slice(1);
  switch (name) {
    case TIMESTAMP:
      return SqlTypes.TIMESTAMP;
    case DATE:
      return SqlTypes.DATE;
    case TIME_OF_DAY:
      return SqlTypes.TIME;
    case DECIMAL: {
      const options = field.options ?? {};
      const precision = options['(confluent.precision)'] as number | undefined;
      const scale = options['(confluent.scale)'] as number | undefined;
      return SqlTypes.decimal(precision ?? 64, scale ?? 0);
    }
  }
  const wrapped = wrappedScalar(resolved);
  if (wrapped !== undefined) return scalarType(wrapped, path);
  return SqlTypes.struct(resolved.fieldsArray.map((child) => ({ name: child.name, type: sqlTypeOfField(child, `${path}.${child.name}`) })));
}

/** The scalar a google.protobuf wrapper message holds, or undefined for any other message. */
export function wrappedScalar(message: protobuf.Type): string | undefined {
  if (message.parent?.fullName !== '.google.protobuf' || !message.name.endsWith('Value')) return undefined;
  const value = message.fields['value'];
  return value !== undefined && message.fieldsArray.length === 1 && value.resolvedType === null ? value.type : undefined;
}

function scalarType(type: string, path: string): SqlType {
  switch (type) {
    case 'bool':
      return SqlTypes.BOOLEAN;
    case 'int32':
    case 'sint32':
    case 'sfixed32':
      return SqlTypes.INTEGER;
    case 'uint32':
    case 'fixed32':
    case 'int64':
    case 'sint64':
    case 'sfixed64':
    case 'uint64':
    case 'fixed64':
      return SqlTypes.BIGINT;
    case 'float':
    case 'double':
      return SqlTypes.DOUBLE;
    case 'string':
      return SqlTypes.STRING;
    case 'bytes':
      return SqlTypes.BYTES;
    default:
      throw new SerdeError(`Protobuf type '${type}' has no SQL type (field ${path})`);
  }
}
