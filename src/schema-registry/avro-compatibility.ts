// Avro schema resolution as a compatibility check: can data written with one schema be read with another (the Avro spec's rules)?

import type { Incompatibility } from './incompatibility.js';

type Json = unknown;

/** Which schema plays the reader: "new" for BACKWARD (new readers, old data), "old" for FORWARD. */
export interface ResolutionLabels {
  readonly reader: 'new' | 'old';
  readonly writer: 'new' | 'old';
}

/** Everything that stops `reader` from reading what `writer` wrote; empty when it can. */
export function avroIncompatibilities(reader: Json, writer: Json, labels: ResolutionLabels): Incompatibility[] {
  const problems: Incompatibility[] = [];
  const context: Context = { labels, readerNames: new Map(), writerNames: new Map(), problems, visiting: new Set() };
  collectNames(reader, context.readerNames, undefined);
  collectNames(writer, context.writerNames, undefined);
  check(reader, writer, '', undefined, context);
  return problems;
}

interface Context {
  readonly labels: ResolutionLabels;
  readonly readerNames: Map<string, Json>;
  readonly writerNames: Map<string, Json>;
  readonly problems: Incompatibility[];
  /** Record pairs under check: a recursive type is compatible with itself unless shown otherwise. */
  readonly visiting: Set<string>;
}

const PROMOTIONS: Readonly<Record<string, readonly string[]>> = {
  int: ['long', 'float', 'double'],
  long: ['float', 'double'],
  float: ['double'],
  string: ['bytes'],
  bytes: ['string'],
};

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);

function typeName(schema: Json): string {
  if (Array.isArray(schema)) return 'union';
  if (typeof schema === 'string') return schema;
  const type = (schema as { type?: unknown }).type;
  return typeof type === 'string' ? type : typeName(type);
}

function fullName(schema: Json, namespace: string | undefined): string | undefined {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return undefined;
  const { name, namespace: own } = schema as { name?: unknown; namespace?: unknown };
  if (typeof name !== 'string') return undefined;
  if (name.includes('.')) return name;
  const space = typeof own === 'string' ? own : namespace;
  return space === undefined || space === '' ? name : `${space}.${name}`;
}

