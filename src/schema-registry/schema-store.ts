// The registry's state: schemas by global id, subjects' versions, and compatibility settings; every change is an event.
import avro from 'avsc';
import type { RegisteredSchema, SchemaLookup, SchemaReference, SchemaType } from '../planner/index.js';
import { avroIncompatibilities } from './avro-compatibility.js';
import type { Incompatibility } from './incompatibility.js';
import { jsonSchemaIncompatibilities } from './json-schema-compatibility.js';
import { parseProtoFile, protobufIncompatibilities } from './protobuf-compatibility.js';
import { SchemaRegistryError } from './schema-registry-error.js';

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'FORWARD',
  'FULL',
  'BACKWARD_TRANSITIVE',
  'FORWARD_TRANSITIVE',
  'FULL_TRANSITIVE',
] as const;
export type Compatibility = (typeof COMPATIBILITY_LEVELS)[number];

export interface SchemaDefinition {
  readonly schemaType: SchemaType;
  readonly schema: string;
  /** The registered schemas this one imports, by name (a .proto's imports). */
  readonly references?: readonly SchemaReference[];
}

export interface SubjectVersion {
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly deleted: boolean;
}

/** A change to the registry, as the `_schemas` topic records it. */
export type RegistryEvent = SchemaEvent | { readonly kind: 'config'; readonly subject: string | null; readonly compatibility: Compatibility | null };

export interface SchemaEvent {
  readonly kind: 'schema';
  readonly subject: string;
  readonly version: number;
  readonly id: number;
  readonly schemaType: SchemaType;
  readonly schema: string;
  readonly references?: readonly SchemaReference[];
  readonly deleted: boolean;
}

/** The result of a compatibility check against a subject's earlier versions. */
export interface CompatibilityVerdict {
  readonly compatible: boolean;
  readonly messages: string[];
}

const DEFAULT_COMPATIBILITY: Compatibility = 'BACKWARD';

export class SchemaStore implements SchemaLookup {
  private readonly schemas = new Map<number, RegisteredSchema>();
  private readonly idsByText = new Map<string, number>();
  private readonly subjects = new Map<string, SubjectVersion[]>();
  private readonly subjectCompatibility = new Map<string, Compatibility>();
  private globalCompatibility: Compatibility = DEFAULT_COMPATIBILITY;
  private nextId = 1;

  schemaById(id: number): RegisteredSchema | undefined {
    return this.schemas.get(id);
  }

  idOfSchema(schemaType: SchemaType, schema: string): number | undefined {
    return this.idsByText.get(textKey({ schemaType, schema }));
  }

  apply(event: RegistryEvent): void {
    if (event.kind === 'config') {
      if (event.subject === null) this.globalCompatibility = event.compatibility ?? DEFAULT_COMPATIBILITY;
      else if (event.compatibility === null) this.subjectCompatibility.delete(event.subject);
      else this.subjectCompatibility.set(event.subject, event.compatibility);
      return;
    }
    const definition = { schemaType: event.schemaType, schema: canonicalText(event), ...referencesOf(event) };
    if (!this.schemas.has(event.id)) {
      this.schemas.set(event.id, { id: event.id, ...definition });
      this.idsByText.set(textKey(definition), event.id);
    }
    this.nextId = Math.max(this.nextId, event.id + 1);
    const versions = (this.subjects.get(event.subject) ?? []).filter((entry) => entry.version !== event.version);
    versions.push({ subject: event.subject, version: event.version, id: event.id, deleted: event.deleted });
    versions.sort((left, right) => left.version - right.version);
    this.subjects.set(event.subject, versions);
  }

  subjectNames(): string[] {
    return [...this.subjects].filter(([, versions]) => versions.some((entry) => !entry.deleted)).map(([subject]) => subject);
  }

  /** The live versions of a subject; throws 40401 when it has none. */
  versions(subject: string): SubjectVersion[] {
    const versions = (this.subjects.get(subject) ?? []).filter((entry) => !entry.deleted);
    if (versions.length === 0) throw new SchemaRegistryError(404, 40401, `Subject '${subject}' not found.`);
    return versions;
  }

