// One task per (sub-topology, partition): it owns its partition group, its stream time, its
// processor instances and its stores, and tracks the input offsets of the open commit.
import type { LogRecord, ProduceRecord, TopicPartitionOffset } from '../log/index.js';
import type { ProcessingErrorKind, ProcessingLog } from '../processing-log.js';
import { InvalidTimestampError } from '../processors/timestamps.js';
import { SchemaUnavailableError } from '../../planner/index.js';
import type { StateStore, TaskDatabase } from '../state/index.js';
import type { Change } from '../topology/change.js';
import type { CommitBuffer, Processor, ProcessorContext, PunctuationType, RecordCoordinates } from '../topology/processor.js';
import { taskId, type SubTopology, type TopologySource } from '../topology/topology.js';
import { PartitionGroup } from './partition-group.js';

export interface TaskServices {
  readonly queryId: string;
  readonly processingLog: ProcessingLog;
  /** Where sinks, repartition topics and changelogs queue records; the query hands them to its producer. */
  readonly output: ProduceRecord[];
}

/** The task's open state: the SQLite database holding its stores, opened and restored by the task manager. */
export interface TaskState {
  readonly db: TaskDatabase;
  readonly stores: ReadonlyMap<string, StateStore>;
  /** Changelog records written since the stores' checkpoints were last moved (counted by the changelog writer). */
  changelogRecordsSinceCheckpoint: number;
}

/**
 * Changelog records after which a commit moves the task's checkpoints (Kafka Streams'
 * OFFSET_DELTA_THRESHOLD_FOR_CHECKPOINT). Moving them costs a broker round trip per commit; an
 * older checkpoint only makes a restore replay more, as replaying a changelog is idempotent.
 */
const CHECKPOINT_AFTER_RECORDS = 10_000;

interface Punctuation {
  readonly type: PunctuationType;
  readonly intervalMs: number;
  readonly callback: (timeMs: number) => void;
  nextMs: number;
}

/** A record the query cannot skip (`ksql.timestamp.throw.on.invalid`): the query stops. */
export class FatalRecordError extends Error {}

export class StreamTask {
  readonly id: string;
  private readonly group: PartitionGroup;
  /** Per source topic: how its records are read and the processors they go to. */
  private readonly entries = new Map<string, { readonly source: TopologySource; readonly processors: readonly Processor[] }>();
  private readonly punctuations: Punctuation[] = [];
  private readonly buffers: CommitBuffer[] = [];
  /** First offset read and next offset to read, per source topic, since the last commit. */
  private readonly openFrom = new Map<string, number>();
  private readonly openTo = new Map<string, number>();
  private current: RecordCoordinates;
  private streamTime = -1;

  constructor(
    readonly subTopology: SubTopology,
    readonly partition: number,
    private readonly services: TaskServices,
    readonly state: TaskState | undefined,
  ) {
    this.id = taskId(subTopology.id, partition);
    this.group = new PartitionGroup(subTopology.sources.map((source) => source.topic));
    this.current = { topic: subTopology.sources[0]?.topic ?? '', partition, offset: -1, timestampMs: -1 };
    const instances = new Map<string, Processor>();
    const byName = new Map(subTopology.nodes.map((node) => [node.definition.name, node]));
    const instance = (name: string): Processor => {
      const existing = instances.get(name);
      if (existing !== undefined) return existing;
      const node = byName.get(name);
      if (node === undefined) throw new Error(`Topology of ${services.queryId} names an unknown processor '${name}'`);
      const children = node.children.map(instance);
      const created = node.definition.create(this.contextFor(children));
      instances.set(name, created);
      return created;
    };
    for (const source of subTopology.sources) this.entries.set(source.topic, { source, processors: source.children.map(instance) });
  }

  /** The largest record timestamp this task has processed (-1 before the first). */
  get streamTimeMs(): number {
    return this.streamTime;
  }

  get buffered(): number {
    return this.group.size;
  }

  add(record: LogRecord): void {
    this.group.add(record);
  }

  /** Processes every buffered record in timestamp order; returns how many. */
  process(): number {
    let processed = 0;
    for (let record = this.group.next(); record !== undefined; record = this.group.next()) {
      this.processRecord(record);
      processed++;
    }
    return processed;
  }

  /** Runs the wall-clock punctuations that are due. */
  punctuateWallClock(nowMs: number): void {
    this.punctuate('WALL_CLOCK_TIME', nowMs);
  }

  /** Input offsets to commit: the next offset of each source partition read since the last commit. */
  offsetsToCommit(): TopicPartitionOffset[] {
    return [...this.openTo].map(([topic, offset]) => ({ topic, partition: this.partition, offset }));
  }

  /** Where the consumer must go back to when the open commit aborts. */
  offsetsToRewind(): TopicPartitionOffset[] {
    return [...this.openFrom].map(([topic, offset]) => ({ topic, partition: this.partition, offset }));
  }

  get hasOpenCommit(): boolean {
    return this.openTo.size > 0;
  }

  /** Writes the stores' caches through (changelog records join the output); before the Kafka commit. */
  flushStores(): void {
    for (const buffer of this.buffers) buffer.flush();
    if (this.state === undefined) return;
    for (const store of this.state.stores.values()) store.flush();
  }

