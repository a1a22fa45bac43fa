// A source table (`CREATE TABLE … WITH (KAFKA_TOPIC=…)`) materialised into a key-value store, so
// that pull queries read the table's current rows instead of scanning its topic.
//
// The table's own topic is the store's changelog (Kafka Streams' source-topic changelog): the
// store holds, per Kafka key, the latest readable record, with its checkpoint (next offset per
// partition) committed in the same SQLite transaction, so a restart resumes where it stopped.
import { join } from 'node:path';
import type { QueryPlan } from '../../planner/index.js';
import type { Log, LogConsumer, LogRecord } from '../log/index.js';
import { createRecordReader } from '../processors/source.js';
import { ChangelogTruncatedError, openSqliteStore, TaskDatabase, type KeyValueStore } from '../state/index.js';
import type { RecordReader } from '../topology/topology.js';
import { decodeStoredRecord, encodeStoredRecord } from './stored-record.js';

export interface MaterializedTableOptions {
  readonly log: Log;
  /** A plan over the table (`SELECT * FROM table`): its source step says how records are read. */
  readonly plan: QueryPlan;
  readonly stateDir: string;
  /** Told how a long catch-up is getting on (see `progressIntervalMs`), and when it is done. */
  readonly onProgress?: (line: string) => void;
  /** How often a catch-up reports its progress; one that ends sooner reports nothing. Default 5 s. */
  readonly progressIntervalMs?: number;
}

/** Records applied per SQLite transaction. */
const BATCH_RECORDS = 5000;
/** How long a catch-up waits for records it knows exist before it tries again. */
const POLL_MS = 200;
const PROGRESS_INTERVAL_MS = 5000;

export class MaterializedTable {
  private readonly db: TaskDatabase;
  private readonly store: KeyValueStore;
  private readonly reader: RecordReader;
  private readonly topic: string;
  private consumer: LogConsumer | undefined;
  /**
   * Asks the topic's offsets and reads nothing: a broker answers a connection's requests in order,
   * so offsets asked on the reading consumer would wait behind its fetch, which the broker holds
   * for up to fetch.wait.max.ms when there is nothing new (every catch-up's common case).
   */
  private offsets: LogConsumer | undefined;
  /**
   * Asked once, when the topic exists: like Kafka Streams, the table does not follow partitions
   * added to its topic later.
   */
  private partitions = 0;
  /**
   * The next offset to apply per partition, as committed with the rows: read from the database once
   * and kept with every commit, so that a catch-up with nothing new does not ask SQLite.
   */
  private checkpoints: number[] = [];
  /**
   * When the last catch-up to finish asked the topic's end offsets (`performance.now()`): the rows
   * hold every record written before then.
   */
  private caughtUpAsOf = -Infinity;
  /** Serialises catch-ups: pull queries and the background refresh share one consumer. */
  private pending: Promise<void> = Promise.resolve();
  /** The catch-up that has not started yet, shared by every caller that arrives before it starts. */
  private queued: Promise<void> | undefined;
  private closed = false;

  private constructor(private readonly options: MaterializedTableOptions) {
    this.topic = options.plan.source.topic;
    this.reader = createRecordReader(options.plan.source);
    this.db = TaskDatabase.open(join(options.stateDir, 'tables', `${options.plan.source.sourceName}.sqlite`));
    this.store = openSqliteStore(this.db, { name: 'rows', kind: 'keyValue', changelogTopic: this.topic });
  }

  static async open(options: MaterializedTableOptions): Promise<MaterializedTable> {
    const table = new MaterializedTable(options);
    try {
      await table.catchUp();
    } catch (error) {
      table.close();
      throw error;
    }
    return table;
  }

