// Public API of the Schema Registry layer: the registry the engine talks to, embedded or remote, and its REST server.
export type { LatestSchema, SchemaRegistry } from './registry.js';
export { EmbeddedSchemaRegistry } from './embedded-registry.js';
export { SchemaRegistryError } from './schema-registry-error.js';
export { COMPATIBILITY_LEVELS, type Compatibility, type SchemaDefinition } from './schema-store.js';
export { SCHEMAS_TOPIC } from './schemas-topic.js';
export { buildSchemaRegistryServer } from './rest-server.js';
export type { RemoteSchemaRegistry } from './remote-registry.js';

/** The registry at `url`. Confluent's client and its HTTP stack hold 5-10 MB resident, so they load only when one is used. */
export async function openRemoteSchemaRegistry(url: string): Promise<import('./remote-registry.js').RemoteSchemaRegistry> {
  const { RemoteSchemaRegistry } = await import('./remote-registry.js');
  return new RemoteSchemaRegistry(url);
}
