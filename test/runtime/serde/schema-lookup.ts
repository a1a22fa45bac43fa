// A registry in a map for the Schema Registry serdes' tests.
import type { RegisteredSchema, SchemaLookup } from '../../../src/planner/index.js';

/** Ids in registration order, looked up by text as the engine's registry is. */
export function lookupOf(schemaType: RegisteredSchema['schemaType'], ...schemas: string[]): SchemaLookup {
  const byId = new Map<number, RegisteredSchema>(schemas.map((schema, index) => [index + 1, { id: index + 1, schemaType, schema }]));
  return {
    schemaById: (id) => byId.get(id),
    idOfSchema: (_type, schema) => [...byId.values()].find((entry) => entry.schema === schema)?.id,
  };
}
