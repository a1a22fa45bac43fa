// The Schema Registry formats (AVRO, JSON_SR, PROTOBUF) through the engine: inference at CREATE, sinks' registrations, and bad records.
import { describe, expect, it } from 'vitest';
import { Engine, StatementError } from '../../src/engine/index.js';
import { MemoryLog, scanTopic, type Log } from '../../src/runtime/index.js';
import protobuf from 'protobufjs';
import { SchemaUnavailableError } from '../../src/planner/index.js';
import { EmbeddedSchemaRegistry, type SchemaRegistry } from '../../src/schema-registry/index.js';
import { parseAvroType } from '../../src/runtime/serde/avro.js';
import { wireHeader } from '../../src/runtime/serde/sr-wire.js';

async function startEngine(log: Log, registry: SchemaRegistry): Promise<Engine> {
  const engine = new Engine(log, {
    serviceId: 'test_',
    guarantee: 'exactly_once_v2',
    properties: {},
    background: false,
    kafkaClusterId: 'memory',
    schemaRegistry: registry,
  });
  await engine.start();
  return engine;
}

async function setUp(): Promise<{ log: MemoryLog; registry: EmbeddedSchemaRegistry; engine: Engine }> {
  const log = new MemoryLog({ autoCreateTopics: true });
  const registry = await EmbeddedSchemaRegistry.open(log);
  return { log, registry, engine: await startEngine(log, registry) };
}

async function fieldsOf(engine: Engine, source: string): Promise<unknown> {
  const [entity] = await engine.execute({ sql: `DESCRIBE ${source};` });
  return (entity as unknown as { sourceDescription: { fields: unknown } }).sourceDescription.fields;
}

async function produce(log: Log, topic: string, values: readonly Uint8Array[]): Promise<void> {
  const producer = await log.producer();
  producer.send(values.map((value) => ({ topic, key: null, value })));
  await producer.flush();
}

async function recordCount(log: Log, topic: string): Promise<number> {
  let count = 0;
  await scanTopic(log, topic, () => count++);
  return count;
}

const ORDER_AVRO = JSON.stringify({ type: 'record', name: 'Order', fields: [{ name: 'ID', type: 'long' }, { name: 'ITEM', type: ['null', 'string'] }] });
const ORDER_JSON = JSON.stringify({ type: 'object', properties: { ID: { type: 'integer' }, ITEM: { type: 'string' } } });
const ORDER_PROTO = 'syntax = "proto3";\n\nmessage Order {\n  int64 ID = 1;\n  string ITEM = 2;\n}\n';

function avroOrder(schemaId: number, id: bigint, item: string): Buffer {
  return Buffer.concat([wireHeader(schemaId), parseAvroType(JSON.parse(ORDER_AVRO)).toBuffer({ ID: id, ITEM: item })]);
}

function protobufOrder(schemaId: number, id: bigint, item: string): Buffer {
  const order = protobuf.parse(ORDER_PROTO, { keepCase: true }).root.lookupType('Order');
  return Buffer.concat([wireHeader(schemaId), Buffer.from([0]), order.encode({ ID: Number(id), ITEM: item }).finish()]);
}

function jsonOrder(schemaId: number, id: bigint, item: string): Buffer {
  return Buffer.concat([wireHeader(schemaId), Buffer.from(JSON.stringify({ ID: Number(id), ITEM: item }))]);
}

