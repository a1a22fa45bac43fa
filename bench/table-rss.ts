// `npm run bench:table-rss`: the resident memory of a GROUP BY table with many distinct keys.
//
// A table of 10M keys does not fit the embedded Kafka (it keeps ~1.1M records per topic), so this
// runs the query's real topology (source, GROUP BY, aggregate, the store stack
// metered(caching(changelogging(SQLite))), sink) in this process over generated records, one
// commit per `--commit-records` as the task loop commits: caches flushed, SQLite committed. What
// the tasks write (repartition records are fed to the task reading them; sink and changelog
// records are dropped) never reaches a Log, so the process holds only the engine and its stores.
import { mkdtempSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/index.js';
import { parseStatement, type Statement } from '../src/parser/index.js';
import { layeredConfig, planQuery } from '../src/planner/index.js';
import { buildPersistentTopology, MemoryLog, type LogRecord, type ProduceRecord } from '../src/runtime/index.js';
import { TaskManager } from '../src/runtime/task/task-manager.js';
import { processMemory } from './process-stats.js';

interface TableRssOptions {
  readonly keys: number;
  readonly partitions: number;
  readonly commitRecords: number;
  readonly samples: number;
}

function parseOptions(argv: readonly string[]): TableRssOptions {
  // A commit per 70,000 records: what the default 2 s commit interval holds at ~35k events/s.
  const options = { keys: 10_000_000, partitions: 4, commitRecords: 70_000, samples: 20 };
  const flags: Record<string, keyof TableRssOptions> = { '--keys': 'keys', '--partitions': 'partitions', '--commit-records': 'commitRecords', '--samples': 'samples' };
  for (let index = 0; index < argv.length; index += 2) {
    const name = flags[argv[index]!];
    const value = Number(argv[index + 1]);
    if (name === undefined || !Number.isInteger(value) || value < 1) {
      throw new Error(`Usage: npm run bench:table-rss -- [--keys N] [--partitions N] [--commit-records N] [--samples N] (got '${argv[index]} ${argv[index + 1]}')`);
    }
    options[name] = value;
  }
  return options;
}

const options = parseOptions(process.argv.slice(2));
const stateDir = mkdtempSync(join(tmpdir(), 'squall-table-rss-'));
const log = new MemoryLog({ autoCreateTopics: true });
const engine = new Engine(log, { serviceId: 'rss', guarantee: 'exactly_once_v2', properties: {}, background: false, kafkaClusterId: 'memory' });

try {
  await engine.start();
  await engine.execute({
    sql: `CREATE STREAM EVENTS (ID STRING KEY, K STRING, V INT) WITH (KAFKA_TOPIC='events', VALUE_FORMAT='JSON', PARTITIONS=${options.partitions});`,
  });
  const { statement } = parseStatement('CREATE TABLE COUNTS AS SELECT K, COUNT(*) AS EVENTS FROM EVENTS GROUP BY K;');
  const plan = planQuery(queryOf(statement), { kind: 'CreateAsSelect', name: 'COUNTS', sourceType: 'TABLE', properties: undefined, statementText: '' }, 'CTAS_COUNTS_1', {
    metastore: engine.metastore,
    registry: engine.registry,
    config: layeredConfig(),
  });
  const topology = buildPersistentTopology(plan, 'rss');
  const output: ProduceRecord[] = [];
  const tasks = new TaskManager({
    topology,
    services: { queryId: plan.queryId, processingLog: { write: () => undefined }, output },
    log,
    stateDir,
  });
  const inputTopics = topology.subTopologies.flatMap((sub) => sub.sources.map((source) => source.topic));
  await tasks.assign(inputTopics.flatMap((topic) => Array.from({ length: options.partitions }, (_, partition) => ({ topic, partition }))));
  const fed = new Set(inputTopics);
  const offsets = new Map<string, number>();
  const deliver = (record: Omit<LogRecord, 'offset' | 'headers'>): void => {
    const position = `${record.topic}:${record.partition}`;
    const offset = offsets.get(position) ?? 0;
    offsets.set(position, offset + 1);
    const task = tasks.taskFor(record.topic, record.partition)!;
    task.add({ ...record, offset, headers: [] });
    task.process();
  };
  /** Feeds what the tasks wrote to the tasks reading it (repartition topics); drops the rest. */
  const route = (): void => {
    while (output.length > 0) {
      const written = output.splice(0, output.length);
      for (const record of written) {
        if (!fed.has(record.topic)) continue;
        deliver({ topic: record.topic, partition: record.partition ?? 0, key: record.key ?? null, value: record.value ?? null, timestamp: record.timestamp ?? 0 });
      }
    }
  };
  const commit = (): void => {
    for (const task of tasks.all()) task.flushStores();
    route();
    for (const task of tasks.all()) task.committed([]);
  };
  // What the process holds before the first key: Node, tsx, the engine and its empty stores.
  const baseline = await processMemory(process.pid);
  const baselineHeap = heapMemory();
  console.log(`bench:table-rss: before the first key: ${Math.round(baseline.rssMb)} MB resident, heap ${baselineHeap.heapMb} MB used of ${baselineHeap.heapTotalMb} MB`);
  const startedMs = performance.now();
  const sampleEvery = Math.max(1, Math.floor(options.keys / options.samples));
  const samples: { keys: number; rssMb: number; heapMb: number; heapTotalMb: number; stateMb: number; seconds: number }[] = [];
  for (let key = 0; key < options.keys; key++) {
    const value = Buffer.from(`{"K":"key-${key}","V":${key % 1000}}`);
    deliver({ topic: 'events', partition: key % options.partitions, key: Buffer.from(`event-${key}`), value, timestamp: 1_700_000_000_000 + key });
    route();
    if ((key + 1) % options.commitRecords === 0) commit();
    if ((key + 1) % sampleEvery === 0) {
      const memory = await processMemory(process.pid);
      const sample = {
        keys: key + 1,
        rssMb: Math.round(memory.rssMb),
        ...heapMemory(),
        stateMb: Math.round(directoryBytes(stateDir) / 1048576),
        seconds: Math.round((performance.now() - startedMs) / 100) / 10,
      };
      samples.push(sample);
      console.log(`bench:table-rss: ${JSON.stringify(sample)}`);
    }
  }
  commit();
  const memory = await processMemory(process.pid);
  const rows = tasks.all().reduce((total, task) => total + [...(task.state?.stores.values() ?? [])].reduce((sum, store) => sum + store.approximateCount(), 0), 0);
  tasks.closeAll();
  console.log(JSON.stringify({ options, rows, baselineRssMb: Math.round(baseline.rssMb), baselineHeap, peakRssMb: Math.round(memory.peakRssMb), rssMb: Math.round(memory.rssMb), samples }));
} finally {
  await engine.close();
  rmSync(stateDir, { recursive: true, force: true });
}

function queryOf(statement: Statement) {
  if (statement.kind !== 'CreateAsSelect') throw new Error(`expected CREATE TABLE AS SELECT, got ${statement.kind}`);
  return statement.query;
}

/** Live and garbage objects (used) and what V8 holds for them (total), which is what stays resident. */
function heapMemory(): { heapMb: number; heapTotalMb: number } {
  const { heapUsed, heapTotal } = process.memoryUsage();
  return { heapMb: Math.round(heapUsed / 1048576), heapTotalMb: Math.round(heapTotal / 1048576) };
}

function directoryBytes(directory: string): number {
  let total = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size;
  }
  return total;
}
