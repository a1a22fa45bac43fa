// Transient queries: push queries (EMIT CHANGES) stream rows as records arrive; pull queries scan
// the source topic once and end — for a table, the latest row of each key.
import { randomUUID } from 'node:crypto';
import type { QueryPlan } from '../planner/index.js';
import { TransientQuery, coPartitionedPlan, runQueryOnce, type Log, type ProcessingLog, type RecordFeed } from '../runtime/index.js';
import type { QueryColumn, QueryStream } from './api.js';
import { RowQueue } from './row-queue.js';

function queryColumns(plan: QueryPlan, markKeys: boolean): QueryColumn[] {
  return [...plan.sink.keyColumns, ...plan.sink.valueColumns].map((column) => ({
    name: column.name,
    type: column.type,
    isKey: markKeys && column.namespace === 'KEY',
  }));
}

export interface PushQueryOptions {
  readonly log: Log;
  readonly plan: QueryPlan;
  readonly offsetReset: 'earliest' | 'latest';
  readonly processingLog: ProcessingLog;
  readonly background: boolean;
  readonly onClose: (queryId: string) => void;
}

export interface RunningPushQuery {
  readonly stream: QueryStream;
  readonly runtime: TransientQuery;
}

export async function startPushQuery(options: PushQueryOptions): Promise<RunningPushQuery> {
  // A joined side read as it is moves into the other's partitions, as in a persistent query.
  const plan = await coPartitionedPlan(options.plan, options.log);
  const queue = new RowQueue();
  const limit = plan.limit;
  let delivered = 0;
  let finalMessage: string | undefined;
  let closed = false;
  let runtime: TransientQuery | undefined;
  const close = (message: string | undefined) => {
    if (closed) return;
    closed = true;
    finalMessage = message;
    queue.end();
    options.onClose(plan.queryId);
    void runtime?.stop();
  };
  runtime = new TransientQuery({
    log: options.log,
    plan,
    groupId: `_squall_transient_${plan.queryId}_${randomUUID()}`,
    offsetReset: options.offsetReset,
    processingLog: options.processingLog,
    onRow: (row, tombstone) => {
      if (closed) return;
      queue.push({ kind: tombstone ? 'tombstone' : 'row', values: row });
      delivered++;
      if (limit !== undefined && delivered >= limit) close('Limit Reached');
    },
    // The query has stopped on a failure: the client gets it as the stream's last event.
    onError: (error) => {
      if (closed) return;
      queue.push({ kind: 'error', error });
      close(undefined);
    },
  });
  await runtime.start(options.background);
  if (limit === 0) close('Limit Reached');
  const stream: QueryStream = {
    queryId: plan.queryId,
    isPull: false,
    columns: queryColumns(plan, false),
    events: queue,
    finalMessage: () => finalMessage,
    close: () => close('Query Completed'),
  };
  return { stream, runtime };
}

/**
 * Reads the source topic from the beginning to its current end, once; a table keeps the latest row
 * per key. `queryId` is this query's own: the plan may be shared by pull queries of one shape.
 */
export async function runPullQuery(plan: QueryPlan, queryId: string, feed: RecordFeed, processingLog: ProcessingLog): Promise<QueryStream> {
  const isTable = plan.source.sourceType === 'TABLE';
  const latestByKey = new Map<string, readonly unknown[]>();
  const rows: (readonly unknown[])[] = [];
  await runQueryOnce(plan, processingLog, feed, (row, tombstone, key) => {
    if (!isTable) {
      if (!tombstone) rows.push(row);
      return;
    }
    // A table row's identity is its Kafka key: the latest record per key is the current state.
    if (tombstone) latestByKey.delete(key);
    else latestByKey.set(key, row);
  });
  const results = isTable ? [...latestByKey.values()] : rows;
  const limited = plan.limit === undefined ? results : results.slice(0, plan.limit);
  const queue = new RowQueue();
  for (const row of limited) queue.push({ kind: 'row', values: row });
  queue.end();
  return {
    queryId,
    isPull: true,
    columns: queryColumns(plan, true),
    events: queue,
    finalMessage: () => undefined,
    close: () => queue.end(),
  };
}
