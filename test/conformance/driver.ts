// The conformance driver: one Squall engine per case variant, over the in-memory Log or the
// embedded Kafka, translating QTT records to and from the bytes of each topic's formats.
import { parse as parseLossless, stringify as stringifyLossless, isLosslessNumber } from 'lossless-json';
import { EmbeddedSchemaRegistry } from '../../src/schema-registry/index.js';
import { fileURLToPath } from 'node:url';
import { Engine, StatementError, loadFunctionDirectory } from '../../src/engine/index.js';
import { formatSchema, type DataSource, type FormatInfo, type SchemaReference, type SchemaType, type SqlType } from '../../src/planner/index.js';
import { WIRE_HEADER_BYTES, wireHeader } from '../../src/runtime/serde/sr-wire.js';
import {
  KafkaLog,
  MemoryLog,
  createRowSerde,
  createWindowedKeySerde,
  scanTopic,
  startEmbeddedKafka,
  type Log,
  type LogProducer,
  type LogRecord,
  type RowSerde,
} from '../../src/runtime/index.js';
import type {
  ActualRecord,
  ConformanceDriver,
  DriverFactory,
  QttHeader,
  QttRecordSpec,
  QttWindow,
  SourceInfo,
  TopicDeclaration,
} from './driver-api.js';
import { encodeAvroSpec, runtimeValueToSpec } from './avro-spec.js';

/** The test-only functions ksqlDB's own suite defines (BAD_UDF...), as user-defined functions; loaded once. */
const testFunctionsDir = fileURLToPath(new URL('./udfs/', import.meta.url));
let testFunctions: ReturnType<typeof loadFunctionDirectory> | undefined;

export const createDriver: DriverFactory = async (options) => {
  let stopEmbedded: (() => Promise<void>) | undefined;
  let log: Log;
  if (options.backend === 'embedded') {
    const embedded = await startEmbeddedKafka();
    stopEmbedded = () => embedded.stop();
    log = new KafkaLog({ bootstrapServers: embedded.bootstrapServers, mockCluster: true });
  } else {
    // Several partitions per topic, as the embedded Kafka auto-creates them: every query runs one task per
    // partition; outputs are read back merged by timestamp, as the upstream driver's single log orders them.
    log = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 4 });
  }
  for (const topic of options.topics) {
    await log.createTopic(topic.name, { partitions: topic.partitions ?? 4 });
  }
  const schemaRegistry = await EmbeddedSchemaRegistry.open(log);
  await registerDeclaredSchemas(schemaRegistry, options.topics);
  const engine = new Engine(log, {
    schemaRegistry,
    serviceId: 'some.ksql.service.id',
    guarantee: 'exactly_once_v2',
    properties: { 'auto.offset.reset': 'earliest', ...options.properties },
    background: false,
    kafkaClusterId: options.backend,
    functions: await (testFunctions ??= loadFunctionDirectory(testFunctionsDir, { required: true })),
  });
  await engine.start();
  const producer = await log.producer();
  // The in-memory Log is synchronous; a real Kafka delivers asynchronously, so draining waits for quiet.
  const drainOptions = options.backend === 'memory' ? { pollTimeoutMs: 0, quietMs: 0 } : { pollTimeoutMs: 100, quietMs: 1000 };
  return new SquallDriver(engine, log, schemaRegistry, producer, drainOptions, async () => {
    await producer.close();
    await engine.close();
    await schemaRegistry.close();
    await log.close();
    await stopEmbedded?.();
  });
};

class SquallDriver implements ConformanceDriver {
  constructor(
    private readonly engine: Engine,
    private readonly log: Log,
    private readonly schemaRegistry: EmbeddedSchemaRegistry,
    private readonly producer: LogProducer,
    private readonly drainOptions: { pollTimeoutMs: number; quietMs: number },
    private readonly shutdown: () => Promise<void>,
  ) {}

  private executed = 0;
  /** Each source's codec, built once instead of per record; a re-created source is a new object and gets its own. */
  private readonly codecs = new WeakMap<DataSource, TopicCodec>();

  async execute(statement: string): Promise<void> {
    // ksqlDB runs a case's statements as one script, one per line: line numbers in its messages count from the first.
    const sql = `${'\n'.repeat(this.executed++)}${statement}`;
    try {
      await this.engine.execute({ sql });
    } catch (error) {
      throw error instanceof StatementError ? error.cause : error;
    }
  }