  /** `latest` or a version number; throws 40401/40402 when absent. */
  version(subject: string, version: string | number): SubjectVersion {
    const versions = this.versions(subject);
    if (version === 'latest' || version === -1 || version === '-1') return versions[versions.length - 1]!;
    const number = Number(version);
    if (!Number.isInteger(number) || number < 1) throw new SchemaRegistryError(422, 42202, `The specified version '${version}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`);
    const found = versions.find((entry) => entry.version === number);
    if (found === undefined) throw new SchemaRegistryError(404, 40402, `Version ${version} not found.`);
    return found;
  }

  /** The subject's version holding this exact schema, if any. */
  findVersion(subject: string, definition: SchemaDefinition): SubjectVersion | undefined {
    const id = this.idsByText.get(textKey(definition));
    return (this.subjects.get(subject) ?? []).find((entry) => !entry.deleted && entry.id === id);
  }

  /** A subject's live version by number, for the references of a schema. */
  schemaByVersion(subject: string, version: number): RegisteredSchema | undefined {
    const entry = (this.subjects.get(subject) ?? []).find((candidate) => candidate.version === version && !candidate.deleted);
    return entry === undefined ? undefined : this.schemas.get(entry.id);
  }

  subjectsOfId(id: number): SubjectVersion[] {
    return [...this.subjects.values()].flat().filter((entry) => entry.id === id && !entry.deleted);
  }

  compatibility(subject: string | null): Compatibility {
    return (subject === null ? undefined : this.subjectCompatibility.get(subject)) ?? this.globalCompatibility;
  }

  subjectCompatibilityOf(subject: string): Compatibility | undefined {
    return this.subjectCompatibility.get(subject);
  }

  /**
   * The event that registers a schema under a subject, or the existing version when the subject
   * already has it. Throws 409 (40901) when the subject's compatibility level forbids it, naming
   * the subject, the level and the field; 42201 when the schema does not parse.
   */
  planRegistration(subject: string, definition: SchemaDefinition, requestedId?: number): SchemaEvent | SubjectVersion {
    const canonical = { schemaType: definition.schemaType, schema: canonicalText(definition), ...referencesOf(definition) };
    validate(canonical);
    const existing = this.findVersion(subject, canonical);
    if (existing !== undefined) return existing;
    const verdict = this.check(subject, canonical, 'all');
    if (!verdict.compatible) {
      throw new SchemaRegistryError(
        409,
        40901,
        `Schema being registered is incompatible with an earlier schema for subject "${subject}", compatibility: ${this.compatibility(subject)}, details: ${verdict.messages.join('; ')}`,
      );
    }
    const knownId = this.idsByText.get(textKey(canonical));
    if (requestedId !== undefined && knownId !== undefined && knownId !== requestedId) {
      throw new SchemaRegistryError(422, 42205, `Schema already registered with id ${knownId} instead of input id ${requestedId}`);
    }
    if (requestedId !== undefined && knownId === undefined && this.schemas.has(requestedId)) {
      throw new SchemaRegistryError(422, 42205, `Overwrite new schema with id ${requestedId} is not permitted.`);
    }
    const versions = this.subjects.get(subject) ?? [];
    const version = versions.reduce((highest, entry) => Math.max(highest, entry.version), 0) + 1;
    return { kind: 'schema', subject, version, id: requestedId ?? knownId ?? this.nextId, ...canonical, deleted: false };
  }

  /** Checks a schema against the latest version (`'latest'`), one version, or as the subject's level says (`'all'`). */
  check(subject: string, definition: SchemaDefinition, against: 'all' | 'latest' | number): CompatibilityVerdict {
    validate(definition);
    const level = this.compatibility(subject);
    if (level === 'NONE' && against === 'all') return { compatible: true, messages: [] };
    const live = (this.subjects.get(subject) ?? []).filter((entry) => !entry.deleted);
    if (live.length === 0) return { compatible: true, messages: [] };
    const transitive = level.endsWith('_TRANSITIVE');
    const targets = against === 'all' ? (transitive ? live : live.slice(-1)) : against === 'latest' ? live.slice(-1) : live.filter((entry) => entry.version === against);
    const messages: string[] = [];
    for (const target of targets) {
      const earlier = this.schemas.get(target.id)!;
      for (const problem of incompatibilities(definition, earlier, level)) {
        messages.push(`${problem.errorType}: ${problem.description}${problem.field === undefined ? '' : ` (field ${problem.field})`}, against version ${target.version}`);
      }
    }
    return { compatible: messages.length === 0, messages };
  }
}

