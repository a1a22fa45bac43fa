// A persistent query: a consumer group over the source topic, the record processor, and a
// producer to the sink, committing outputs and input offsets together (exactly-once, in one
// Kafka transaction per batch) or offsets after the outputs are flushed (at-least-once).
import type { QueryPlan } from '../planner/index.js';
import type { Log, LogConsumer, LogProducer, LogRecord, ProduceRecord, TopicPartitionOffset } from './log/index.js';
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
  readonly guarantee: ProcessingGuarantee;
  readonly processingLog: ProcessingLog;
  readonly offsetReset: 'earliest' | 'latest';
  /** Most records handled per batch (one transaction). */
  readonly maxBatchRecords?: number;
}

export class PersistentQuery {
  readonly plan: QueryPlan;
  private readonly options: PersistentQueryOptions;
  private consumer: LogConsumer | undefined;
  private producer: LogProducer | undefined;
  private processor: RecordProcessor | undefined;
  private readonly output: ProduceRecord[] = [];
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
    this.producer = await log.producer(exactlyOnce ? { transactionalId: applicationId } : {});
    this.processor = buildRecordProcessor(plan, createSink(plan.sink, this.output), this.options.processingLog);
    await this.consumer.subscribe([plan.source.topic]);
    this.currentState = 'RUNNING';
    if (background) this.loop = this.runLoop();
  }

  /** Processes one batch; resolves to the number of input records handled. */
  async runOnce(timeoutMs: number): Promise<number> {
    const consumer = this.consumer;
    if (consumer === undefined || this.currentState !== 'RUNNING') return 0;
    const records = await consumer.poll(this.options.maxBatchRecords ?? 1000, timeoutMs);
    if (records.length === 0) return 0;
    await this.processBatch(records);
    return records.length;
  }

  private async processBatch(records: readonly LogRecord[]): Promise<void> {
    const producer = this.producer!;
    const exactlyOnce = this.options.guarantee === 'exactly_once_v2';
    if (exactlyOnce) await producer.beginTransaction();
    try {
      const processor = this.processor!;
      for (const record of records) processor(record);
      if (this.output.length > 0) {
        producer.send(this.output);
        this.output.length = 0;
      }
      const offsets = nextOffsets(records);
      if (exactlyOnce) {
        await producer.commitTransaction(offsets, this.consumer);
      } else {
        await producer.flush();
        await this.consumer!.commit(offsets);
      }
    } catch (error) {
      // Nothing of this batch becomes visible; a restarted query resumes from the last commit.
      this.output.length = 0;
      if (exactlyOnce) await producer.abortTransaction().catch(() => undefined);
      throw error;
    }
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
    if (this.currentState === 'RUNNING') this.currentState = 'TERMINATED';
    const consumer = this.consumer;
    const producer = this.producer;
    this.consumer = undefined;
    this.producer = undefined;
    await consumer?.close();
    await producer?.close();
  }
}

/** The next offset to read for each partition in the batch. */
function nextOffsets(records: readonly LogRecord[]): TopicPartitionOffset[] {
  const latest = new Map<string, TopicPartitionOffset>();
  for (const record of records) {
    const key = `${record.topic}\u0000${record.partition}`;
    const seen = latest.get(key);
    if (seen === undefined || record.offset + 1 > seen.offset) {
      latest.set(key, { topic: record.topic, partition: record.partition, offset: record.offset + 1 });
    }
  }
  return [...latest.values()];
}
