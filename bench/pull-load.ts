// `npm run bench:pull`: pull queries by key on a big source table (USERS) and on a GROUP BY table
// (COUNTS), served by `squall server` in its own process over an embedded Kafka in another.
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from '../src/runtime/index.js';
import { startBrokerProcess } from './broker.js';
import { waitForCounts } from './counts-watch.js';
import { bulkFeedLog, verifyRetained } from './input-feeder.js';
import { machineInfo } from './machine-info.js';
import { runPullLoad, type PullLoadResult } from './pull-autocannon.js';
import {
  countsSql,
  countsTopic,
  eventRecord,
  eventsTopic,
  expectedCount,
  produceGenerated,
  pullCountSql,
  pullUserSql,
  userRecord,
  usersTableSql,
  usersTopic,
  userValue,
} from './pull-inputs.js';
import { parsePullBenchOptions, PullBenchUsageError, type PullBenchOptions } from './pull-options.js';
import { executeStatements, pullRows } from './pull-rest.js';
import { startPullServer, type PullServerProcess } from './pull-server.js';

/** The embedded Kafka's default, as `squall kafka` runs it. */
const brokerCount = 3;
/** Keys checked one by one against the generated data before the load. */
const spotChecks = 20;
/** A short run before the measured ones, so that they start on a warmed-up JIT. */
const warmUpSeconds = 3;

interface TableResult {
  readonly table: string;
  readonly keys: number;
  /** Records the table was materialised from: its topic (USERS) or its sink topic (COUNTS). */
  readonly changelogRecords: number;
  /** How long the input took to reach the table: producing it (USERS), counting it (COUNTS). */
  readonly fillSeconds: number;
  /** The first pull query: materialising the table from its topic, then answering. */
  readonly restoreSeconds: number;
  readonly rssMb: number;
  readonly peakRssMb: number;
  readonly stateMb: number;
  readonly loads: readonly PullLoadResult[];
}

interface PullTableSpec {
  readonly table: string;
  readonly keys: number;
  readonly pullSql: (keyIndex: number) => string;
  /** Throws unless `row` is the table's row for key `keyIndex`. */
  readonly checkRow: (keyIndex: number, row: readonly unknown[]) => void;
}

async function measureUsers(server: PullServerProcess, feedLog: Log, stateDir: string, options: PullBenchOptions): Promise<TableResult> {
  await executeStatements(server.url, usersTableSql);
  progress(`producing ${options.keys} USERS records (LZ4)...`);
  const startMs = Date.now();
  await produceGenerated(feedLog, options.keys, (index) => userRecord(index, startMs));
  const fillSeconds = (Date.now() - startMs) / 1000;
  await verifyRetained(feedLog, usersTopic, options.keys);
  const spec: PullTableSpec = {
    table: 'USERS',
    keys: options.keys,
    pullSql: pullUserSql,
    checkRow: (index, row) => {
      const { NAME, SCORE } = userValue(index);
      if (row[1] !== NAME || row[2] !== SCORE) throw new Error(`USERS row ${index} is ${JSON.stringify(row)}, not ${NAME}, ${SCORE}`);
    },
  };
  return measureTable(server, stateDir, spec, options.keys, fillSeconds, options);
}

async function measureCounts(server: PullServerProcess, feedLog: Log, stateDir: string, options: PullBenchOptions): Promise<TableResult> {
  const keys = Math.min(options.eventKeys, options.events);
  await executeStatements(server.url, countsSql);
  progress(`producing ${options.events} EVENTS over ${keys} keys (LZ4)...`);
  const startMs = Date.now();
  await produceGenerated(feedLog, options.events, (index) => eventRecord(index, keys, startMs));
  await verifyRetained(feedLog, eventsTopic, options.events);
  progress('waiting for COUNTS to count every event...');
  const sinkRecords = await waitForCounts(feedLog, countsTopic, options.events);
  const fillSeconds = (Date.now() - startMs) / 1000;
  const spec: PullTableSpec = {
    table: 'COUNTS',
    keys,
    pullSql: pullCountSql,
    checkRow: (index, row) => {
      const expected = expectedCount(index, options.events, keys);
      if (row[1] !== expected) throw new Error(`COUNTS row ${index} is ${JSON.stringify(row)}, not a count of ${expected}`);
    },
  };
  return measureTable(server, stateDir, spec, sinkRecords, fillSeconds, options);
}