  async produce(record: QttRecordSpec): Promise<void> {
    const codec = this.codecOfTopic(record.topic);
    const key = codec === undefined ? rawBytes(record.key) : codec.encodeKey(record.key, record.window);
    const value = codec === undefined ? rawBytes(record.value) : codec.encodeValue(record.value);
    this.producer.send([
      {
        topic: record.topic,
        key,
        value,
        timestamp: record.timestamp ?? 0,
        headers: (record.headers ?? []).map((header) => ({
          key: header.KEY,
          value: header.VALUE === null ? null : Buffer.from(header.VALUE, 'base64'),
        })),
      },
    ]);
    await this.producer.flush();
  }

  async drain(): Promise<void> {
    await this.engine.drain(this.drainOptions);
  }

  async readTopic(topic: string): Promise<ActualRecord[]> {
    const codec = this.codecOfTopic(topic);
    const byPartition = new Map<number, LogRecord[]>();
    await scanTopic(this.log, topic, (record) => {
      const partition = byPartition.get(record.partition) ?? [];
      partition.push(record);
      byPartition.set(record.partition, partition);
    });
    return mergeByTimestamp([...byPartition.entries()].sort(([left], [right]) => left - right).map(([, records]) => records)).map((record) => {
      const decodedKey = codec === undefined ? { key: rawText(record.key), window: undefined } : codec.decodeKey(record.key);
      const actual: ActualRecord = {
        topic,
        key: decodedKey.key,
        value: codec === undefined ? rawText(record.value) : codec.decodeValue(record.value),
        timestamp: record.timestamp,
        headers: record.headers.map(
          (header): QttHeader => ({ KEY: header.key, VALUE: header.value === null ? null : Buffer.from(header.value).toString('base64') }),
        ),
        ...(decodedKey.window === undefined ? {} : { window: decodedKey.window }),
      };
      return actual;
    });
  }

  source(name: string): SourceInfo | undefined {
    const source = this.engine.metastore.getSource(name);
    if (source === undefined) return undefined;
    const keys = source.columns.filter((column) => column.namespace === 'KEY');
    const values = source.columns.filter((column) => column.namespace === 'VALUE');
    return {
      name: source.name,
      type: source.sourceType === 'STREAM' ? 'stream' : 'table',
      schema: formatSchema(source.columns),
      keyFormat: {
        format: source.keyFormat.format,
        ...(source.window === undefined ? {} : { windowType: source.window.type }),
        ...(source.window?.sizeMs === undefined ? {} : { windowSize: source.window.sizeMs }),
      },
      valueFormat: source.valueFormat.format,
      keyFeatures: keys.length === 1 && supportsWrapping(source.keyFormat) ? ['UNWRAP_SINGLES'] : [],
      valueFeatures: values.length === 1 && supportsWrapping(source.valueFormat) && source.valueFormat.wrapSingleValue === false ? ['UNWRAP_SINGLES'] : [],
      isSource: source.isSource,
    };
  }

  async topicNames(): Promise<string[]> {
    return (await this.log.listTopics()).map((topic) => topic.name);
  }

  close(): Promise<void> {
    return this.shutdown();
  }

  /** The codec of the source declared over a topic: the one created first, as sinks come after their sources. */
  private codecOfTopic(topic: string): TopicCodec | undefined {
    const source = this.engine.metastore.listSources().find((candidate) => candidate.topic === topic);
    if (source === undefined) return undefined;
    const cached = this.codecs.get(source);
    if (cached !== undefined) return cached;
    const codec = topicCodec(source, this.schemaRegistry);
    this.codecs.set(source, codec);
    return codec;
  }
}

/**
 * Registers each declared topic's Avro, JSON and Protobuf schemas under `<topic>-key` / `<topic>-value`,
 * with the ids the case gives, as upstream's driver does; a schema's references first, each under its name.
 */
async function registerDeclaredSchemas(registry: EmbeddedSchemaRegistry, topics: readonly TopicDeclaration[]): Promise<void> {
  for (const topic of topics) {
    const sides = [
      { side: 'key', schema: topic.keySchema, format: topic.keyFormat, id: topic.keySchemaId, references: topic.keySchemaReferences ?? [] },
      { side: 'value', schema: topic.valueSchema, format: topic.valueFormat, id: topic.valueSchemaId, references: topic.valueSchemaReferences ?? [] },
    ];
    for (const { side, schema, format, id, references } of sides) {
      const schemaType = schemaTypeOf(format);
      if (schema === undefined || schemaType === undefined) continue;
      const registered: SchemaReference[] = [];
      for (const reference of references) {
        const referenceType = schemaTypeOf(reference.format ?? format) ?? schemaType;
        await registry.register(reference.name, { schemaType: referenceType, schema: schemaText(reference.schema, referenceType) });
        registered.push({ name: reference.name, subject: reference.name, version: registry.latestVersion(reference.name)!.version });
      }
      const definition = { schemaType, schema: schemaText(schema, schemaType), ...(registered.length === 0 ? {} : { references: registered }) };
      await registry.register(`${topic.name}-${side}`, definition, id === undefined ? {} : { id });
    }
  }
}

