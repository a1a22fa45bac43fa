// What the engine asks of a Schema Registry, embedded or remote: register and fetch schemas, and a synchronous lookup for serdes.
import type { RegisteredSchema, SchemaLookup } from '../planner/index.js';
import type { SchemaDefinition } from './schema-store.js';

export interface LatestSchema {
  readonly version: number;
  readonly schema: RegisteredSchema;
}

export interface SchemaRegistry {
  /** What serdes read while records flow; it knows every schema this registry has registered or fetched. */
  readonly lookup: SchemaLookup;
  /** Registers a schema under a subject (checking the subject's compatibility level) and returns its id; `id` imports it under that id. */
  register(subject: string, definition: SchemaDefinition, options?: { readonly id?: number }): Promise<number>;
  /** The subject's latest version, or undefined when the subject has none. */
  latest(subject: string): Promise<LatestSchema | undefined>;
  /** The schema with this id, or undefined when there is none. */
  schemaById(id: number): Promise<RegisteredSchema | undefined>;
  close(): Promise<void>;
}