  /** Whether a commit should move the stores' checkpoints now (see CHECKPOINT_AFTER_RECORDS). */
  get checkpointDue(): boolean {
    return (this.state?.changelogRecordsSinceCheckpoint ?? 0) >= CHECKPOINT_AFTER_RECORDS;
  }

  /** Whether the stores stand past their checkpoints: moved before the task goes away. */
  get checkpointBehind(): boolean {
    return (this.state?.changelogRecordsSinceCheckpoint ?? 0) > 0;
  }

  /**
   * The Kafka commit succeeded: the stores' SQLite transaction commits, with the changelogs' new
   * checkpoints when given (else the old ones stay, behind where the stores stand).
   */
  committed(checkpoints: readonly TopicPartitionOffset[] | undefined): void {
    this.openFrom.clear();
    this.openTo.clear();
    const state = this.state;
    if (state === undefined) return;
    if (checkpoints !== undefined) {
      for (const { topic, partition, offset } of checkpoints) state.db.setCheckpoint(topic, partition, offset);
      state.changelogRecordsSinceCheckpoint = 0;
    }
    state.db.commit();
    state.db.begin();
  }

  /** The Kafka transaction aborted: the stores roll back to the last commit and buffered input is dropped. */
  aborted(): void {
    this.openFrom.clear();
    this.openTo.clear();
    this.group.clear();
    for (const buffer of this.buffers) buffer.discard();
    if (this.state === undefined) return;
    for (const store of this.state.stores.values()) store.discard();
    this.state.db.rollback();
    this.state.db.begin();
  }

  /**
   * Forgets what a task without stores has read, so that a later run over other records starts it
   * afresh (a pull query's scan reuses its tasks). Only a stateless task: its processors keep nothing.
   */
  rewind(): void {
    if (this.state !== undefined || this.punctuations.length > 0 || this.buffers.length > 0) {
      throw new Error(`Task ${this.id} of ${this.services.queryId} keeps state between records: it cannot be rewound`);
    }
    this.openFrom.clear();
    this.openTo.clear();
    this.group.clear();
    this.streamTime = -1;
  }

  /** Closes the database; uncommitted store writes are rolled back. */
  close(): void {
    const db = this.state?.db;
    if (db === undefined) return;
    if (db.inTransaction) db.rollback();
    db.close();
  }

  private processRecord(record: LogRecord): void {
    this.current = { topic: record.topic, partition: record.partition, offset: record.offset, timestampMs: record.timestamp };
    if (!this.openFrom.has(record.topic)) this.openFrom.set(record.topic, record.offset);
    this.openTo.set(record.topic, record.offset + 1);
    const { source, processors } = this.entries.get(record.topic)!;
    let change: Change;
    try {
      change = source.read(record);
    } catch (error) {
      if (error instanceof InvalidTimestampError && source.failOnInvalidTimestamp) {
        throw new FatalRecordError(
          `Fatal user code error in TimestampExtractor callback for record ${record.topic}-${record.partition}@${record.offset}: ${error.message}`,
        );
      }
      // The registry has not answered for the record's schema: the commit is aborted and the record read again.
      if (error instanceof SchemaUnavailableError) throw error;
      this.report('DESERIALIZATION_ERROR', `Failed to deserialize record from topic ${record.topic}: ${(error as Error).message}`);
      return;
    }
    if (change.timestampMs > this.streamTime) this.streamTime = change.timestampMs;
    try {
      for (const processor of processors) processor.process(change);
    } catch (error) {
      if (error instanceof FatalRecordError || error instanceof SchemaUnavailableError) throw error;
      this.report('RECORD_PROCESSING_ERROR', (error as Error).message);
    }
    this.punctuate('STREAM_TIME', this.streamTime);
  }

  private punctuate(type: PunctuationType, timeMs: number): void {
    for (const punctuation of this.punctuations) {
      if (punctuation.type !== type || timeMs < punctuation.nextMs) continue;
      punctuation.nextMs = timeMs + punctuation.intervalMs;
      punctuation.callback(timeMs);
    }
  }

  private contextFor(children: readonly Processor[]): ProcessorContext {
    const task = this;
    const stores = this.state?.stores;
    return {
      forward(change) {
        for (const child of children) child.process(change);
      },
      store<S extends StateStore>(name: string): S {
        const store = stores?.get(name);
        if (store === undefined) throw new Error(`Task ${task.id} of ${task.services.queryId} has no store '${name}'`);
        return store as S;
      },
      get record() {
        return task.current;
      },
      partition: this.partition,
      schedule(type, intervalMs, callback) {
        const start = type === 'STREAM_TIME' ? Math.max(task.streamTime, 0) : Date.now();
        task.punctuations.push({ type, intervalMs, callback, nextMs: start + intervalMs });
      },
      send(record) {
        task.services.output.push(record);
      },
      recordError(message) {
        task.report('RECORD_PROCESSING_ERROR', message);
      },
      onCommit(buffer) {
        task.buffers.push(buffer);
      },
    };
  }

  private report(kind: ProcessingErrorKind, message: string): void {
    this.services.processingLog.write({
      queryId: this.services.queryId,
      kind,
      message,
      topic: this.current.topic,
      partition: this.current.partition,
      offset: this.current.offset,
      time: Date.now(),
    });
  }
}