/** A .proto is text; Avro and JSON schemas are JSON documents. */
function schemaText(schema: unknown, schemaType: SchemaType): string {
  return schemaType === 'PROTOBUF' && typeof schema === 'string' ? schema : (stringifyLossless(schema) ?? 'null');
}

/** The registry's schema type for a QTT topic's schema format (AVRO when the case names none). */
function schemaTypeOf(format: string | undefined): SchemaType | undefined {
  switch (format?.toUpperCase()) {
    case undefined:
    case 'AVRO':
      return 'AVRO';
    case 'JSON':
    case 'JSON_SR':
      return 'JSON';
    case 'PROTOBUF':
      return 'PROTOBUF';
    default:
      return undefined;
  }
}

/**
 * The upstream runner reads each topic as one ordered log. A Kafka topic with several partitions
 * (the embedded Kafka creates four) only orders each partition, so the global order is rebuilt
 * by merging partitions on timestamp, keeping each partition's own order.
 */
function mergeByTimestamp(partitions: readonly (readonly LogRecord[])[]): LogRecord[] {
  const positions = partitions.map(() => 0);
  const merged: LogRecord[] = [];
  for (;;) {
    let chosen = -1;
    partitions.forEach((records, index) => {
      const head = records[positions[index]!];
      if (head === undefined) return;
      if (chosen === -1 || head.timestamp < partitions[chosen]![positions[chosen]!]!.timestamp) chosen = index;
    });
    if (chosen === -1) return merged;
    merged.push(partitions[chosen]![positions[chosen]!++]!);
  }
}

function supportsWrapping(format: FormatInfo): boolean {
  return format.format === 'JSON' || format.format === 'AVRO' || format.format === 'PROTOBUF' || format.format === 'JSON_SR';
}

interface TopicCodec {
  encodeKey(key: unknown, window: QttWindow | undefined): Uint8Array | null;
  encodeValue(value: unknown): Uint8Array | null;
  decodeKey(bytes: Uint8Array | null): { key: unknown; window: QttWindow | undefined };
  decodeValue(bytes: Uint8Array | null): unknown;
}

/** How a QTT file writes a topic's keys and values: JSON as JSON text, DELIMITED as the line, KAFKA as a bare value. */
function topicCodec(source: DataSource, registry: EmbeddedSchemaRegistry): TopicCodec {
  const keyColumns = source.columns.filter((column) => column.namespace === 'KEY');
  const valueColumns = source.columns.filter((column) => column.namespace === 'VALUE');
  const keySerde = createRowSerde(source.keyFormat.format, 'key', keyColumns, source.keyFormat);
  const valueSerde = createRowSerde(source.valueFormat.format, 'value', valueColumns, source.valueFormat);
  const windowed = source.window === undefined ? undefined : createWindowedKeySerde(keySerde, source.window.type, source.window.sizeMs);
  const keyType = keyColumns.length === 1 ? keyColumns[0]!.type : undefined;
  const valueType = valueColumns.length === 1 ? valueColumns[0]!.type : undefined;
  const keyShape: SpecShape = {
    columns: keyColumns.map((column) => column.name),
    // A Protobuf key is a message, written as an object even for one column.
    unwrapped: keyColumns.length === 1 && source.keyFormat.format !== 'PROTOBUF' && source.keyFormat.format !== 'PROTOBUF_NOSR',
    subject: `${source.topic}-key`,
    registry,
    json: createRowSerde('JSON', 'value', keyColumns, { wrapSingleValue: true }),
  };
  const valueShape: SpecShape = {
    columns: valueColumns.map((column) => column.name),
    unwrapped: valueColumns.length === 1 && source.valueFormat.wrapSingleValue === false,
    subject: `${source.topic}-value`,
    registry,
    json: createRowSerde('JSON', 'value', valueColumns, { wrapSingleValue: true }),
  };
  const encodeKeyBytes = (key: unknown) => encodeSpec(key, source.keyFormat, keySerde, keyType, keyShape);
  return {
    encodeKey(key, window) {
      if (windowed === undefined || window === undefined) return encodeKeyBytes(key);
      const values = key === undefined || key === null ? null : keySerde.deserialize(encodeKeyBytes(key));
      return windowed.serialize(values, { start: window.start, end: window.end });
    },
    encodeValue: (value) => encodeSpec(value, source.valueFormat, valueSerde, valueType, valueShape),
    decodeKey(bytes) {
      if (windowed === undefined) return { key: decodeSpec(bytes, source.keyFormat, keySerde, keyShape), window: undefined };
      const { values, window } = windowed.deserialize(bytes);
      const inner = values === null ? null : keySerde.serialize(values);
      return {
        key: decodeSpec(inner, source.keyFormat, keySerde, keyShape),
        window: { start: window.start, end: window.end, type: source.window?.type === 'SESSION' ? 'session' : 'time' },
      };
    },
    decodeValue: (bytes) => decodeSpec(bytes, source.valueFormat, valueSerde, valueShape),
  };
}