  /**
   * Applies the topic up to its end offsets as of this call, so that a pull query sees every
   * record written before it was asked (read-your-writes for INSERT VALUES).
   *
   * The catch-up running now may have read its end offsets before this call, so the caller waits
   * for the next one; every caller arriving before that one starts shares it. Concurrent pull
   * queries then cost one round of offset requests to the broker, not one each.
   */
  catchUp(): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const run = this.pending.then(() => {
      this.queued = undefined;
      return this.applyToEnd();
    });
    this.queued = run;
    this.pending = run.catch(() => undefined);
    return run;
  }

  /**
   * Resolves once the rows are fresh enough for a pull query: they hold every record written before
   * `writtenAt` (this server's own last write to the topic: read-your-writes), and the topic as it
   * was at most `maxStalenessMs` ago. Within that bound the rows are read at once, and past half of
   * it a catch-up starts behind them, so steady pull traffic seldom waits for the broker.
   */
  fresh(maxStalenessMs: number, writtenAt: number): Promise<void> {
    const age = performance.now() - this.caughtUpAsOf;
    if (this.caughtUpAsOf <= writtenAt || age > maxStalenessMs) return this.catchUp();
    // A failed catch-up ahead leaves the bound to run out: the pull query that then waits gets the error.
    if (age > maxStalenessMs / 2) this.catchUp().catch(() => undefined);
    return Promise.resolve();
  }

  /** Every current row, as the record it was read from (key order). */
  *records(): IterableIterator<LogRecord> {
    for (const [key, stored] of this.store.range(undefined, undefined)) yield decodeStoredRecord(this.topic, key, stored);
  }

  /** The row of one Kafka key (its serialised key bytes). */
  record(key: Uint8Array): LogRecord | undefined {
    const stored = this.store.get(key);
    return stored === undefined ? undefined : decodeStoredRecord(this.topic, key, stored);
  }

  get size(): number {
    return this.store.approximateCount();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.consumer?.close();
    void this.offsets?.close();
    this.db.close();
  }

  private async applyToEnd(): Promise<void> {
    if (this.closed) return;
    const { log } = this.options;
    if (this.partitions === 0) {
      this.partitions = (await log.describeTopic(this.topic))?.partitions ?? 0;
      this.checkpoints = Array.from({ length: this.partitions }, (_, partition) => this.db.checkpoint(this.topic, partition) ?? 0);
    }
    if (this.partitions === 0) return;
    const groupId = `_squall_table_${this.topic}`;
    this.offsets ??= await log.consumer({ groupId, offsetReset: 'earliest', readCommitted: true });
    const offsets = this.offsets;
    const topicPartitions = Array.from({ length: this.partitions }, (_, partition) => ({ topic: this.topic, partition }));
    const askedAt = performance.now();
    const ends = await offsets.endOffsets(topicPartitions);
    const checkpoints = [...this.checkpoints];
    const behind = topicPartitions.filter((_, index) => checkpoints[index]! < ends[index]!);
    if (behind.length === 0) {
      this.caughtUpAsOf = askedAt;
      return;
    }
    // Only a partition with records to read can have lost them: the beginnings are asked for those alone.
    const beginnings = await offsets.beginningOffsets(behind);
    const positions = [...checkpoints];
    for (const [index, { partition }] of behind.entries()) {
      const beginning = beginnings[index]!;
      if (checkpoints[partition]! < beginning) throw new ChangelogTruncatedError(this.topic, partition, beginning, checkpoints[partition]!);
    }
    this.consumer ??= await log.consumer({ groupId, offsetReset: 'earliest', readCommitted: true });
    const consumer = this.consumer;
    await consumer.assign(behind.map((topicPartition) => ({ ...topicPartition, offset: positions[topicPartition.partition]! })));
    const remaining = new Set(behind.map(({ partition }) => partition));
    const progress = this.progressReporter(behind.reduce((total, { partition }) => total + ends[partition]! - positions[partition]!, 0));
    let idlePolls = 0;
    // Transaction markers take offsets no record has: a partition read up to its last record is
    // done once polls come back empty.
    while (remaining.size > 0 && idlePolls < 3 && !this.closed) {
      const records = await consumer.poll(BATCH_RECORDS, POLL_MS);
      idlePolls = records.length === 0 ? idlePolls + 1 : 0;
      if (records.length > 0) this.apply(records, positions);
      progress.read(records.length);
      for (const partition of [...remaining]) if (positions[partition]! >= ends[partition]!) remaining.delete(partition);
    }
    progress.done();
    const caughtUp = [...positions];
    for (const { partition } of behind) caughtUp[partition] = Math.max(positions[partition]!, ends[partition]!);
    this.db.begin();
    this.commitCheckpoints(caughtUp);
    this.caughtUpAsOf = askedAt;
  }

  /** Commits the open transaction with these checkpoints, and keeps them. */
  private commitCheckpoints(positions: readonly number[]): void {
    for (const [partition, offset] of positions.entries()) if (offset > 0) this.db.setCheckpoint(this.topic, partition, offset);
    this.db.commit();
    this.checkpoints = [...positions];
  }

  /**
   * Reports "squall: catching up with <topic> for pull queries: 120000/500000 records" every interval, and
   * a closing line if it reported at all. `total` counts offsets, so transaction markers make it
   * exceed the records read.
   */
  private progressReporter(total: number): { read(records: number): void; done(): void } {
    const { onProgress, progressIntervalMs = PROGRESS_INTERVAL_MS } = this.options;
    const startedAt = Date.now();
    let lastReport = startedAt;
    let read = 0;
    let reported = false;
    return {
      read: (records) => {
        read += records;
        if (onProgress === undefined || Date.now() - lastReport < progressIntervalMs) return;
        lastReport = Date.now();
        reported = true;
        onProgress(`squall: catching up with ${this.topic} for pull queries: ${read}/${total} records`);
      },
      done: () => {
        if (reported) onProgress?.(`squall: caught up with ${this.topic}: ${read} records in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
      },
    };
  }

  /** One SQLite transaction per batch, checkpoints included. */
  private apply(records: readonly LogRecord[], positions: number[]): void {
    this.db.begin();
    for (const record of records) {
      positions[record.partition] = record.offset + 1;
      if (record.key === null) continue;
      if (record.value === null) {
        this.store.delete(record.key);
        continue;
      }
      try {
        // Only a readable record replaces the key's row: an unreadable one goes to the processing
        // log when the table's queries read it, and leaves the last good row in place.
        if (this.reader(record).isDelete) this.store.delete(record.key);
        else this.store.put(record.key, encodeStoredRecord(record));
      } catch {
        continue;
      }
    }
    this.commitCheckpoints(positions);
  }
}
