// A transient push query: the query's topology run by tasks like a persistent query's, delivering
// rows to a client instead of a topic. Its consumer group is its own and it commits nothing. An
// aggregation keeps its state in memory (it is never restored) and moves rows to their group's
// partition through repartition topics of its own, deleted when it stops where the Log can.
import type { QueryPlan } from '../planner/index.js';
import type { Log, LogConsumer, LogProducer, OffsetReset, ProduceRecord } from './log/index.js';
import type { ProcessingLog } from './processing-log.js';
import type { RowListener } from './processors/row-listener.js';
import { TaskManager } from './task/task-manager.js';
import { buildTransientTopology } from './topology/build-topology.js';
import { internalTopicCounts, internalTopicPartitions } from './topology/co-partitioning.js';
import { sourceTopics } from './topology/topology.js';

export type { RowListener };

export interface TransientQueryOptions {
  readonly log: Log;
  readonly plan: QueryPlan;
  readonly groupId: string;
  readonly offsetReset: OffsetReset;
  readonly processingLog: ProcessingLog;
  readonly onRow: RowListener;
  /** The query failed (Kafka, a fatal record): it has stopped, and the client must be told. */
  readonly onError?: (error: Error) => void;
}

export class TransientQuery {
  readonly plan: QueryPlan;
  private readonly options: TransientQueryOptions;
  private readonly tasks: TaskManager;
  private consumer: LogConsumer | undefined;
  private producer: LogProducer | undefined;
  /** What the tasks send: repartition records go out, changelog records are dropped. */
  private readonly output: ProduceRecord[] = [];
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(options: TransientQueryOptions) {
    this.options = options;
    this.plan = options.plan;
    const topology = buildTransientTopology(options.plan, options.onRow);
    this.tasks = new TaskManager({
      topology,
      services: { queryId: options.plan.queryId, processingLog: options.processingLog, output: this.output },
      log: options.log,
      stateDir: undefined,
    });
  }

  async start(background: boolean): Promise<void> {
    const { log, groupId, offsetReset } = this.options;
    const internalTopics = this.tasks.topology.internalTopics;
    if (internalTopics.length > 0) {
      const partitions = await internalTopicPartitions(this.plan, log);
      const counts = await internalTopicCounts(this.tasks.topology, partitions, log);
      for (const topic of internalTopics) await log.createTopic(topic.name, { partitions: counts.get(topic.name) ?? partitions });
      if (internalTopics.some((topic) => topic.kind === 'repartition')) this.producer = await log.producer();
    }
    this.consumer = await log.consumer({ groupId, offsetReset, readCommitted: true });
    await this.consumer.subscribe(sourceTopics(this.tasks.topology), {
      onAssigned: (partitions) => this.tasks.assign(partitions),
      onRevoked: (partitions) => this.tasks.revoke(partitions),
    });
    if (background) this.loop = this.runLoop();
  }

  /** Processes what is available; resolves to the number of records read. */
  async runOnce(timeoutMs: number): Promise<number> {
    if (this.consumer === undefined || this.stopping) return 0;
    const records = await this.consumer.poll(500, timeoutMs);
    for (const record of records) this.tasks.taskFor(record.topic, record.partition)?.add(record);
    for (const task of this.tasks.all()) {
      if (this.stopping) break;
      task.process();
      // Nothing is committed: the offsets only mark progress, so they are dropped as they come.
      task.flushStores();
      task.committed([]);
    }
    this.sendRepartitioned();
    return records.length;
  }

  private sendRepartitioned(): void {
    if (this.output.length === 0) return;
    const repartition = new Set(this.tasks.topology.internalTopics.flatMap((topic) => (topic.kind === 'repartition' ? [topic.name] : [])));
    const records = this.output.filter((record) => repartition.has(record.topic));
    this.output.length = 0;
    if (records.length > 0) this.producer!.send(records);
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runOnce(100);
      } catch (error) {
        if (!this.stopping) this.options.onError?.(error as Error);
        return;
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    const consumer = this.consumer;
    this.consumer = undefined;
    await consumer?.close();
    await this.producer?.close();
    this.tasks.closeAll();
    for (const topic of this.tasks.topology.internalTopics) await this.options.log.deleteTopic(topic.name).catch(() => false);
  }
}
