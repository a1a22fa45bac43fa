// The narrow, synchronous view of a Schema Registry that the Schema Registry formats read through.

/** The schema languages a Schema Registry stores, named as its REST API names them. */
export type SchemaType = 'AVRO' | 'PROTOBUF' | 'JSON';

export interface RegisteredSchema {
  readonly id: number;
  readonly schemaType: SchemaType;
  /** The schema text: Avro JSON, a `.proto` file, or a JSON Schema document. */
  readonly schema: string;
}

/**
 * What a serde may ask of the registry while records flow. It must answer from memory: the
 * engine registers and fetches every schema a statement needs before it plans, and a registry
 * that learns a new schema later makes it visible here.
 */
export interface SchemaLookup {
  /** The schema with this global id, or undefined when it is not known (yet). */
  schemaById(id: number): RegisteredSchema | undefined;
  /** The id under which exactly this schema text (of this type) is registered, if it is. */
  idOfSchema(schemaType: SchemaType, schema: string): number | undefined;
}
