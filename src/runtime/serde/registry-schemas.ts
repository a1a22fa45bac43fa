// What the Schema Registry formats' serdes ask of the registry's lookup, with the errors each gives when it cannot answer.
import type { RegisteredSchema, SchemaLookup, SchemaType } from '../../planner/index.js';
import type { SerdeRole } from './format.js';
import { SerdeError } from './serde-error.js';

/** A Schema Registry format as its errors name it. */
export interface RegistryFormat {
  readonly format: 'AVRO' | 'PROTOBUF' | 'JSON_SR';
  readonly schemaType: SchemaType;
  /** 'Avro schema', 'Protobuf schema', 'JSON Schema'. */
  readonly schemaName: string;
}

export const AVRO_FORMAT: RegistryFormat = { format: 'AVRO', schemaType: 'AVRO', schemaName: 'Avro schema' };
export const PROTOBUF_FORMAT: RegistryFormat = { format: 'PROTOBUF', schemaType: 'PROTOBUF', schemaName: 'Protobuf schema' };
export const JSON_SR_FORMAT: RegistryFormat = { format: 'JSON_SR', schemaType: 'JSON', schemaName: 'JSON Schema' };

/** The lookup, or the error that says the format needs a registry. */
export function requireLookup(lookup: SchemaLookup | undefined, format: RegistryFormat): SchemaLookup {
  if (lookup === undefined) throw new SerdeError(`The ${format.format} format needs a Schema Registry: set ksql.schema.registry.url`);
  return lookup;
}

/** The schema a record's id names, which must be of the format's type. */
export function registeredSchema(lookup: SchemaLookup | undefined, schemaId: number, format: RegistryFormat): RegisteredSchema {
  const schema = requireLookup(lookup, format).schemaById(schemaId);
  if (schema === undefined) throw new SerdeError(`Error retrieving ${format.schemaName} for id ${schemaId}: the Schema Registry has no schema with that id`);
  if (schema.schemaType !== format.schemaType) {
    throw new SerdeError(`Schema id ${schemaId} is a ${schema.schemaType} schema, not ${/^[AEIOU]/.test(format.schemaName) ? 'an' : 'a'} ${format.schemaName}`);
  }
  return schema;
}

/** The id of the schema ksqlDB generates for a side's columns, which the engine registered before the query started. */
export function generatedSchemaId(lookup: SchemaLookup | undefined, schema: string, role: SerdeRole, format: RegistryFormat): number {
  const id = requireLookup(lookup, format).idOfSchema(format.schemaType, schema);
  if (id === undefined) throw new SerdeError(`The ${format.schemaName} of the ${role} is not registered in the Schema Registry: ${schema}`);
  return id;
}