/**
 * BACKWARD asks whether the new schema reads data written with the old one, FORWARD the reverse,
 * FULL both; each schema type by its own rules (Avro resolution, Protobuf wire compatibility,
 * JSON Schema content models).
 */
function incompatibilities(candidate: SchemaDefinition, earlier: RegisteredSchema, level: Compatibility): Incompatibility[] {
  if (candidate.schemaType !== earlier.schemaType) {
    return [{ errorType: 'TYPE_MISMATCH', path: '', description: `The new schema is ${candidate.schemaType}, the earlier one ${earlier.schemaType}` }];
  }
  if (level === 'NONE') return [];
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  const check = CHECKERS[candidate.schemaType];
  return [...(backward ? check(earlier.schema, candidate.schema, 'old') : []), ...(forward ? check(candidate.schema, earlier.schema, 'new') : [])];
}

/** What stops a reader of `readerText` from reading data written with `writerText`, which is the `writer` schema. */
type Checker = (writerText: string, readerText: string, writer: 'new' | 'old') => Incompatibility[];

const CHECKERS: { readonly [Type in SchemaType]: Checker } = {
  AVRO: (writerText, readerText, writer) =>
    avroIncompatibilities(JSON.parse(readerText) as unknown, JSON.parse(writerText) as unknown, { reader: otherThan(writer), writer }),
  PROTOBUF: (writerText, readerText, writer) =>
    protobufIncompatibilities(parseProtoFile(writerText), parseProtoFile(readerText), { original: writer, update: otherThan(writer) }),
  JSON: (writerText, readerText, writer) =>
    jsonSchemaIncompatibilities(JSON.parse(writerText) as unknown, JSON.parse(readerText) as unknown, { original: writer, update: otherThan(writer) }),
};

function otherThan(label: 'new' | 'old'): 'new' | 'old' {
  return label === 'new' ? 'old' : 'new';
}

/** Throws 42201 for a schema that does not parse as its type says. */
function validate(definition: SchemaDefinition): void {
  if (definition.schemaType === 'AVRO') validateAvro(canonicalText(definition));
  else if (definition.schemaType === 'PROTOBUF') validateProtobuf(definition.schema);
  else canonicalText(definition);
}

function validateAvro(schema: string): void {
  try {
    avro.Type.forSchema(JSON.parse(schema) as avro.Schema);
  } catch (error) {
    throw new SchemaRegistryError(422, 42201, `Invalid schema: ${(error as Error).message}`);
  }
}

function validateProtobuf(schema: string): void {
  try {
    parseProtoFile(schema);
  } catch (error) {
    throw new SchemaRegistryError(422, 42201, `Invalid schema: ${(error as Error).message}`);
  }
}

/** Avro and JSON schemas are compared as compact JSON; .proto texts as given. */
function canonicalText(definition: SchemaDefinition): string {
  if (definition.schemaType === 'PROTOBUF') return definition.schema;
  try {
    return JSON.stringify(JSON.parse(definition.schema));
  } catch (error) {
    throw new SchemaRegistryError(422, 42201, `Invalid schema: ${(error as Error).message}`);
  }
}

/** A schema is the same only with the same references: they are part of its identity, as in Confluent's registry. */
function textKey(definition: SchemaDefinition): string {
  const text = definition.schemaType === 'PROTOBUF' ? definition.schema : canonicalText(definition);
  const references = definition.references === undefined || definition.references.length === 0 ? '' : `\u0000${JSON.stringify(definition.references)}`;
  return `${definition.schemaType}\u0000${text}${references}`;
}

function referencesOf(definition: { readonly references?: readonly SchemaReference[] }): { references?: readonly SchemaReference[] } {
  return definition.references === undefined || definition.references.length === 0 ? {} : { references: definition.references };
}
