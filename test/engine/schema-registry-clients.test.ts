// Squall and Confluent's own Schema Registry client over the embedded Kafka and the embedded registry's REST API:
// Avro records an independent producer writes in Confluent's wire format are read by a stream, and a sink's read back.
import { AvroDeserializer, AvroSerializer } from '@confluentinc/schemaregistry/dist/serde/avro.js';
import { SerdeType } from '@confluentinc/schemaregistry/dist/serde/serde.js';
import { SchemaRegistryClient } from '@confluentinc/schemaregistry/dist/schemaregistry-client.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/index.js';
import { KafkaLog, scanTopic, startEmbeddedKafka, type EmbeddedKafka, type LogRecord } from '../../src/runtime/index.js';
import { buildSchemaRegistryServer, EmbeddedSchemaRegistry } from '../../src/schema-registry/index.js';

let kafka: EmbeddedKafka;
let log: KafkaLog;
let registry: EmbeddedSchemaRegistry;
let server: FastifyInstance;
let client: SchemaRegistryClient;

beforeAll(async () => {
  kafka = await startEmbeddedKafka();
  log = new KafkaLog({ bootstrapServers: kafka.bootstrapServers, mockCluster: true });
  registry = await EmbeddedSchemaRegistry.open(log);
  server = buildSchemaRegistryServer(registry);
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  client = new SchemaRegistryClient({ baseURLs: [url] });
}, 60_000);

afterAll(async () => {
  client?.close();
  await server?.close();
  await registry?.close();
  await log?.close();
  await kafka?.stop();
});

async function records(topic: string, count: number, timeoutMs = 30_000): Promise<LogRecord[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found: LogRecord[] = [];
    await scanTopic(log, topic, (record) => found.push(record));
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const ORDER = JSON.stringify({
  type: 'record',
  name: 'Order',
  namespace: 'shop',
  fields: [
    { name: 'ID', type: 'long' },
    { name: 'ITEM', type: ['null', 'string'], default: null },
  ],
});

describe('Schema Registry formats with Confluent clients', () => {
  it('reads Avro an independent producer wrote, and writes Avro a Confluent deserializer reads', async () => {
    await client.register('itest_orders-value', { schemaType: 'AVRO', schema: ORDER });
    const serializer = new AvroSerializer(client, SerdeType.VALUE, { useLatestVersion: true });
    const values = [await serializer.serialize('itest_orders', { ID: 7, ITEM: 'pen' }), await serializer.serialize('itest_orders', { ID: 2 ** 40, ITEM: null })];
    const producer = await log.producer();
    producer.send(values.map((value) => ({ topic: 'itest_orders', key: null, value })));
    await producer.flush();
    await producer.close();

    const engine = new Engine(log, { serviceId: 'itest_sr_', guarantee: 'exactly_once_v2', properties: {}, background: true, kafkaClusterId: 'embedded', schemaRegistry: registry });
    await engine.start();
    try {
      await engine.execute({
        sql: `CREATE STREAM ORDERS WITH (KAFKA_TOPIC='itest_orders', VALUE_FORMAT='AVRO');
              CREATE STREAM ORDERS_JSON WITH (KAFKA_TOPIC='itest_orders_json', VALUE_FORMAT='JSON') AS SELECT * FROM ORDERS;
              CREATE STREAM ORDERS_AVRO WITH (KAFKA_TOPIC='itest_orders_avro', VALUE_FORMAT='AVRO') AS SELECT ID * 2 AS DOUBLED, ITEM FROM ORDERS;`,
      });
      const json = (await records('itest_orders_json', 2)).map((record) => Buffer.from(record.value!).toString()).sort();
      expect(json).toEqual(['{"ID":1099511627776,"ITEM":null}', '{"ID":7,"ITEM":"pen"}']);
      const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
      const avro = await Promise.all((await records('itest_orders_avro', 2)).map((record) => deserializer.deserialize('itest_orders_avro', Buffer.from(record.value!))));
      expect(avro.map((value) => ({ DOUBLED: Number(value.DOUBLED), ITEM: value.ITEM })).sort((left, right) => left.DOUBLED - right.DOUBLED)).toEqual([
        { DOUBLED: 14, ITEM: 'pen' },
        { DOUBLED: 2 ** 41, ITEM: null },
      ]);
      expect((await client.getLatestSchemaMetadata('itest_orders_avro-value')).schema).toContain('DOUBLED');
    } finally {
      await engine.close();
    }
  }, 90_000);
});
