// The narrow, synchronous view of a Schema Registry that the Schema Registry formats read through.

/** The schema languages a Schema Registry stores, named as its REST API names them. */
export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

export interface RegisteredSchema {
  readonly id: number;
  readonly schemaType: SchemaType;
  /** The schema text: Avro JSON, a `.proto` file, or a JSON Schema document. */
  readonly schema: string;
  /** Other registered schemas this one imports (a .proto's `import "name"`), by subject and version. */
  readonly references?: readonly SchemaReference[];
}

export interface SchemaReference {
  /** The name the schema imports it by. */
  readonly name: string;
  readonly subject: string;
  readonly version: number;
}

/**
 * What a serde may ask of the registry while records flow. It must answer from memory: the
 * engine registers and fetches every schema a statement needs before it plans, and a registry
 * that learns a new schema later makes it visible here.
 */
export interface SchemaLookup {
  /**
   * The schema with this global id, or undefined when the registry has none. Throws
   * SchemaUnavailableError while a registry elsewhere is still being asked (or cannot be reached):
   * the record is read again later, not skipped.
   */
  schemaById(id: number): RegisteredSchema | undefined;
  /** The id under which exactly this schema text (of this type) is registered, if it is. */
  idOfSchema(schemaType: SchemaType, schema: string): number | undefined;
  /** A subject's version, for the references of a schema; a lookup without it cannot read schemas with references. */
  schemaByVersion?(subject: string, version: number): RegisteredSchema | undefined;
}

/** A schema a record names is not known yet because the registry is being asked or is away: retry the record, never drop it. */
export class SchemaUnavailableError extends Error {
  constructor(readonly schemaId: number, reason: string) {
    super(`The Schema Registry has not answered for schema id ${schemaId} yet: ${reason}`);
    this.name = 'SchemaUnavailableError';
  }
}
