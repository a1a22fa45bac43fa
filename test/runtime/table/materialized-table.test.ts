// A source table's materialisation reports how a long catch-up with its topic is getting on, and
// asks offsets on a consumer that reads nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/index.js';
import { parseStatement, type Query } from '../../../src/parser/index.js';
import { layeredConfig, planQuery, type QueryPlan } from '../../../src/planner/index.js';
import { MaterializedTable, MemoryLog, type Log, type LogConsumer } from '../../../src/runtime/index.js';

const RECORDS = 12_000;

let log: MemoryLog;
let engine: Engine;
let stateDir: string;
let plan: QueryPlan;

beforeEach(async () => {
  log = new MemoryLog();
  stateDir = await mkdtemp(join(tmpdir(), 'squall-table-'));
  // The engine only keeps the catalog here: the table is materialised by hand.
  engine = new Engine(log, { serviceId: 'table_test', guarantee: 'exactly_once_v2', properties: {}, background: false, kafkaClusterId: 'memory' });
  await engine.start();
  await engine.execute({ sql: "CREATE TABLE T (K STRING PRIMARY KEY, V INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON', PARTITIONS=2);" });
  const producer = await log.producer();
  producer.send(Array.from({ length: RECORDS }, (_, index) => ({ topic: 't', key: Buffer.from(`k${index % 500}`), value: Buffer.from(`{"V": ${index}}`) })));
  await producer.flush();
  await producer.close();
  const { statement } = parseStatement('SELECT * FROM T;');
  plan = planQuery((statement as { query: Query }).query, { kind: 'Transient' }, 'transient_T_1', { metastore: engine.metastore, registry: engine.registry, config: layeredConfig() });
});

afterEach(async () => {
  await engine.close();
  await log.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe('MaterializedTable catch-up progress', () => {
  it('reports the records read out of those to read, then that it caught up', async () => {
    const lines: string[] = [];
    const table = await MaterializedTable.open({ log, plan, stateDir, onProgress: (line) => lines.push(line), progressIntervalMs: 0 });
    table.close();
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toMatch(new RegExp(`^squall: catching up with t for pull queries: \\d+/${RECORDS} records$`));
    expect(lines.at(-2)).toBe(`squall: catching up with t for pull queries: ${RECORDS}/${RECORDS} records`);
    expect(lines.at(-1)).toMatch(new RegExp(`^squall: caught up with t: ${RECORDS} records in \\d+\\.\\d s$`));
  });

  it('says nothing of a catch-up shorter than the interval', async () => {
    const lines: string[] = [];
    const table = await MaterializedTable.open({ log, plan, stateDir, onProgress: (line) => lines.push(line) });
    expect(table.size).toBe(500);
    table.close();
    expect(lines).toEqual([]);
  });
});

describe('MaterializedTable offsets', () => {
  it('asks end and beginning offsets on a consumer that is never assigned, so they never wait behind a fetch', async () => {
    const assigned = new Set<LogConsumer>();
    let offsetRequests = 0;
    let offsetRequestsOnAssigned = 0;
    const watched: Log = Object.assign(Object.create(log) as Log, {
      consumer: async (options: Parameters<Log['consumer']>[0]) => {
        const consumer = await log.consumer(options);
        const asked = <T>(answer: Promise<T>): Promise<T> => {
          offsetRequests++;
          if (assigned.has(consumer)) offsetRequestsOnAssigned++;
          return answer;
        };
        return Object.assign(Object.create(consumer) as LogConsumer, {
          assign: (partitions: Parameters<LogConsumer['assign']>[0]) => {
            assigned.add(consumer);
            return consumer.assign(partitions);
          },
          endOffsets: (partitions: Parameters<LogConsumer['endOffsets']>[0]) => asked(consumer.endOffsets(partitions)),
          beginningOffsets: (partitions: Parameters<LogConsumer['beginningOffsets']>[0]) => asked(consumer.beginningOffsets(partitions)),
        });
      },
    });
    const table = await MaterializedTable.open({ log: watched, plan, stateDir });
    await table.catchUp();
    expect(table.size).toBe(500);
    table.close();
    expect(assigned.size).toBe(1);
    expect(offsetRequests).toBeGreaterThan(2);
    expect(offsetRequestsOnAssigned).toBe(0);
  });
});
