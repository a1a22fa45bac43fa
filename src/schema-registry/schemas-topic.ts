// The `_schemas` topic, as Confluent's Schema Registry keeps it: one compacted partition of JSON keys and values.
import type { SchemaReference, SchemaType } from '../planner/index.js';
import { scanTopic, type Log, type LogProducer } from '../runtime/index.js';
import { COMPATIBILITY_LEVELS, type Compatibility, type RegistryEvent } from './schema-store.js';

export const SCHEMAS_TOPIC = '_schemas';

/** Reads every event recorded so far, in order. */
export async function readSchemasTopic(log: Log, topic: string): Promise<RegistryEvent[]> {
  await log.createTopic(topic, { partitions: 1, config: { 'cleanup.policy': 'compact' } });
  const events: RegistryEvent[] = [];
  await scanTopic(
    log,
    topic,
    (record) => {
      if (record.key === null) return;
      const event = parseEvent(JSON.parse(Buffer.from(record.key).toString('utf8')) as unknown, record.value === null ? null : (JSON.parse(Buffer.from(record.value).toString('utf8')) as unknown));
      if (event !== undefined) events.push(event);
    },
    [0],
  );
  return events;
}

export class SchemasTopicWriter {
  private producer: LogProducer | undefined;

  constructor(
    private readonly log: Log,
    private readonly topic: string,
  ) {}

  async append(event: RegistryEvent): Promise<void> {
    this.producer ??= await this.log.producer();
    const { key, value } = encodeEvent(event);
    this.producer.send([{ topic: this.topic, partition: 0, key: Buffer.from(JSON.stringify(key)), value: Buffer.from(JSON.stringify(value)) }]);
    await this.producer.flush();
  }

  async close(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.close();
  }
}

/** Confluent's record shapes: `{"keytype":"SCHEMA","subject","version","magic":1}` and `{"keytype":"CONFIG","subject","magic":0}`. */
function encodeEvent(event: RegistryEvent): { key: object; value: object } {
  if (event.kind === 'config') {
    return { key: { keytype: 'CONFIG', subject: event.subject, magic: 0 }, value: { compatibilityLevel: event.compatibility } };
  }
  return {
    key: { keytype: 'SCHEMA', subject: event.subject, version: event.version, magic: 1 },
    value: {
      subject: event.subject,
      version: event.version,
      id: event.id,
      ...(event.schemaType === 'AVRO' ? {} : { schemaType: event.schemaType }),
      schema: event.schema,
      ...(event.references === undefined ? {} : { references: event.references }),
      deleted: event.deleted,
    },
  };
}

function parseEvent(key: unknown, value: unknown): RegistryEvent | undefined {
  if (typeof key !== 'object' || key === null) return undefined;
  const { keytype, subject } = key as { keytype?: unknown; subject?: unknown };
  if (keytype === 'CONFIG') {
    const level = (value as { compatibilityLevel?: unknown } | null)?.compatibilityLevel;
    const compatibility = COMPATIBILITY_LEVELS.find((candidate) => candidate === level) ?? null;
    return { kind: 'config', subject: typeof subject === 'string' ? subject : null, compatibility: compatibility as Compatibility | null };
  }
  if (keytype !== 'SCHEMA' || typeof subject !== 'string' || typeof value !== 'object' || value === null) return undefined;
  const record = value as { version?: unknown; id?: unknown; schemaType?: unknown; schema?: unknown; references?: unknown; deleted?: unknown };
  if (typeof record.version !== 'number' || typeof record.id !== 'number' || typeof record.schema !== 'string') return undefined;
  const schemaType = (record.schemaType === 'PROTOBUF' || record.schemaType === 'JSON' ? record.schemaType : 'AVRO') as SchemaType;
  const references = Array.isArray(record.references) ? record.references.filter(isReference) : [];
  return {
    kind: 'schema',
    subject,
    version: record.version,
    id: record.id,
    schemaType,
    schema: record.schema,
    ...(references.length === 0 ? {} : { references }),
    deleted: record.deleted === true,
  };
}

function isReference(value: unknown): value is SchemaReference {
  const reference = value as { name?: unknown; subject?: unknown; version?: unknown } | null;
  return typeof reference?.name === 'string' && typeof reference.subject === 'string' && typeof reference.version === 'number';
}
