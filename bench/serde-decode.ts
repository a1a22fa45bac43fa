// Per-record decode and encode cost of each value format, on the Nexmark bids the filter-project shape reads, relative to JSON.
import { parseArgs } from 'node:util';
import { avroSchemaOf, createRowSerde, jsonSchemaOf, MemoryLog, protobufSchemaOf, type RowSerde } from '../src/runtime/index.js';
import { EmbeddedSchemaRegistry } from '../src/schema-registry/index.js';
import { bidsValueColumns, nexmarkBids } from './shapes/bids.js';

const { values: args } = parseArgs({ options: { records: { type: 'string', default: '200000' }, rounds: { type: 'string', default: '5' } } });
const recordCount = Number(args.records);
const rounds = Number(args.rounds);

const columns = bidsValueColumns;

const FORMATS = ['JSON', 'AVRO', 'PROTOBUF', 'PROTOBUF_NOSR', 'JSON_SR'] as const;

async function serdes(): Promise<Map<string, RowSerde>> {
  const registry = await EmbeddedSchemaRegistry.open(new MemoryLog());
  await registry.register('bids-avro-value', { schemaType: 'AVRO', schema: JSON.stringify(avroSchemaOf(columns, 'value', true)) });
  await registry.register('bids-protobuf-value', { schemaType: 'PROTOBUF', schema: protobufSchemaOf(columns, 'value', { wrapSingleValue: true }) });
  await registry.register('bids-json-value', { schemaType: 'JSON', schema: JSON.stringify(jsonSchemaOf(columns, 'value', true)) });
  return new Map(FORMATS.map((format) => [format, createRowSerde(format, 'value', columns, { wrapSingleValue: true, schemas: registry.lookup })]));
}

/** The median of `rounds` timed passes of `work` over every record, in nanoseconds per record. */
function nanosPerRecord(work: () => void): number {
  work();
  const timings: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    work();
    timings.push(Number(process.hrtime.bigint() - started) / recordCount);
  }
  return timings.sort((left, right) => left - right)[Math.floor(timings.length / 2)]!;
}

async function main(): Promise<void> {
  const json = createRowSerde('JSON', 'value', columns, { wrapSingleValue: true });
  const rows = nexmarkBids(recordCount, 1, 0).map((record) => json.deserialize(Buffer.from(record.value))!);
  const results: { format: string; bytes: number; decodeNs: number; encodeNs: number }[] = [];
  for (const [format, serde] of await serdes()) {
    const encoded = rows.map((row) => serde.serialize(row)!);
    const bytes = encoded.reduce((total, record) => total + record.byteLength, 0) / recordCount;
    const decodeNs = nanosPerRecord(() => {
      for (const record of encoded) serde.deserialize(record);
    });
    const encodeNs = nanosPerRecord(() => {
      for (const row of rows) serde.serialize(row);
    });
    results.push({ format, bytes, decodeNs, encodeNs });
  }
  const base = results[0]!;
  console.log(`${recordCount} Nexmark bids, median of ${rounds} passes, Node ${process.version}`);
  console.log('format          bytes/rec  decode ns/rec  vs JSON  encode ns/rec  vs JSON');
  for (const result of results) {
    console.log(
      `${result.format.padEnd(14)}  ${result.bytes.toFixed(1).padStart(9)}  ${result.decodeNs.toFixed(0).padStart(13)}  ${(result.decodeNs / base.decodeNs).toFixed(2).padStart(6)}×  ${result.encodeNs.toFixed(0).padStart(13)}  ${(result.encodeNs / base.encodeNs).toFixed(2).padStart(6)}×`,
    );
  }
}

await main();
