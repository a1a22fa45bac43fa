// filter-project-avro: filter-project's query over bids in AVRO, written in AVRO, through the embedded Schema Registry.
import type { SchemaLookup } from '../../src/planner/index.js';
import { avroSchemaOf, createRowSerde, KafkaLog, type RowSerde } from '../../src/runtime/index.js';
import { EmbeddedSchemaRegistry } from '../../src/schema-registry/index.js';
import type { BenchRecord } from '../generators/bench-record.js';
import type { Shape, ShapeContext } from '../shape.js';
import { startSquallQuery } from '../squall-query.js';
import { bidsValueColumns, nexmarkBids } from './bids.js';
import { countKeptBids, dollarToEuro, minimumPriceCents } from './filter-project.js';

const valueColumns = bidsValueColumns;
const bidsSchema = JSON.stringify(avroSchemaOf(valueColumns, 'value', true));
/** The id the input is written with, registered under it before the query starts (ids from 1 are the registry's own). */
const bidsSchemaId = 1_000_001;
const fixedLookup: SchemaLookup = {
  schemaById: (id) => (id === bidsSchemaId ? { id, schemaType: 'AVRO', schema: bidsSchema } : undefined),
  idOfSchema: (type, schema) => (type === 'AVRO' && schema === bidsSchema ? bidsSchemaId : undefined),
};

function avroBids(): RowSerde {
  return createRowSerde('AVRO', 'value', valueColumns, { wrapSingleValue: true, schemaId: bidsSchemaId, schemas: fixedLookup });
}

/** Nexmark bids (as filter-project reads them) with their values in Confluent's Avro wire format. */
function nexmarkAvroBids(count: number, seed: number, startTimeMs: number): BenchRecord[] {
  const json = createRowSerde('JSON', 'value', valueColumns, { wrapSingleValue: true });
  const avro = avroBids();
  return nexmarkBids(count, seed, startTimeMs).map((record) => ({ ...record, encodedValue: avro.serialize(json.deserialize(Buffer.from(record.value)))! }));
}

function statements({ inputTopic, outputTopic }: ShapeContext): string {
  return `
    CREATE STREAM BIDS (AUCTION_ID STRING KEY, AUCTION BIGINT, BIDDER BIGINT, PRICE BIGINT, CHANNEL STRING, URL STRING, DATETIME BIGINT, EXTRA STRING)
      WITH (KAFKA_TOPIC='${inputTopic}', KEY_FORMAT='KAFKA', VALUE_FORMAT='AVRO');
    CREATE STREAM BIDS_IN_EUROS WITH (KAFKA_TOPIC='${outputTopic}', VALUE_FORMAT='AVRO') AS
      SELECT AUCTION_ID, AUCTION, BIDDER, PRICE * ${dollarToEuro} AS PRICE_EUR, DATETIME
      FROM BIDS WHERE PRICE >= ${minimumPriceCents};`;
}

/** Opens the embedded registry over the benchmark's broker, with the input's schema under its id, for the query's engine. */
async function startWithRegistry(context: ShapeContext) {
  const log = new KafkaLog({ bootstrapServers: context.bootstrapServers, mockCluster: true });
  const registry = await EmbeddedSchemaRegistry.open(log);
  try {
    await registry.register(`${context.inputTopic}-value`, { schemaType: 'AVRO', schema: bidsSchema }, { id: bidsSchemaId });
    const running = await startSquallQuery(context, statements(context), { schemaRegistry: registry });
    return {
      ...running,
      stop: async () => {
        await running.stop();
        await registry.close();
        await log.close();
      },
    };
  } catch (error) {
    await registry.close();
    await log.close();
    throw error;
  }
}

export const filterProjectAvro: Shape = {
  name: 'filter-project-avro',
  summary: 'filter-project with AVRO values in and out (Confluent wire format, embedded Schema Registry)',
  input: nexmarkAvroBids,
  expectedOutputs: (records) => ({ updates: countKeptBids(records), tombstones: 0 }),
  start: startWithRegistry,
};