/** One side of a topic as a spec shows it: its column names, whether a single column is bare, and its registry subject. */
interface SpecShape {
  readonly columns: readonly string[];
  readonly unwrapped: boolean;
  readonly subject: string;
  readonly registry: EmbeddedSchemaRegistry;
  /** Reads a spec object into the side's row, for the formats whose serde writes rows (PROTOBUF). */
  readonly json: RowSerde;
}

/** A spec as the row of its side: an object by column name, or the bare value of an unwrapped single column. */
function specToRow(spec: unknown, shape: SpecShape): unknown[] | null {
  const object = shape.unwrapped ? { [shape.columns[0]!]: spec } : spec;
  return shape.json.deserialize(Buffer.from(stringifyLossless(object) ?? 'null'));
}

function encodeSpec(spec: unknown, format: FormatInfo, serde: RowSerde, singleType: SqlType | undefined, shape: SpecShape): Uint8Array | null {
  if (spec === undefined || spec === null) return null;
  switch (format.format) {
    case 'AVRO': {
      const registered = format.schemaId === undefined ? shape.registry.latestVersion(shape.subject)?.schema : shape.registry.lookup.schemaById(format.schemaId);
      if (registered === undefined) throw new Error(`No Avro schema registered for ${shape.subject}`);
      return encodeAvroSpec(spec, registered.id, registered.schema);
    }
    case 'JSON':
      return Buffer.from(stringifyLossless(spec) ?? 'null');
    case 'JSON_SR': {
      const schemaId = format.schemaId ?? shape.registry.latestVersion(shape.subject)?.schema.id;
      if (schemaId === undefined) throw new Error(`No JSON Schema registered for ${shape.subject}`);
      return Buffer.concat([wireHeader(schemaId), Buffer.from(stringifyLossless(spec) ?? 'null')]);
    }
    case 'PROTOBUF':
    case 'PROTOBUF_NOSR':
      return serde.serialize(specToRow(spec, shape));
    case 'DELIMITED':
      return Buffer.from(typeof spec === 'string' ? spec : (stringifyLossless(spec) ?? ''));
    case 'KAFKA':
      return serde.serialize([kafkaValue(spec, singleType)]);
    case 'NONE':
      return null;
    default:
      return Buffer.from(stringifyLossless(spec) ?? 'null');
  }
}

/** A QTT bare value as the runtime representation of a KAFKA-format column. */
function kafkaValue(spec: unknown, type: SqlType | undefined): unknown {
  const text = isLosslessNumber(spec) ? spec.value : String(spec);
  switch (type?.kind) {
    case 'INTEGER':
      return Number(text);
    case 'BIGINT':
      return BigInt(text);
    case 'DOUBLE':
      return Number(text);
    case 'BYTES':
      return Buffer.from(text, 'base64');
    default:
      return text;
  }
}

function decodeSpec(bytes: Uint8Array | null, format: FormatInfo, serde: RowSerde, shape: SpecShape): unknown {
  if (bytes === null) return null;
  switch (format.format) {
    case 'AVRO':
    case 'PROTOBUF':
    case 'PROTOBUF_NOSR': {
      const values = serde.deserialize(bytes);
      if (values === null) return null;
      if (shape.unwrapped) return runtimeValueToSpec(values[0]);
      return Object.fromEntries(shape.columns.map((name, index) => [name, runtimeValueToSpec(values[index])]));
    }
    case 'JSON':
      return parseLossless(Buffer.from(bytes).toString('utf8'));
    case 'JSON_SR':
      return parseLossless(Buffer.from(bytes).subarray(WIRE_HEADER_BYTES).toString('utf8'));
    case 'DELIMITED':
      return Buffer.from(bytes).toString('utf8');
    case 'KAFKA': {
      const value = serde.deserialize(bytes)?.[0] ?? null;
      return value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value;
    }
    case 'NONE':
      return null;
    default:
      return rawText(bytes);
  }
}

function rawBytes(spec: unknown): Uint8Array | null {
  if (spec === undefined || spec === null) return null;
  return Buffer.from(typeof spec === 'string' ? spec : (stringifyLossless(spec) ?? 'null'));
}

function rawText(bytes: Uint8Array | null): unknown {
  if (bytes === null) return null;
  const text = Buffer.from(bytes).toString('utf8');
  try {
    return parseLossless(text);
  } catch {
    return text;
  }
}
