// A persistent query: a consumer group over the topology's source topics, one task per assigned
// partition, and a producer to its sinks, changelogs and repartition topics.
//
// The commit protocol. Exactly-once (the default): a task's outputs, changelog records and input
// offsets go in one Kafka transaction; its stores' SQLite transaction commits only after the
// Kafka commit succeeded; on abort the stores roll back and the consumer seeks back to the
// first offset of the aborted commit. At-least-once: flush, commit the offsets, then the stores.
// On revoke, the open commit is made before the partitions go.
import type { Log, LogConsumer, LogProducer, ProduceRecord, TopicPartition, TopicPartitionOffset } from './log/index.js';
import { LogUnavailableError } from './log/index.js';
import { SchemaUnavailableError } from '../planner/index.js';
import type { ProcessingLog } from './processing-log.js';
import { QueryMetrics, type PartitionLag, type QueryMetricsSnapshot, type StoreSize } from './query-metrics.js';
import { TaskManager } from './task/task-manager.js';
import type { StreamTask } from './task/stream-task.js';
import { sourceTopics, type Topology } from './topology/topology.js';

export type ProcessingGuarantee = 'exactly_once_v2' | 'at_least_once';

export type QueryState = 'CREATED' | 'RUNNING' | 'ERROR' | 'TERMINATED';

/** How long a commit stays open at least when the query has caught up but records keep arriving. */
export const DEFAULT_COMMIT_MIN_PAUSE_MS = 50;

export interface PersistentQueryOptions {
  readonly log: Log;
  readonly topology: Topology;
  /** Consumer group and transactional id prefix: stable per query, so a restart resumes where it stopped. */
  readonly applicationId: string;
  /**
   * Tells this server's producer apart from other servers running the same query (same service id):
   * each gets its share of the partitions, and a shared transactional id would fence the others.
   * It is kept in the state dir, so a restarted server fences its own predecessor at once.
   */
  readonly instanceId: string;
  readonly guarantee: ProcessingGuarantee;
  readonly processingLog: ProcessingLog;
  readonly offsetReset: 'earliest' | 'latest';
  /** Where tasks with stores keep their databases. */
  readonly stateDir?: string;
  /** Most records handled per poll. */
  readonly maxBatchRecords?: number;
  /**
   * Longest a commit (transaction) stays open while full batches keep arriving. Default 100 ms
   * (the engine passes ksqlDB's commit.interval.ms).
   */
  readonly commitIntervalMs?: number;
  /**
   * Shortest a commit stays open when a poll did not fill a batch (the query has caught up) but
   * found records, like Flink's minimum pause between checkpoints: under a steady trickle a
   * commit per poll would keep the loop committing most of the time. Default `DEFAULT_COMMIT_MIN_PAUSE_MS`.
   */
  readonly commitMinPauseMs?: number;
  /** Wait before retrying after Kafka was unavailable. Default 1 s. */
  readonly retryBackoffMs?: number;
  readonly onProgress?: (line: string) => void;
}

export class PersistentQuery {
  readonly topology: Topology;
  private readonly metrics = new QueryMetrics();
  /** Topics that are not the sink's: what `recordsOut` leaves out. */
  private readonly internalTopics: ReadonlySet<string>;
  /** The offsets of the last commit, by `topic\0partition`: where the lag is measured from. */
  private readonly committedOffsets = new Map<string, TopicPartitionOffset>();
  private readonly options: PersistentQueryOptions;
  private readonly exactlyOnce: boolean;
  private consumer: LogConsumer | undefined;
  /**
   * Asks the changelogs' end offsets after each commit and reads nothing (queries with stores
   * only). A broker answers a connection's requests in order, so asked on `consumer` they would
   * wait behind its fetch, held up to fetch.wait.max.ms when no input is waiting.
   */
  private offsets: LogConsumer | undefined;
  private producer: LogProducer | undefined;
  private readonly output: ProduceRecord[] = [];
  private readonly tasks: TaskManager;
  private transactionOpen = false;
  private commitOpenedAt = 0;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private currentState: QueryState = 'CREATED';
  private lastError: Error | undefined;

