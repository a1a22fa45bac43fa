// Runs a query's topology once over a finite set of records (a pull query): a topic's current
// contents, or the rows of a materialised table. Each result row goes to `onRow` with the Kafka
// key it came from.
import type { QueryPlan } from '../planner/index.js';
import type { Log, LogRecord } from './log/index.js';
import type { ProcessingLog } from './processing-log.js';
import { TaskManager } from './task/task-manager.js';
import type { RowListener } from './processors/row-listener.js';
import { buildTransientTopology } from './topology/build-topology.js';
import type { Topology } from './topology/topology.js';
import { scanTopic } from './topic-scan.js';

/** `key` is the input record's key bytes (base64, '' for none): a table row's identity. */
export type ScanRowListener = (row: readonly unknown[], tombstone: boolean, key: string) => void;

/** Hands each record to `deliver`, in each partition's order. */
export type RecordFeed = (deliver: (record: LogRecord) => void) => Promise<void>;

/**
 * A plan's topology, built once however often the plan runs (a pull query kept by shape runs for
 * every request). Its row listener hands each row to `onRow`, which every run points at its own
 * listener before it processes a record: a record is processed synchronously, so concurrent runs
 * of the same plan never see each other's rows.
 *
 * The tasks of finished runs wait in `idle` for the next run, rewound: building a task per request
 * made most of a pull's garbage, and enough of it outlived a scavenge to fill the old space
 * between major collections (their pauses set the p99 under load). A scan's tasks have no stores
 * and its processors keep nothing between records, so a rewound task is as good as a new one.
 */
interface PreparedScan {
  readonly topology: Topology;
  onRow: RowListener;
  readonly idle: { readonly processingLog: ProcessingLog; readonly tasks: TaskManager }[];
}

/** Idle task sets kept per plan: about the runs of one plan that are in flight at once. */
const MAX_IDLE_TASK_SETS = 8;

const preparedScans = new WeakMap<QueryPlan, PreparedScan>();

function preparedScan(plan: QueryPlan): PreparedScan {
  let scan = preparedScans.get(plan);
  if (scan === undefined) {
    const prepared: PreparedScan = {
      topology: buildTransientTopology(plan, (row, tombstone) => prepared.onRow(row, tombstone)),
      onRow: () => undefined,
      idle: [],
    };
    scan = prepared;
    preparedScans.set(plan, scan);
  }
  return scan;
}

/** An idle task set of this processing log, or a new one. */
function takeTasks(scan: PreparedScan, plan: QueryPlan, processingLog: ProcessingLog): TaskManager {
  const index = scan.idle.findIndex((idle) => idle.processingLog === processingLog);
  if (index >= 0) return scan.idle.splice(index, 1)[0]!.tasks;
  return new TaskManager({ topology: scan.topology, services: { queryId: plan.queryId, processingLog, output: [] }, log: undefined, stateDir: undefined });
}

export async function runQueryOnce(plan: QueryPlan, processingLog: ProcessingLog, feed: RecordFeed, onRow: ScanRowListener): Promise<void> {
  let currentKey = '';
  const listener: RowListener = (row, tombstone) => onRow(row, tombstone, currentKey);
  const scan = preparedScan(plan);
  // Taken at the first record: a run that finds nothing needs none.
  let tasks: TaskManager | undefined;
  let finished = false;
  try {
    await feed((record) => {
      currentKey = record.key === null ? '' : Buffer.from(record.key).toString('base64');
      tasks ??= takeTasks(scan, plan, processingLog);
      let task = tasks.taskFor(record.topic, record.partition);
      if (task === undefined) {
        tasks.assignStateless({ topic: record.topic, partition: record.partition });
        task = tasks.taskFor(record.topic, record.partition)!;
      }
      task.add(record);
      scan.onRow = listener;
      task.process();
    });
    finished = true;
  } finally {
    if (tasks !== undefined) {
      // A run that failed midway may have left records buffered: its tasks go.
      if (finished && scan.idle.length < MAX_IDLE_TASK_SETS) {
        tasks.rewindAll();
        scan.idle.push({ processingLog, tasks });
      } else {
        tasks.closeAll();
      }
    }
  }
}

/** A feed of the topic's records from its first retained offset to its end as of the call. */
export function topicFeed(log: Log, topic: string): RecordFeed {
  return (deliver) => scanTopic(log, topic, deliver);
}

/** A feed of records already at hand (a materialised table's rows). */
export function recordsFeed(records: Iterable<LogRecord>): RecordFeed {
  return async (deliver) => {
    for (const record of records) deliver(record);
  };
}
