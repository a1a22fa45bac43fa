// Creates, restores and closes a query's tasks as the consumer group assigns and revokes
// partitions: one task per (sub-topology, partition), its stores restored from their changelogs
// before it processes a record.
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Log, TopicPartition } from '../log/index.js';
import type { QueryMetrics } from '../query-metrics.js';
import { formatRestoreProgress, openSqliteStore, openStore, restoreStore, TaskDatabase, type StateStore } from '../state/index.js';
import { subTopologyOf, taskId, type SubTopology, type Topology } from '../topology/topology.js';
import { StreamTask, type TaskServices, type TaskState } from './stream-task.js';

export interface TaskManagerOptions {
  readonly topology: Topology;
  readonly services: TaskServices;
  /** Restores stores from their changelogs; undefined for a topology without stores. */
  readonly log: Log | undefined;
  /** Where each task with stores keeps its SQLite database; required when the topology has stores. */
  readonly stateDir: string | undefined;
  /** Prints progress of long restores. */
  readonly onProgress?: (line: string) => void;
  /** Where restores report their progress for /metrics. */
  readonly metrics?: QueryMetrics;
}

/** Restores report progress at most this often. */
const PROGRESS_INTERVAL_MS = 5000;

export class TaskManager {
  private readonly tasks = new Map<string, StreamTask>();
  /** Topic → partition → task, for routing polled records without building a key per record. */
  private readonly byInput = new Map<string, Map<number, StreamTask>>();

  constructor(private readonly options: TaskManagerOptions) {}

  get topology(): Topology {
    return this.options.topology;
  }

  all(): StreamTask[] {
    return [...this.tasks.values()];
  }

  taskFor(topic: string, partition: number): StreamTask | undefined {
    return this.byInput.get(topic)?.get(partition);
  }

  /** Creates (and restores) the tasks of newly assigned partitions. */
  async assign(partitions: readonly TopicPartition[]): Promise<void> {
    for (const { topic, partition } of partitions) {
      const subTopology = subTopologyOf(this.options.topology, topic);
      if (subTopology === undefined) continue;
      const existing = this.tasks.get(taskId(subTopology.id, partition));
      this.addTask(subTopology, { topic, partition }, existing === undefined ? await this.openState(subTopology, partition) : undefined);
    }
  }

  private addTask(subTopology: SubTopology, { topic, partition }: TopicPartition, state: TaskState | undefined): void {
    const id = taskId(subTopology.id, partition);
    let task = this.tasks.get(id);
    if (task === undefined) {
      task = new StreamTask(subTopology, partition, this.options.services, state);
      this.tasks.set(id, task);
    }
    let partitions = this.byInput.get(topic);
    if (partitions === undefined) {
      partitions = new Map();
      this.byInput.set(topic, partitions);
    }
    partitions.set(partition, task);
  }

  /** Creates the task of one partition of a topology without stores, synchronously. */
  assignStateless(input: TopicPartition): void {
    const subTopology = subTopologyOf(this.options.topology, input.topic);
    if (subTopology === undefined) throw new Error(`No sub-topology of ${this.options.services.queryId} reads ${input.topic}`);
    if (subTopology.stores.length > 0) throw new Error(`Sub-topology ${subTopology.id} of ${this.options.services.queryId} has stores: use assign`);
    this.addTask(subTopology, input, undefined);
  }

  /** Closes the tasks of revoked partitions; the caller has committed their work first. */
  revoke(partitions: readonly TopicPartition[]): void {
    for (const { topic, partition } of partitions) {
      const task = this.taskFor(topic, partition);
      this.byInput.get(topic)?.delete(partition);
      if (task === undefined || !this.tasks.has(task.id)) continue;
      task.close();
      this.tasks.delete(task.id);
    }
    // A task reading several topics closes once any of its inputs goes: drop its other routes.
    for (const partitions of this.byInput.values()) {
      for (const [partition, task] of partitions) if (!this.tasks.has(task.id)) partitions.delete(partition);
    }
  }

  /** Rewinds every task (see `StreamTask.rewind`): the manager can run its topology over other records. */
  rewindAll(): void {
    for (const task of this.tasks.values()) task.rewind();
  }

  closeAll(): void {
    for (const task of this.tasks.values()) task.close();
    this.tasks.clear();
    this.byInput.clear();
  }

  private async openState(subTopology: SubTopology, partition: number): Promise<TaskState | undefined> {
    if (subTopology.stores.length === 0) return undefined;
    const { stateDir, log, services } = this.options;
    if (log === undefined) throw new Error(`Query ${services.queryId} keeps state but has no Log`);
    // Without a state directory (tests, transient queries) the database lives in memory and every
    // start restores it from the changelog.
    let file = ':memory:';
    if (stateDir !== undefined) {
      const directory = join(stateDir, services.queryId);
      mkdirSync(directory, { recursive: true });
      file = join(directory, `${taskId(subTopology.id, partition)}.sqlite`);
    }
    const db = TaskDatabase.open(file);
    const stores = new Map<string, StateStore>();
    const state: TaskState = { db, stores, changelogRecordsSinceCheckpoint: 0 };
    try {
      for (const spec of subTopology.stores) {
        const startedAt = Date.now();
        let lastReport = startedAt;
        let reported = false;
        const restoredStore = await restoreStore({
          log,
          db,
          spec,
          partition,
          store: openSqliteStore(db, spec),
          onProgress: (restored, total) => {
            this.options.metrics?.restoring(spec.name, partition, restored, total, false);
            if (Date.now() - lastReport < PROGRESS_INTERVAL_MS) return;
            lastReport = Date.now();
            reported = true;
            this.options.onProgress?.(`squall: ${services.queryId}: ${formatRestoreProgress(spec.name, partition, restored, total)}`);
          },
        });
        const { restored, fromOffset, toOffset } = restoredStore;
        this.options.metrics?.restoring(spec.name, partition, restored, toOffset - fromOffset, true);
        // A restore long enough to have reported progress also says when it is done.
        if (reported) this.options.onProgress?.(`squall: ${services.queryId}: restored ${spec.name} [${partition}]: ${restored} records in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
        stores.set(
          spec.name,
          openStore(db, spec, (key, value) => {
            services.output.push({ topic: spec.changelogTopic, partition, key, value });
            state.changelogRecordsSinceCheckpoint++;
          }),
        );
      }
    } catch (error) {
      db.close();
      throw error;
    }
    db.begin();
    return state;
  }
}