/** Times the first pull (the materialisation), checks a few rows, then loads the table at each concurrency. */
async function measureTable(
  server: PullServerProcess,
  stateDir: string,
  spec: PullTableSpec,
  changelogRecords: number,
  fillSeconds: number,
  options: PullBenchOptions,
): Promise<TableResult> {
  const randomKey = (): number => Math.floor(Math.random() * spec.keys);
  progress(`${spec.table}: first pull query (materialises ${changelogRecords} records)...`);
  const firstKey = randomKey();
  const startMs = Date.now();
  const firstRows = await pullRows(server.url, spec.pullSql(firstKey));
  const restoreSeconds = (Date.now() - startMs) / 1000;
  checkOneRow(spec, firstKey, firstRows);
  const memory = await server.memory();
  for (let check = 0; check < spotChecks; check++) {
    const key = randomKey();
    checkOneRow(spec, key, await pullRows(server.url, spec.pullSql(key)));
  }
  const nextQuery = (): string => spec.pullSql(randomKey());
  await runPullLoad(server, { connections: options.connections[0]!, seconds: warmUpSeconds, rate: options.rate, nextQuery });
  const loads: PullLoadResult[] = [];
  for (const connections of options.connections) {
    const offered = options.rate === undefined ? '' : ` at ${options.rate} requests/s`;
    progress(`${spec.table}: ${connections} connections${offered} for ${options.seconds} s...`);
    loads.push(await runPullLoad(server, { connections, seconds: options.seconds, rate: options.rate, nextQuery }));
  }
  return {
    table: spec.table,
    keys: spec.keys,
    changelogRecords,
    fillSeconds,
    restoreSeconds,
    rssMb: memory.rssMb,
    peakRssMb: memory.peakRssMb,
    stateMb: await fileMegabytes(join(stateDir, 'tables', `${spec.table}.sqlite`)),
    loads,
  };
}

function checkOneRow(spec: PullTableSpec, keyIndex: number, rows: readonly unknown[][]): void {
  if (rows.length !== 1) throw new Error(`${spec.table}: a pull of key ${keyIndex} returned ${rows.length} rows`);
  spec.checkRow(keyIndex, rows[0]!);
}

/** The SQLite file with its write-ahead log. */
async function fileMegabytes(path: string): Promise<number> {
  let bytes = 0;
  for (const file of [path, `${path}-wal`]) bytes += await stat(file).then((stats) => stats.size, () => 0);
  return bytes / (1024 * 1024);
}

function formatResults(results: readonly TableResult[]): string {
  const fixed = (value: number, digits: number): string => (Number.isFinite(value) ? value.toFixed(digits) : '-');
  const tableHeader = '| table | keys | changelog records | fill s | restore s | restore s per 1M | rss MB | peak rss MB | state MB |';
  const tableRows = results.map((result) =>
    [
      result.table,
      result.keys,
      result.changelogRecords,
      fixed(result.fillSeconds, 1),
      fixed(result.restoreSeconds, 2),
      fixed((result.restoreSeconds * 1e6) / result.changelogRecords, 2),
      fixed(result.rssMb, 0),
      fixed(result.peakRssMb, 0),
      fixed(result.stateMb, 0),
    ].join(' | '),
  );
  const loadHeader = '| table | connections | offered req/s | req/s | req per server CPU-s | server cores | client cores | p50 ms | p99 ms | max ms | errors | non-2xx | rowless |';
  const loadRows = results.flatMap((result) =>
    result.loads.map((load) =>
      [
        result.table,
        load.connections,
        load.rate ?? 'max',
        fixed(load.requestsPerSecond, 0),
        fixed(load.requestsPerServerCpuSecond, 0),
        fixed(load.serverCores, 2),
        fixed(load.clientCores, 2),
        fixed(load.p50Ms, 2),
        fixed(load.p99Ms, 2),
        fixed(load.maxMs, 1),
        load.errors,
        load.non2xx,
        load.rowless,
      ].join(' | '),
    ),
  );
  const lines = (header: string, rows: string[]): string[] => [header, header.replace(/[^|]/g, '-'), ...rows.map((row) => `| ${row} |`)];
  return [...lines(tableHeader, tableRows), '', ...lines(loadHeader, loadRows)].join('\n');
}

function progress(line: string): void {
  process.stderr.write(`bench:pull: ${line}\n`);
}

async function run(options: PullBenchOptions): Promise<TableResult[]> {
  const workDir = await mkdtemp(join(tmpdir(), 'squall_pull_bench_'));
  const stateDir = join(workDir, 'state');
  const queriesDir = join(workDir, 'queries');
  await mkdir(queriesDir);
  const broker = await startBrokerProcess(brokerCount);
  let server: PullServerProcess | undefined;
  let feedLog: Log | undefined;
  let cleaning: Promise<void> | undefined;
  // The server stops first: its shutdown talks to the broker.
  const cleanUp = (): Promise<void> =>
    (cleaning ??= (async () => {
      await feedLog?.close();
      await server?.stop();
      await broker.stop();
      await rm(workDir, { recursive: true, force: true });
    })());
  const onSignal = (): void => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await startPullServer({ bootstrapServers: broker.bootstrapServers, stateDir, queriesDir, cpuProfileDir: options.cpuProfileDir });
    feedLog = bulkFeedLog(broker.bootstrapServers);
    const results = [await measureUsers(server, feedLog, stateDir, options)];
    if (options.events > 0) results.push(await measureCounts(server, feedLog, stateDir, options));
    return results;
  } finally {
    await cleanUp();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function main(): Promise<number> {
  let options: PullBenchOptions;
  try {
    options = parsePullBenchOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof PullBenchUsageError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const results = await run(options);
  const machine = machineInfo();
  process.stdout.write(`${formatResults(results)}\n\n`);
  process.stdout.write(`${JSON.stringify({ ...machine, time: new Date().toISOString(), options, results })}\n`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:pull failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