function collectNames(schema: Json, names: Map<string, Json>, namespace: string | undefined): void {
  if (Array.isArray(schema)) {
    for (const branch of schema) collectNames(branch, names, namespace);
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  const object = schema as { type?: Json; fields?: { type: Json }[]; items?: Json; values?: Json };
  const name = fullName(schema, namespace);
  if (name !== undefined) {
    names.set(name, schema);
    names.set(name.slice(name.lastIndexOf('.') + 1), schema);
  }
  const inner = name === undefined ? namespace : name.slice(0, Math.max(name.lastIndexOf('.'), 0)) || undefined;
  for (const field of object.fields ?? []) collectNames(field.type, names, inner);
  if (object.items !== undefined) collectNames(object.items, names, inner);
  if (object.values !== undefined) collectNames(object.values, names, inner);
  if (typeof object.type === 'object') collectNames(object.type, names, inner);
}

/** A named-type reference resolved to its definition; other schemas as they are. */
function resolve(schema: Json, names: Map<string, Json>): Json {
  if (typeof schema === 'string' && !PRIMITIVES.has(schema)) return names.get(schema) ?? schema;
  if (typeof schema === 'object' && schema !== null && !Array.isArray(schema) && typeof (schema as { type: unknown }).type === 'object') {
    return resolve((schema as { type: Json }).type, names);
  }
  return schema;
}

function check(readerSchema: Json, writerSchema: Json, path: string, field: string | undefined, context: Context): void {
  const reader = resolve(readerSchema, context.readerNames);
  const writer = resolve(writerSchema, context.writerNames);
  if (Array.isArray(writer)) {
    writer.forEach((branch, index) => check(reader, branch, `${path}/${index}`, field, context));
    return;
  }
  if (Array.isArray(reader)) {
    if (!reader.some((branch) => readable(branch, writer, context))) {
      report(context, 'MISSING_UNION_BRANCH', path, field, `The ${context.labels.reader} schema is missing a type inside a union field at path '${path}' in the ${context.labels.writer} schema: ${typeName(writer)}`);
    }
    return;
  }
  const readerType = typeName(reader);
  const writerType = typeName(writer);
  if (readerType !== writerType) {
    if (PRIMITIVES.has(readerType) && (PROMOTIONS[writerType] ?? []).includes(readerType)) return;
    report(context, 'TYPE_MISMATCH', path, field, `The type (path '${path}') of ${describeField(field)} in the ${context.labels.reader} schema does not match with the ${context.labels.writer} schema: ${readerType} cannot read ${writerType}`);
    return;
  }
  switch (readerType) {
    case 'record':
      checkRecord(reader as RecordSchema, writer as RecordSchema, path, context);
      return;
    case 'array':
      check((reader as { items: Json }).items, (writer as { items: Json }).items, `${path}/items`, field, context);
      return;
    case 'map':
      check((reader as { values: Json }).values, (writer as { values: Json }).values, `${path}/values`, field, context);
      return;
    case 'enum': {
      const readerSymbols = new Set((reader as { symbols: string[] }).symbols);
      const missing = (writer as { symbols: string[] }).symbols.filter((symbol) => !readerSymbols.has(symbol));
      if (missing.length > 0 && (reader as { default?: unknown }).default === undefined) {
        report(context, 'MISSING_ENUM_SYMBOLS', `${path}/symbols`, field, `The ${context.labels.reader} schema is missing enum symbols '${missing.join(', ')}' at path '${path}/symbols' in the ${context.labels.writer} schema`);
      }
      return;
    }
    case 'fixed':
      if ((reader as { size: number }).size !== (writer as { size: number }).size) {
        report(context, 'FIXED_SIZE_MISMATCH', `${path}/size`, field, `The size of the fixed type at path '${path}' differs between the new and the old schema`);
      }
      return;
  }
}

interface RecordSchema {
  readonly name?: string;
  readonly fields: readonly { readonly name: string; readonly type: Json; readonly default?: unknown; readonly aliases?: readonly string[] }[];
}

function checkRecord(reader: RecordSchema, writer: RecordSchema, path: string, context: Context): void {
  const readerName = reader.name?.slice(reader.name.lastIndexOf('.') + 1);
  const writerName = writer.name?.slice(writer.name.lastIndexOf('.') + 1);
  if (readerName !== writerName) {
    report(context, 'NAME_MISMATCH', `${path}/name`, undefined, `The name of the record at path '${path}/name' in the ${context.labels.reader} schema (${reader.name}) does not match its name in the ${context.labels.writer} schema (${writer.name})`);
    return;
  }
  const visit = `${reader.name}\u0000${writer.name}\u0000${path.split('/').length > 64 ? '' : path}`;
  if (context.visiting.has(visit)) return;
  context.visiting.add(visit);
  reader.fields.forEach((readerField, index) => {
    const fieldPath = `${path}/fields/${index}`;
    const writerField = writer.fields.find((candidate) => candidate.name === readerField.name || (readerField.aliases ?? []).includes(candidate.name));
    if (writerField === undefined) {
      if (readerField.default === undefined) {
        report(context, 'READER_FIELD_MISSING_DEFAULT_VALUE', fieldPath, readerField.name, `The field '${readerField.name}' at path '${fieldPath}' in the ${context.labels.reader} schema has no default value and is missing in the ${context.labels.writer} schema`);
      }
      return;
    }
    check(readerField.type, writerField.type, `${fieldPath}/type`, readerField.name, context);
  });
}

function readable(reader: Json, writer: Json, context: Context): boolean {
  const probe: Context = { ...context, problems: [], visiting: new Set(context.visiting) };
  check(reader, writer, '', undefined, probe);
  return probe.problems.length === 0;
}

function describeField(field: string | undefined): string {
  return field === undefined ? 'the schema' : `field '${field}'`;
}

function report(context: Context, errorType: string, path: string, field: string | undefined, description: string): void {
  context.problems.push({ errorType, path, description, ...(field === undefined ? {} : { field }) });
}
