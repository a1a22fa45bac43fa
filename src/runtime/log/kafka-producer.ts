// The Kafka Log's producer over librdkafka: fire-and-forget sends, errors surfaced at flush or commit.
import kafka, { type LibrdKafkaError, type MessageHeader, type ProducerGlobalConfig } from '@confluentinc/kafka-javascript';
import { call, callVoid, errorCodes, isLibrdKafkaError, KafkaClientError, toClientError } from './librdkafka-calls.js';
import { KafkaLogConsumer } from './kafka-consumer.js';
import type { KafkaClientSettings } from './kafka-settings.js';
import type { LogConsumer, LogProducer, ProduceRecord, RecordHeader, TopicPartitionOffset } from './log.js';

type NativeProducer = InstanceType<typeof kafka.Producer>;

/** How long `flush` and `close` wait for queued records to be acknowledged. */
const flushTimeoutMs = 60_000;
/** While librdkafka's queue is full, the backlog retries this often. */
const backlogRetryMs = 5;

export class KafkaLogProducer implements LogProducer {
  /** Records refused by a full local queue, in order; sent before anything newer. */
  private backlog: ProduceRecord[] = [];
  private draining: Promise<void> | undefined;
  /** The first failure since the last flush or commit: a failed delivery, a refused record, a fatal error. */
  private pendingError: Error | undefined;
  private inTransaction = false;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly native: NativeProducer,
    private readonly settings: KafkaClientSettings,
    private readonly onClose: (producer: KafkaLogProducer) => void,
  ) {
    native.on('delivery-report', (error) => this.recordFailure('Delivery', error));
    native.on('event.error', (error) => {
      if (error.isFatal === true) this.recordFailure('Producer', error);
    });
  }

  static async connect(
    settings: KafkaClientSettings,
    transactionalId: string | undefined,
    onClose: (producer: KafkaLogProducer) => void,
  ): Promise<KafkaLogProducer> {
    const config: ProducerGlobalConfig = Object.assign(
      // On the in-process mock a batch costs nothing to send, so waiting to fill one only adds latency.
      { 'linger.ms': settings.mockCluster ? 1 : 5 },
      settings.properties,
      {
        'bootstrap.servers': settings.bootstrapServers,
        // The Java client's partitioner, so our keyed records land where other producers' do.
        partitioner: 'murmur2_random' as const,
        // Only failures come back to JavaScript: no per-record callback on the hot path.
        dr_cb: true,
        'delivery.report.only.error': true,
      },
      transactionalId === undefined ? {} : { 'transactional.id': transactionalId },
    );
    const native = new kafka.Producer(config);
    const producer = new KafkaLogProducer(native, settings, onClose);
    try {
      await call('Producer connect', (callback) => native.connect({ timeout: settings.requestTimeoutMs }, callback));
      native.setPollInterval(100);
      if (transactionalId !== undefined) {
        await callVoid('initTransactions', (callback) => native.initTransactions(settings.requestTimeoutMs, callback));
      }
    } catch (error) {
      await producer.close();
      throw error;
    }
    return producer;
  }

  send(records: readonly ProduceRecord[]): void {
    let index = 0;
    if (this.backlog.length === 0) {
      while (index < records.length && this.produce(records[index]!)) index++;
      if (index === records.length) return;
    }
    // Queue full (now or earlier): the rest waits its turn behind the backlog, order kept.
    for (; index < records.length; index++) this.backlog.push(records[index]!);
    this.draining ??= this.drainBacklog();
  }

  async flush(): Promise<void> {
    await this.sendBacklog();
    await callVoid('Flush', (callback) => this.native.flush(flushTimeoutMs, callback));
    await this.collectDeliveryReports();
    this.throwPendingError();
  }

  async beginTransaction(): Promise<void> {
    await callVoid('beginTransaction', (callback) => this.native.beginTransaction(callback));
    this.inTransaction = true;
  }

  async commitTransaction(offsets: readonly TopicPartitionOffset[], consumer: LogConsumer | undefined): Promise<void> {
    await this.sendBacklog();
    const failedSend = this.pendingError;
    if (failedSend !== undefined) {
      // Committing would publish the transaction without the failed records: abort it instead.
      await this.abortTransaction().catch(() => undefined);
      throw failedSend;
    }
    if (offsets.length > 0) await this.sendOffsets(offsets, consumer);
    try {
      await callVoid('commitTransaction', (callback) => this.native.commitTransaction(this.settings.requestTimeoutMs, callback));
    } catch (error) {
      if (error instanceof KafkaClientError && error.requiresAbort) await this.abortTransaction();
      throw error;
    }
    this.inTransaction = false;
    // The mock cluster acknowledges TxnOffsetCommit but never stores the offsets, so the group would
    // restart from scratch; committing them through the consumer as well keeps restarts close to
    // exactly-once there (a crash between the two steps replays one transaction).
    if (this.settings.mockCluster && consumer !== undefined && offsets.length > 0) await consumer.commit(offsets);
  }

  async abortTransaction(): Promise<void> {
    this.backlog = [];
    await callVoid('abortTransaction', (callback) => this.native.abortTransaction(this.settings.requestTimeoutMs, callback));
    this.inTransaction = false;
    this.pendingError = undefined;
  }

  close(): Promise<void> {
    this.closing ??= this.disconnect();
    return this.closing;
  }

  private async disconnect(): Promise<void> {
    if (this.inTransaction) await this.abortTransaction().catch(() => undefined);
    await new Promise<void>((resolve) => this.native.disconnect(flushTimeoutMs, () => resolve()));
    this.onClose(this);
  }

  private async sendOffsets(offsets: readonly TopicPartitionOffset[], consumer: LogConsumer | undefined): Promise<void> {
    if (!(consumer instanceof KafkaLogConsumer)) throw new Error('commitTransaction with offsets needs a consumer of the same KafkaLog');
    const partitions = offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }));
    await callVoid('sendOffsetsToTransaction', (callback) =>
      this.native.sendOffsetsToTransaction(partitions, consumer.native, this.settings.requestTimeoutMs, callback),
    );
  }

  /** Hands one record to librdkafka; false when its queue is full and the record must wait. */
  private produce(record: ProduceRecord): boolean {
    try {
      this.native.produce(
        record.topic,
        record.partition ?? null,
        toBuffer(record.value),
        toBuffer(record.key),
        record.timestamp ?? null,
        undefined,
        record.headers === undefined || record.headers.length === 0 ? undefined : toNativeHeaders(record.headers),
      );
      return true;
    } catch (error) {
      if (isLibrdKafkaError(error) && error.code === errorCodes.queueFull) return false;
      this.pendingError ??= toClientError(`Produce to ${record.topic}[${record.partition ?? 'any'}]`, error);
      return true;
    }
  }

  private async drainBacklog(): Promise<void> {
    while (this.backlog.length > 0) {
      const sent = this.backlog.findIndex((record) => !this.produce(record));
      if (sent < 0) {
        this.backlog = [];
        break;
      }
      this.backlog = this.backlog.slice(sent);
      this.native.poll();
      await new Promise((resolve) => setTimeout(resolve, backlogRetryMs));
    }
    this.draining = undefined;
  }

  private async sendBacklog(): Promise<void> {
    if (this.backlog.length > 0) this.draining ??= this.drainBacklog();
    await this.draining;
  }

  /** Delivery reports reach JavaScript through an async hand-off; poll once and let it land. */
  private async collectDeliveryReports(): Promise<void> {
    this.native.poll();
    await new Promise((resolve) => setImmediate(resolve));
  }

  private recordFailure(operation: string, error: LibrdKafkaError | null | undefined): void {
    if (error !== null && error !== undefined) this.pendingError ??= new KafkaClientError(operation, error);
  }

  private throwPendingError(): void {
    const error = this.pendingError;
    this.pendingError = undefined;
    if (error !== undefined) throw error;
  }
}

/** Views the bytes as a Buffer without copying. */
function toBuffer(data: Uint8Array | null): Buffer | null {
  if (data === null) return null;
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** librdkafka cannot send a null header value; it goes out empty. */
function toNativeHeaders(headers: readonly RecordHeader[]): MessageHeader[] {
  return headers.map((header) => ({ [header.key]: toBuffer(header.value) ?? Buffer.alloc(0) }));
}