  constructor(options: PersistentQueryOptions) {
    this.options = options;
    this.topology = options.topology;
    this.exactlyOnce = options.guarantee === 'exactly_once_v2';
    this.internalTopics = new Set(options.topology.internalTopics.map((topic) => topic.name));
    const processingLog: ProcessingLog = {
      write: (entry) => {
        this.metrics.processingErrors[entry.kind]++;
        options.processingLog.write(entry);
      },
    };
    this.tasks = new TaskManager({
      topology: options.topology,
      services: { queryId: options.topology.queryId, processingLog, output: this.output },
      log: options.log,
      stateDir: options.stateDir,
      onProgress: options.onProgress,
      metrics: this.metrics,
    });
  }

  get state(): QueryState {
    return this.currentState;
  }

  get error(): Error | undefined {
    return this.lastError;
  }

  /** The tasks this instance runs now (its share of the partitions). */
  get runningTasks(): readonly StreamTask[] {
    return this.tasks.all();
  }

  /** Connects the consumer and producer; `background` starts the poll loop (else call `runOnce`). */
  async start(background: boolean): Promise<void> {
    const { log, applicationId } = this.options;
    this.producer = await log.producer(this.exactlyOnce ? { transactionalId: `${applicationId}-${this.options.instanceId}` } : {});
    this.consumer = await log.consumer({ groupId: applicationId, offsetReset: this.options.offsetReset, readCommitted: true });
    if (this.topology.subTopologies.some((sub) => sub.stores.length > 0)) {
      this.offsets = await log.consumer({ groupId: applicationId, offsetReset: this.options.offsetReset, readCommitted: true });
    }
    await this.consumer.subscribe(sourceTopics(this.topology), {
      onAssigned: (partitions) => this.tasks.assign(partitions),
      onRevoked: (partitions) => this.onRevoked(partitions),
    });
    this.currentState = 'RUNNING';
    if (background) this.loop = this.runLoop();
  }

