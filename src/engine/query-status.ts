// A persistent query's runtime state as DESCRIBE … EXTENDED and EXPLAIN <query id> show it:
// its state, the tasks this server runs with their partitions and lag, the records it processed,
// its processing-log errors and the error that stopped it. ksqlDB writes the statistics as one
// line of `name: value` pairs (`consumer-total-messages: 10  ...`); Squall keeps that shape.
import { SquallError } from '../errors/index.js';
import type { DataSource } from '../planner/index.js';
import type { PartitionLag, QueryMetricsSnapshot } from '../runtime/index.js';
import type { RunningQuery } from './engine-state.js';

/** The runtime fields of a `queryDescription` (ksqlDB's names where it has them). */
export interface QueryRuntimeDescription {
  readonly state: string;
  readonly ksqlHostQueryStatus: Readonly<Record<string, string>>;
  readonly queryErrors: readonly { readonly errorMessage: string; readonly type: 'USER' | 'SYSTEM' }[];
  readonly tasksMetadata: readonly TaskDescription[];
  readonly statistics: string;
  readonly errorStats: string;
}

interface TaskDescription {
  readonly taskId: string;
  readonly topicPartitions: readonly { readonly topic: string; readonly partition: number; readonly consumerLag: number | null }[];
  readonly streamTimeMs: number;
}

export async function describeQueryRuntime(query: RunningQuery, instanceId: string): Promise<QueryRuntimeDescription> {
  const snapshot = await query.runtime.metricsSnapshot();
  const error = query.runtime.error;
  return {
    state: snapshot.state,
    ksqlHostQueryStatus: { [instanceId]: snapshot.state },
    queryErrors: error === undefined ? [] : [{ errorMessage: error.message, type: error instanceof SquallError ? 'USER' : 'SYSTEM' }],
    tasksMetadata: query.runtime.runningTasks.map((task) => ({
      taskId: task.id,
      topicPartitions: task.subTopology.sources.map(({ topic }) => ({ topic, partition: task.partition, consumerLag: lagOf(snapshot.lag, topic, task.partition) })),
      streamTimeMs: task.streamTimeMs,
    })),
    statistics: statisticsLine([
      ['records-in', snapshot.recordsIn],
      ['records-out', snapshot.recordsOut],
      ['consumer-lag', totalLag(snapshot.lag)],
      ['late-records-dropped', snapshot.lateRecordsDropped],
    ]),
    errorStats: errorLine(snapshot, error),
  };
}

/** The statistics and errors of a source: what the queries writing it wrote, and what those reading it read. */
export async function describeSourceRuntime(source: DataSource, queries: readonly RunningQuery[]): Promise<{ statistics: string; errorStats: string }> {
  const writers = await Promise.all(queries.filter((query) => query.sinkName === source.name).map((query) => query.runtime.metricsSnapshot()));
  const readers = await Promise.all(queries.filter((query) => query.sourceNames.includes(source.name)).map((query) => query.runtime.metricsSnapshot()));
  const sum = (snapshots: readonly QueryMetricsSnapshot[], count: (snapshot: QueryMetricsSnapshot) => number | null) =>
    snapshots.reduce<number | null>((total, snapshot) => {
      const value = count(snapshot);
      return value === null ? total : (total ?? 0) + value;
    }, null);
  const statistics = statisticsLine([
    ['total-messages', sum(writers, (snapshot) => snapshot.recordsOut)],
    ['late-records-dropped', sum(writers, (snapshot) => (snapshot.lateRecordsDropped > 0 ? snapshot.lateRecordsDropped : null))],
    ['consumer-total-messages', sum(readers, (snapshot) => snapshot.recordsIn)],
    ['consumer-lag', sum(readers, (snapshot) => totalLag(snapshot.lag.filter((partition) => partition.topic === source.topic)))],
  ]);
  const failed = sum(readers, failedRecords);
  return { statistics, errorStats: failed === null ? '' : statisticsLine([['consumer-failed-messages', failed]]) };
}

function lagOf(lag: readonly PartitionLag[], topic: string, partition: number): number | null {
  return lag.find((entry) => entry.topic === topic && entry.partition === partition)?.lag ?? null;
}

/** Null when no partition's lag is known (the query is not running, or Kafka did not answer). */
function totalLag(lag: readonly PartitionLag[]): number | null {
  return lag.length === 0 ? null : lag.reduce((total, entry) => total + entry.lag, 0);
}

function failedRecords(snapshot: QueryMetricsSnapshot): number {
  return Object.values(snapshot.processingErrors).reduce((total, count) => total + count, 0);
}

/** Processing-log errors by kind, and the error that stopped the query. */
function errorLine(snapshot: QueryMetricsSnapshot, error: Error | undefined): string {
  const byKind = Object.entries(snapshot.processingErrors).filter(([, count]) => count > 0);
  const pairs: [string, number | string | null][] = [['failed-messages', failedRecords(snapshot)], ...byKind.map(([kind, count]): [string, number] => [kind, count])];
  if (error !== undefined) pairs.push(['last-error', error.message]);
  return statisticsLine(pairs);
}

/** `name: value` pairs on one line; pairs without a value are left out. */
function statisticsLine(pairs: readonly (readonly [string, number | string | null])[]): string {
  return pairs
    .filter(([, value]) => value !== null)
    .map(([name, value]) => `${name}: ${value}`)
    .join('  ');
}
