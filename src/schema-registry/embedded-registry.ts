// The embedded Schema Registry: the registry's state in this process, kept in the `_schemas` topic through the Log.
import type { RegisteredSchema } from '../planner/index.js';
import type { Log } from '../runtime/index.js';
import type { LatestSchema, SchemaRegistry } from './registry.js';
import { SchemaRegistryError } from './schema-registry-error.js';
import { SchemaStore, type Compatibility, type SchemaDefinition, type SubjectVersion } from './schema-store.js';
import { readSchemasTopic, SCHEMAS_TOPIC, SchemasTopicWriter } from './schemas-topic.js';

export class EmbeddedSchemaRegistry implements SchemaRegistry {
  private constructor(
    private readonly store: SchemaStore,
    private readonly writer: SchemasTopicWriter,
  ) {}

  /** Replays the `_schemas` topic (creating it when missing) into a new registry. */
  static async open(log: Log, topic: string = SCHEMAS_TOPIC): Promise<EmbeddedSchemaRegistry> {
    const store = new SchemaStore();
    for (const event of await readSchemasTopic(log, topic)) store.apply(event);
    return new EmbeddedSchemaRegistry(store, new SchemasTopicWriter(log, topic));
  }

  get lookup(): SchemaStore {
    return this.store;
  }

  async register(subject: string, definition: SchemaDefinition, options: { readonly id?: number } = {}): Promise<number> {
    const planned = this.store.planRegistration(subject, definition, options.id);
    if (!('kind' in planned)) return planned.id;
    await this.writer.append(planned);
    this.store.apply(planned);
    return planned.id;
  }

  async latest(subject: string): Promise<LatestSchema | undefined> {
    return this.latestVersion(subject);
  }

  /** The subject's latest version, read from this process's memory: the embedded registry needs no round trip. */
  latestVersion(subject: string): LatestSchema | undefined {
    const versions = this.store.subjectNames().includes(subject) ? this.store.versions(subject) : [];
    const last = versions[versions.length - 1];
    return last === undefined ? undefined : { version: last.version, schema: this.store.schemaById(last.id)! };
  }

  async schemaById(id: number): Promise<RegisteredSchema | undefined> {
    return this.store.schemaById(id);
  }

  /** Soft-deletes a subject's versions (all, or one); returns the versions deleted. */
  async deleteVersions(subject: string, version?: string): Promise<number[]> {
    const targets: SubjectVersion[] = version === undefined ? this.store.versions(subject) : [this.store.version(subject, version)];
    for (const target of targets) {
      const schema = this.store.schemaById(target.id)!;
      const event = { kind: 'schema' as const, subject, version: target.version, id: target.id, schemaType: schema.schemaType, schema: schema.schema, ...(schema.references === undefined ? {} : { references: schema.references }), deleted: true };
      await this.writer.append(event);
      this.store.apply(event);
    }
    return targets.map((target) => target.version);
  }

  /** Sets (or, with null, removes) the compatibility level of a subject, or the global one with a null subject. */
  async setCompatibility(subject: string | null, compatibility: Compatibility | null): Promise<void> {
    if (subject === null && compatibility === null) throw new SchemaRegistryError(422, 42203, 'The global compatibility level cannot be removed');
    const event = { kind: 'config' as const, subject, compatibility };
    await this.writer.append(event);
    this.store.apply(event);
  }

  close(): Promise<void> {
    return this.writer.close();
  }
}
