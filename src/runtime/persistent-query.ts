// A persistent query: a consumer group over the source topic, the record processor, and a
// producer to the sink, committing outputs and input offsets together (exactly-once, in one
// Kafka transaction per batch) or offsets after the outputs are flushed (at-least-once).
import type { QueryPlan } from '../planner/index.js';
import type { Log, LogConsumer, LogProducer, LogRecord, ProduceRecord } from './log/index.js';
import { buildRecordProcessor, type RecordProcessor } from './pipeline.js';
import type { ProcessingLog } from './processing-log.js';
import { createSink } from './processors/sink.js';

export type ProcessingGuarantee = 'exactly_once_v2' | 'at_least_once';

export type QueryState = 'CREATED' | 'RUNNING' | 'ERROR' | 'TERMINATED';

export interface PersistentQueryOptions {
  readonly log: Log;
  readonly plan: QueryPlan;
  /** Consumer group and transactional id: stable per query, so a restart resumes where it stopped. */
  readonly applicationId: string;
  /**
   * Tells this server's producer apart from other servers running the same query (same service id):
   * each gets its share of the partitions, and a shared transactional id would fence the others.
   * As in Kafka Streams' exactly-once v2, zombies are fenced through the consumer group instead.
   */
  readonly instanceId: string;
  readonly guarantee: ProcessingGuarantee;
  readonly processingLog: ProcessingLog;
  readonly offsetReset: 'earliest' | 'latest';
  /** Most records handled per poll. */
  readonly maxBatchRecords?: number;
  /** Longest a commit (transaction) stays open while input keeps arriving. Default 100 ms. */
  readonly commitIntervalMs?: number;
}

export class PersistentQuery {
  readonly plan: QueryPlan;
  private readonly options: PersistentQueryOptions;
  private consumer: LogConsumer | undefined;
  private producer: LogProducer | undefined;
  private processor: RecordProcessor | undefined;
  private readonly output: ProduceRecord[] = [];
  /** Next offset to read per source partition, for records processed since the last commit. */
  private readonly pendingOffsets = new Map<number, number>();
  private commitOpenedAt = 0;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private currentState: QueryState = 'CREATED';
  private lastError: Error | undefined;

  constructor(options: PersistentQueryOptions) {
    this.options = options;
    this.plan = options.plan;
  }

  get state(): QueryState {
    return this.currentState;
  }

  get error(): Error | undefined {
    return this.lastError;
  }

  /** Connects the consumer and producer; `background` starts the poll loop (else call `runOnce`). */
  async start(background: boolean): Promise<void> {
    const { log, applicationId, guarantee, plan } = this.options;
    const exactlyOnce = guarantee === 'exactly_once_v2';
    this.consumer = await log.consumer({ groupId: applicationId, offsetReset: this.options.offsetReset, readCommitted: true });
    this.producer = await log.producer(exactlyOnce ? { transactionalId: `${applicationId}-${this.options.instanceId}` } : {});
    this.processor = buildRecordProcessor(plan, createSink(plan.sink, this.output), this.options.processingLog);
    await this.consumer.subscribe([plan.source.topic]);
    this.currentState = 'RUNNING';
    if (background) this.loop = this.runLoop();
  }

  /**
   * Polls one batch and processes it inside the open commit (a transaction under exactly-once).
   * The commit closes when the input is drained (an empty poll) or `commitIntervalMs` after it
   * opened: one transaction spans many batches, as Kafka Streams' commit.interval.ms does.
   * Resolves to the number of input records handled.
   */
  async runOnce(timeoutMs: number): Promise<number> {
    const consumer = this.consumer;
    if (consumer === undefined || this.currentState !== 'RUNNING') return 0;
    const records = await consumer.poll(this.options.maxBatchRecords ?? 1000, timeoutMs);
    try {
      if (records.length > 0) await this.processBatch(records);
      const due = Date.now() - this.commitOpenedAt >= (this.options.commitIntervalMs ?? 100);
      if (this.pendingOffsets.size > 0 && (records.length === 0 || due)) await this.commit();
    } catch (error) {
      // Nothing since the last commit becomes visible; a restarted query resumes from that commit.
      await this.abort();
      throw error;
    }
    return records.length;
  }

  private async processBatch(records: readonly LogRecord[]): Promise<void> {
    const producer = this.producer!;
    if (this.pendingOffsets.size === 0) {
      if (this.options.guarantee === 'exactly_once_v2') await producer.beginTransaction();
      this.commitOpenedAt = Date.now();
    }
    const processor = this.processor!;
    for (const record of records) {
      processor(record);
      this.pendingOffsets.set(record.partition, record.offset + 1);
    }
    if (this.output.length > 0) {
      producer.send(this.output);
      this.output.length = 0;
    }
  }

  /** Makes the outputs and input positions since the last commit durable, together. */
  private async commit(): Promise<void> {
    const topic = this.plan.source.topic;
    const offsets = [...this.pendingOffsets].map(([partition, offset]) => ({ topic, partition, offset }));
    this.pendingOffsets.clear();
    const producer = this.producer!;
    if (this.options.guarantee === 'exactly_once_v2') {
      await producer.commitTransaction(offsets, this.consumer);
    } else {
      await producer.flush();
      await this.consumer!.commit(offsets);
    }
  }

  private async abort(): Promise<void> {
    const hadOpenCommit = this.pendingOffsets.size > 0;
    this.output.length = 0;
    this.pendingOffsets.clear();
    if (hadOpenCommit && this.options.guarantee === 'exactly_once_v2') await this.producer?.abortTransaction().catch(() => undefined);
  }

  private async runLoop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runOnce(100);
      } catch (error) {
        // A failure of Kafka itself (not of a record): the query stops in ERROR, visible in SHOW QUERIES.
        this.lastError = error as Error;
        this.currentState = 'ERROR';
        return;
      }
    }
  }

  /** Stops the loop and closes the clients; safe to call twice. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.loop;
    this.loop = undefined;
    if (this.pendingOffsets.size > 0 && this.currentState === 'RUNNING') await this.commit().catch(() => this.abort());
    if (this.currentState === 'RUNNING') this.currentState = 'TERMINATED';
    const consumer = this.consumer;
    const producer = this.producer;
    this.consumer = undefined;
    this.producer = undefined;
    await consumer?.close();
    await producer?.close();
  }
}
