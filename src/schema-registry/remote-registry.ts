// A Schema Registry elsewhere (Confluent's, say), reached with Confluent's own client, and cached for the serdes' synchronous lookups.
import { RestError } from '@confluentinc/schemaregistry/dist/rest-error.js';
import { SchemaRegistryClient, type SchemaInfo } from '@confluentinc/schemaregistry/dist/schemaregistry-client.js';
import { SchemaUnavailableError, type RegisteredSchema, type SchemaLookup, type SchemaReference, type SchemaType } from '../planner/index.js';
import type { LatestSchema, SchemaRegistry } from './registry.js';
import { SchemaRegistryError } from './schema-registry-error.js';
import type { SchemaDefinition } from './schema-store.js';

/**
 * Schemas this process has registered or fetched. A miss starts a fetch and reports the schema
 * unavailable, so that the record is read again once the registry has answered; only an id the
 * registry says it does not have reads as unknown (a bad record).
 */
class SchemaCache implements SchemaLookup {
  private readonly byId = new Map<number, RegisteredSchema>();
  private readonly idsByText = new Map<string, number>();
  private readonly fetching = new Set<number>();
  private readonly missing = new Set<number>();
  private readonly failures = new Map<number, string>();
  /** The subjects' versions that schemas here reference, fetched with them. */
  private readonly byVersion = new Map<string, RegisteredSchema>();

  constructor(private readonly fetch: (id: number) => Promise<RegisteredSchema | undefined>) {}

  schemaById(id: number): RegisteredSchema | undefined {
    const schema = this.byId.get(id);
    if (schema !== undefined || this.missing.has(id)) return schema;
    if (!this.fetching.has(id)) {
      this.fetching.add(id);
      void this.fetch(id)
        .then(
          (fetched) => {
            if (fetched === undefined) this.missing.add(id);
            this.failures.delete(id);
          },
          (error: Error) => this.failures.set(id, error.message),
        )
        .finally(() => this.fetching.delete(id));
    }
    throw new SchemaUnavailableError(id, this.failures.get(id) ?? 'it is being fetched');
  }

  idOfSchema(schemaType: SchemaType, schema: string): number | undefined {
    return this.idsByText.get(`${schemaType}\u0000${schema}`);
  }

  schemaByVersion(subject: string, version: number): RegisteredSchema | undefined {
    return this.byVersion.get(`${subject}\u0000${version}`);
  }

  rememberVersion(subject: string, version: number, schema: RegisteredSchema): void {
    this.byVersion.set(`${subject}\u0000${version}`, schema);
  }

  remember(schema: RegisteredSchema): RegisteredSchema {
    this.byId.set(schema.id, schema);
    this.missing.delete(schema.id);
    this.idsByText.set(`${schema.schemaType}\u0000${schema.schema}`, schema.id);
    return schema;
  }
}

export class RemoteSchemaRegistry implements SchemaRegistry {
  private readonly client: SchemaRegistryClient;
  readonly lookup: SchemaCache;

  constructor(readonly url: string) {
    this.client = new SchemaRegistryClient({ baseURLs: [url], maxRetries: 2, retriesWaitMs: 200, retriesMaxWaitMs: 1000 });
    this.lookup = new SchemaCache((id) => this.schemaById(id));
  }

  async register(subject: string, definition: SchemaDefinition, options: { readonly id?: number } = {}): Promise<number> {
    if (options.id !== undefined) throw new SchemaRegistryError(422, 42205, `Registering with a given id (${options.id}) is not supported on a remote Schema Registry`);
    const references = definition.references?.map((reference) => ({ ...reference }));
    const id = await translate(() => this.client.register(subject, { schema: definition.schema, schemaType: definition.schemaType, ...(references === undefined ? {} : { references }) }, false));
    this.lookup.remember({ id, ...definition });
    return id;
  }

  async latest(subject: string): Promise<LatestSchema | undefined> {
    try {
      const metadata = await translate(() => this.client.getLatestSchemaMetadata(subject));
      const schema = this.lookup.remember({ id: metadata.id!, schemaType: schemaTypeOf(metadata), schema: metadata.schema, ...(await this.references(metadata)) });
      return { version: metadata.version!, schema };
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.errorCode === 40401) return undefined;
      throw error;
    }
  }

  async schemaById(id: number): Promise<RegisteredSchema | undefined> {
    try {
      const info = await translate(() => this.client.getBySubjectAndId('', id));
      return this.lookup.remember({ id, schemaType: schemaTypeOf(info), schema: info.schema, ...(await this.references(info)) });
    } catch (error) {
      if (error instanceof SchemaRegistryError && error.errorCode === 40403) return undefined;
      throw error;
    }
  }

  /** A schema's references, each referenced version fetched (with its own references) into the lookup first. */
  private async references(info: SchemaInfo): Promise<{ references?: readonly SchemaReference[] }> {
    if (info.references === undefined || info.references.length === 0) return {};
    const references: SchemaReference[] = [];
    for (const reference of info.references) {
      const metadata = await translate(() => this.client.getSchemaMetadata(reference.subject, reference.version));
      const schema = { id: metadata.id!, schemaType: schemaTypeOf(metadata), schema: metadata.schema, ...(await this.references(metadata)) };
      this.lookup.rememberVersion(reference.subject, reference.version, schema);
      references.push({ name: reference.name, subject: reference.subject, version: reference.version });
    }
    return { references };
  }

  async close(): Promise<void> {
    this.client.close();
  }
}

function schemaTypeOf(info: SchemaInfo): SchemaType {
  return info.schemaType === 'PROTOBUF' || info.schemaType === 'JSON' ? info.schemaType : 'AVRO';
}

/** The registry's refusals as SchemaRegistryError; a registry that cannot be reached stays a plain error. */
async function translate<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof RestError && error.errorCode > 0) throw new SchemaRegistryError(error.status, error.errorCode, error.message);
    throw error;
  }
}
