// Public API of the Schema Registry layer: the registry the engine talks to, embedded or remote, and its REST server.
export type { LatestSchema, SchemaRegistry } from './registry.js';
export { EmbeddedSchemaRegistry } from './embedded-registry.js';
export { SchemaRegistryError } from './schema-registry-error.js';
export { COMPATIBILITY_LEVELS, type Compatibility, type SchemaDefinition } from './schema-store.js';
export { SCHEMAS_TOPIC } from './schemas-topic.js';
export { RemoteSchemaRegistry } from './remote-registry.js';
export { buildSchemaRegistryServer } from './rest-server.js';
