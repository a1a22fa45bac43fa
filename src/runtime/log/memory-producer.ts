// The in-memory log's producer: appends at once, with Kafka's transactional visibility and fencing.
import type { LogConsumer, LogProducer, LogRecord, ProduceRecord, RecordHeader, TopicPartitionOffset } from './log.js';
import { MemoryConsumer } from './memory-consumer.js';
import { SimulatedCrash, type FaultOperation } from './memory-faults.js';
import { ProducerFencedError } from './log-errors.js';
import type { MemoryStore, MemoryTransaction } from './memory-store.js';
import { partitionForKey } from './murmur2.js';

const noHeaders: readonly RecordHeader[] = Object.freeze([]);

export class MemoryProducer implements LogProducer {
  private transaction: MemoryTransaction | undefined;
  /** The first failed send since the last flush or commit; Kafka reports send errors late too. */
  private pendingError: Error | undefined;
  /** Null-keyed records go round-robin (deterministic, unlike Kafka's random or sticky choice). */
  private nextNullKeyPartition = 0;
  private fenced = false;
  private closed = false;
  /** The process died mid-commit: the transaction stays open until a successor fences it. */
  private crashed = false;

  constructor(
    private readonly store: MemoryStore,
    readonly transactionalId: string | undefined,
    private readonly onClose: (producer: MemoryProducer) => void,
  ) {}

  send(records: readonly ProduceRecord[]): void {
    try {
      this.store.faults.check('send');
    } catch (error) {
      return this.fail(error as Error);
    }
    for (const record of records) this.append(record);
    this.store.notify();
  }

  async flush(): Promise<void> {
    this.assertUsable('flush');
    this.throwPendingError();
  }

  async beginTransaction(): Promise<void> {
    this.assertUsable('beginTransaction');
    if (this.transactionalId === undefined) throw new Error('beginTransaction needs a producer created with a transactionalId');
    if (this.transaction !== undefined) throw new Error(`Transaction already open for '${this.transactionalId}'`);
    this.transaction = { state: 'open', partitions: new Set() };
  }

  async commitTransaction(offsets: readonly TopicPartitionOffset[], consumer: LogConsumer | undefined): Promise<void> {
    const transaction = this.openTransaction('commitTransaction');
    if (this.store.faults.takeCrash()) {
      this.crashed = true;
      if (consumer instanceof MemoryConsumer) consumer.crash();
      throw new SimulatedCrash('commitTransaction');
    }
    if (this.pendingError !== undefined) {
      this.endTransaction(transaction, 'aborted');
      this.throwPendingError();
    }
    if (offsets.length > 0) {
      if (!(consumer instanceof MemoryConsumer)) throw new Error('commitTransaction with offsets needs a consumer of the same MemoryLog');
      this.store.commitOffsets(consumer.groupId, offsets);
    }
    this.endTransaction(transaction, 'committed');
  }

  async abortTransaction(): Promise<void> {
    this.endTransaction(this.openTransaction('abortTransaction'), 'aborted');
    this.pendingError = undefined;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.transaction !== undefined && !this.crashed) this.endTransaction(this.transaction, 'aborted');
    this.closed = true;
    this.onClose(this);
  }

  /** A newer producer with the same transactional id took over: abort ours and refuse further work. */
  fence(): void {
    if (this.transaction !== undefined) this.endTransaction(this.transaction, 'aborted');
    this.fenced = true;
  }

  private append(record: ProduceRecord): void {
    if (this.closed || this.fenced || this.crashed) return this.fail(this.unusableError());
    if (this.transactionalId !== undefined && this.transaction === undefined) {
      return this.fail(new Error(`Transactional producer '${this.transactionalId}' sent outside a transaction`));
    }
    const topic = this.store.topicForProduce(record.topic);
    if (topic === undefined) return this.fail(new Error(`Unknown topic '${record.topic}'`));
    const partition = record.partition ?? this.choosePartition(record.key, topic.partitions.length);
    const target = topic.partitions[partition];
    if (target === undefined) return this.fail(new Error(`Unknown partition ${partition} of topic '${record.topic}'`));
    const stored: LogRecord = {
      topic: record.topic,
      partition,
      offset: target.records.length,
      key: record.key,
      value: record.value,
      timestamp: record.timestamp ?? this.store.options.clock(),
      headers: record.headers ?? noHeaders,
    };
    target.append(stored, this.transaction);
  }

  private choosePartition(key: Uint8Array | null, partitions: number): number {
    if (key !== null) return partitionForKey(key, partitions);
    const partition = this.nextNullKeyPartition % partitions;
    this.nextNullKeyPartition = partition + 1;
    return partition;
  }

  private fail(error: Error): void {
    this.pendingError ??= error;
  }

  private throwPendingError(): void {
    const error = this.pendingError;
    this.pendingError = undefined;
    if (error !== undefined) throw error;
  }

  private openTransaction(operation: FaultOperation): MemoryTransaction {
    this.assertUsable(operation);
    if (this.transaction === undefined) throw new Error(`No open transaction for '${this.transactionalId ?? 'a non-transactional producer'}'`);
    return this.transaction;
  }

  private endTransaction(transaction: MemoryTransaction, state: 'committed' | 'aborted'): void {
    transaction.state = state;
    for (const partition of transaction.partitions) partition.endTransaction(transaction);
    this.transaction = undefined;
    this.store.notify();
  }

  private assertUsable(operation: FaultOperation): void {
    if (this.closed || this.fenced || this.crashed) throw this.unusableError();
    this.store.faults.check(operation);
  }

  private unusableError(): Error {
    if (this.crashed) return new SimulatedCrash('a producer call after the crash');
    if (this.fenced) return new ProducerFencedError(`Producer fenced: a newer producer uses transactional id '${this.transactionalId}'`);
    return new Error('Producer is closed');
  }
}