  /**
   * Polls one batch and processes it inside the open commit (a transaction under exactly-once).
   * The commit closes when the poll found nothing, or did not fill a batch (the query has caught
   * up, so output should not wait) `commitMinPauseMs` or more after it opened, or else
   * `commitIntervalMs` after it opened: under load one transaction spans many batches, as Kafka
   * Streams' commit.interval.ms does.
   * Resolves to the number of input records handled. On failure the open commit is aborted and
   * rewound before the error is rethrown.
   */
  async runOnce(timeoutMs: number): Promise<number> {
    const consumer = this.consumer;
    if (consumer === undefined || this.currentState !== 'RUNNING') return 0;
    try {
      const maxRecords = this.options.maxBatchRecords ?? 1000;
      const records = await consumer.poll(maxRecords, timeoutMs);
      this.metrics.recordsIn += records.length;
      if (records.length > 0) {
        await this.openCommit();
        for (const record of records) this.tasks.taskFor(record.topic, record.partition)?.add(record);
        for (const task of this.tasks.all()) task.process();
      }
      const now = Date.now();
      for (const task of this.tasks.all()) task.punctuateWallClock(now);
      // A punctuation may emit while no commit is open (no input this poll): open one first.
      if (this.output.length > 0) await this.openCommit();
      this.sendOutput();
      const openMs = now - this.commitOpenedAt;
      const caughtUp = records.length === 0 || (records.length < maxRecords && openMs >= (this.options.commitMinPauseMs ?? DEFAULT_COMMIT_MIN_PAUSE_MS));
      const due = openMs >= (this.options.commitIntervalMs ?? 100);
      if (this.hasOpenCommit() && (caughtUp || due)) await this.commit((task) => task.checkpointDue);
      return records.length;
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  private hasOpenCommit(): boolean {
    return this.transactionOpen || this.tasks.all().some((task) => task.hasOpenCommit);
  }

  private async openCommit(): Promise<void> {
    if (this.transactionOpen) return;
    if (this.exactlyOnce) await this.producer!.beginTransaction();
    this.transactionOpen = true;
    this.commitOpenedAt = Date.now();
  }

  private sendOutput(): void {
    if (this.output.length === 0) return;
    for (const record of this.output) if (!this.internalTopics.has(record.topic)) this.metrics.recordsOut++;
    this.producer!.send(this.output);
    this.output.length = 0;
  }

  /**
   * Makes the outputs, changelogs and input positions since the last commit durable, together; then
   * the stores, moving the checkpoints of the tasks `moveCheckpoint` picks.
   */
  private async commit(moveCheckpoint: (task: StreamTask) => boolean): Promise<void> {
    const startedMs = performance.now();
    const tasks = this.tasks.all();
    for (const task of tasks) task.flushStores();
    this.sendOutput();
    const offsets = tasks.flatMap((task) => task.offsetsToCommit());
    const producer = this.producer!;
    if (this.exactlyOnce) {
      await producer.commitTransaction(offsets, this.consumer);
    } else {
      await producer.flush();
      await this.consumer!.commit(offsets);
    }
    this.transactionOpen = false;
    await this.commitStores(tasks, moveCheckpoint);
    for (const offset of offsets) this.committedOffsets.set(partitionKey(offset), offset);
    this.metrics.countCommit(performance.now() - startedMs);
  }

  /**
   * Before the tasks go away (stop, revoke): commits what is open, and in any case moves the
   * checkpoints of stores written since their last, so that the next start restores only what is new.
   */
  private async commitForClose(): Promise<void> {
    const behind = (task: StreamTask): boolean => task.checkpointBehind;
    if (this.hasOpenCommit()) await this.commit(behind);
    else if (this.tasks.all().some(behind)) await this.commitStores(this.tasks.all(), behind);
  }

  /** The query's counters, with its consumer lag and store sizes read now. */
  async metricsSnapshot(): Promise<QueryMetricsSnapshot> {
    const { metrics } = this;
    return {
      queryId: this.topology.queryId,
      state: this.currentState,
      recordsIn: metrics.recordsIn,
      recordsOut: metrics.recordsOut,
      processingErrors: { ...metrics.processingErrors },
      lateRecordsDropped: this.topology.lateRecords?.total ?? 0,
      commits: metrics.commits,
      commitSeconds: metrics.commitMs / 1000,
      // A scrape must not fail because Kafka did not answer (or the query is stopping): the lag is then unknown.
      lag: await this.lag().catch(() => []),
      stores: this.storeSizes(),
      restores: metrics.restores,
    };
  }

  /**
   * Per assigned partition, the records past the last commit: from this instance's commit, else
   * the group's, else where `offsetReset` starts a partition the group never committed.
   */
  private async lag(): Promise<PartitionLag[]> {
    const consumer = this.consumer;
    if (consumer === undefined || this.currentState !== 'RUNNING') return [];
    const partitions = consumer.assignment();
    if (partitions.length === 0) return [];
    const ends = await consumer.endOffsets(partitions);
    const positions = partitions.map((partition) => this.committedOffsets.get(partitionKey(partition))?.offset);
    // Only partitions this instance has not committed yet cost a request to the group coordinator.
    const unknown = partitions.flatMap((partition, index) => (positions[index] === undefined ? [{ partition, index }] : []));
    if (unknown.length > 0) {
      const groupCommitted = await consumer.committed(unknown.map(({ partition }) => partition));
      const starts = this.options.offsetReset === 'earliest' ? await consumer.beginningOffsets(unknown.map(({ partition }) => partition)) : undefined;
      unknown.forEach(({ index }, position) => {
        positions[index] = groupCommitted[position] ?? starts?.[position] ?? ends[index]!;
      });
    }
    return partitions.map((partition, index) => ({ ...partition, lag: Math.max(0, ends[index]! - positions[index]!) }));
  }

  private storeSizes(): StoreSize[] {
    return this.tasks.all().flatMap((task) =>
      [...(task.state?.stores.values() ?? [])].map((store) => ({ store: store.name, partition: task.partition, entries: store.approximateCount() })),
    );
  }

  /**
   * After a Kafka commit, the end of each changelog partition is where its task's stores stand:
   * asked in one round for the tasks with stores that `moveCheckpoint` picks (a round waits on the
   * broker, and the loop waits on the round). Then every task's SQLite transaction commits.
   */
  private async commitStores(tasks: readonly StreamTask[], moveCheckpoint: (task: StreamTask) => boolean): Promise<void> {
    const partitions = tasks.map((task) =>
      task.state !== undefined && moveCheckpoint(task)
        ? task.subTopology.stores.map((spec) => ({ topic: spec.changelogTopic, partition: task.partition }))
        : undefined,
    );
    const all = partitions.flatMap((own) => own ?? []);
    const ends = all.length === 0 ? [] : await this.offsets!.endOffsets(all);
    let next = 0;
    tasks.forEach((task, index) => task.committed(partitions[index]?.map((partition) => ({ ...partition, offset: ends[next++]! }))));
  }

  /** Drops the open commit: nothing of it becomes visible, the stores roll back, the input is read again. */
  private async abort(): Promise<void> {
    this.output.length = 0;
    const wasOpen = this.transactionOpen;
    this.transactionOpen = false;
    if (wasOpen && this.exactlyOnce) await this.producer?.abortTransaction().catch(() => undefined);
    const tasks = this.tasks.all();
    const rewind = tasks.flatMap((task) => task.offsetsToRewind());
    for (const task of tasks) task.aborted();
    if (rewind.length > 0) await this.consumer?.seek(rewind).catch(() => undefined);
  }

  private async onRevoked(partitions: readonly TopicPartition[]): Promise<void> {
    try {
      await this.commitForClose();
    } catch (error) {
      // The partitions' new owner resumes from the last commit: nothing is lost or written twice.
      await this.abort();
      this.options.onProgress?.(`squall: ${this.topology.queryId}: commit on revoke failed: ${(error as Error).message}`);
    }
    this.tasks.revoke(partitions);
    // Whoever gets them next commits their positions: this instance's last commits no longer say where they stand.
    for (const partition of partitions) this.committedOffsets.delete(partitionKey(partition));
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runOnce(100);
      } catch (error) {
        if (error instanceof LogUnavailableError) {
          // Kafka is away: the open commit was aborted and rewound; try again once it may be back.
          this.options.onProgress?.(`squall: ${this.topology.queryId}: Kafka unavailable, retrying: ${error.message}`);
          await new Promise((resolve) => setTimeout(resolve, this.options.retryBackoffMs ?? 1000));
          continue;
        }
        if (error instanceof SchemaUnavailableError) {
          // A record names a schema the registry has not given yet: aborted and rewound like the above, read again shortly.
          this.options.onProgress?.(`squall: ${this.topology.queryId}: ${error.message}; retrying`);
          await new Promise((resolve) => setTimeout(resolve, Math.min(this.options.retryBackoffMs ?? 1000, 200)));
          continue;
        }
        // Anything else (fenced by a newer instance, a fatal record): the query stops in ERROR, visible in SHOW QUERIES.
        this.lastError = error as Error;
        this.currentState = 'ERROR';
        return;
      }
    }
  }

  /** Stops the loop, commits what is open and closes the clients; safe to call twice. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    this.loop = undefined;
    if (this.currentState === 'RUNNING') await this.commitForClose().catch(() => this.abort());
    if (this.currentState === 'RUNNING') this.currentState = 'TERMINATED';
    const consumer = this.consumer;
    const producer = this.producer;
    const offsets = this.offsets;
    this.consumer = undefined;
    this.producer = undefined;
    this.offsets = undefined;
    await consumer?.close();
    await offsets?.close();
    this.tasks.closeAll();
    await producer?.close();
  }
}

function partitionKey({ topic, partition }: TopicPartition): string {
  return `${topic}\u0000${partition}`;
}