describe('Schema Registry formats in the engine', () => {
  it.each([
    ['AVRO', 'AVRO', ORDER_AVRO],
    ['JSON_SR', 'JSON', ORDER_JSON],
    ['PROTOBUF', 'PROTOBUF', ORDER_PROTO],
  ] as const)('%s: infers the value columns from the registered schema', async (format, schemaType, schema) => {
    const { registry, engine } = await setUp();
    await registry.register('orders-value', { schemaType, schema });
    await engine.execute({ sql: `CREATE STREAM ORDERS WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='${format}', PARTITIONS=1);` });
    expect(await fieldsOf(engine, 'ORDERS')).toMatchObject([
      { name: 'ID', schema: { type: 'BIGINT' } },
      { name: 'ITEM', schema: { type: 'STRING' } },
    ]);
    await engine.close();
  });

  it.each([['AVRO'], ['JSON_SR'], ['PROTOBUF']] as const)('%s: a sink registers its generated schema under <topic>-value', async (format) => {
    const { registry, engine } = await setUp();
    await engine.execute({
      sql: `CREATE STREAM ORDERS (ID BIGINT, ITEM STRING) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);
            CREATE STREAM COPY WITH (VALUE_FORMAT='${format}') AS SELECT * FROM ORDERS;`,
    });
    const latest = await registry.latest('COPY-value');
    expect(latest?.schema.schemaType).toBe({ AVRO: 'AVRO', JSON_SR: 'JSON', PROTOBUF: 'PROTOBUF' }[format]);
    expect(latest?.schema.schema).toContain('ITEM');
    await engine.close();
  });

  it('refuses a sink whose schema the subject compatibility forbids, naming subject, mode and field', async () => {
    const { registry, engine } = await setUp();
    await registry.register('COPY-value', { schemaType: 'AVRO', schema: JSON.stringify({ type: 'record', name: 'KsqlDataSourceSchema', namespace: 'io.confluent.ksql.avro_schemas', fields: [{ name: 'ITEM', type: 'int' }] }) });
    await engine.execute({ sql: "CREATE STREAM ORDERS (ID BIGINT, ITEM STRING) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=1);" });
    const refusal = engine.execute({ sql: "CREATE STREAM COPY WITH (VALUE_FORMAT='AVRO') AS SELECT * FROM ORDERS;" });
    await expect(refusal).rejects.toThrow(StatementError);
    await expect(refusal).rejects.toThrow(/COPY-value.*BACKWARD.*ITEM/s);
    await engine.close();
  });

  it.each([
    ['AVRO', 'AVRO', ORDER_AVRO, avroOrder, [Buffer.from('{"ID":1}'), Buffer.concat([wireHeader(99), Buffer.from([2])]), Buffer.concat([wireHeader(1), Buffer.from([0xff])])]],
    ['JSON_SR', 'JSON', ORDER_JSON, jsonOrder, [Buffer.from('{"ID":1}'), Buffer.concat([wireHeader(1), Buffer.from('{"ID":')])]],
    [
      'PROTOBUF',
      'PROTOBUF',
      ORDER_PROTO,
      protobufOrder,
      [Buffer.from('{"ID":1}'), Buffer.concat([wireHeader(99), Buffer.from([0])]), Buffer.concat([wireHeader(1), Buffer.from([2, 6])]), Buffer.concat([wireHeader(1), Buffer.from([0, 0x7f])])],
    ],
  ] as const)('%s: a record with a wrong magic byte, unknown id or bad payload goes to the processing log; the query keeps running', async (format, schemaType, schema, encode, badRecords) => {
    const { log, registry, engine } = await setUp();
    const schemaId = await registry.register('orders-value', { schemaType, schema });
    expect(schemaId).toBe(1);
    await engine.execute({
      sql: `CREATE STREAM ORDERS WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='${format}', PARTITIONS=1);
            CREATE STREAM COPY WITH (VALUE_FORMAT='JSON') AS SELECT * FROM ORDERS;`,
    });
    await produce(log, 'orders', [...badRecords, encode(schemaId, 7n, 'pen')]);
    await engine.drain();
    expect(engine.processingLogEntries.map((entry) => entry.kind)).toEqual(badRecords.map(() => 'DESERIALIZATION_ERROR'));
    expect(engine.processingLogEntries[0]?.message).toContain('magic byte');
    expect(await recordCount(log, 'COPY')).toBe(1);
    await engine.close();
  });

  it('reads a record again, rather than skipping it, while the registry has not answered for its schema', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const embedded = await EmbeddedSchemaRegistry.open(log);
    const schemaId = await embedded.register('orders-value', { schemaType: 'PROTOBUF', schema: ORDER_PROTO });
    let unanswered = 1;
    const registry: SchemaRegistry = {
      register: (subject, definition, options) => embedded.register(subject, definition, options),
      latest: (subject) => embedded.latest(subject),
      schemaById: (id) => embedded.schemaById(id),
      close: () => embedded.close(),
      lookup: {
        schemaById(id) {
          if (unanswered-- > 0) throw new SchemaUnavailableError(id, 'connect ECONNREFUSED');
          return embedded.lookup.schemaById(id);
        },
        idOfSchema: (type, schema) => embedded.lookup.idOfSchema(type, schema),
      },
    };
    const engine = await startEngine(log, registry);
    await engine.execute({
      sql: `CREATE STREAM ORDERS WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='PROTOBUF', PARTITIONS=1);
            CREATE STREAM COPY WITH (VALUE_FORMAT='JSON') AS SELECT * FROM ORDERS;`,
    });
    await produce(log, 'orders', [protobufOrder(schemaId, 1n, 'pen'), protobufOrder(schemaId, 2n, 'ink')]);
    await expect(engine.drain()).rejects.toThrow(SchemaUnavailableError);
    await engine.drain();
    expect(engine.processingLogEntries).toEqual([]);
    expect(await recordCount(log, 'COPY')).toBe(2);
    await engine.close();
  });
});
