// The ceiling: a bare consume → JSON.parse → filter → JSON.stringify → produce loop on the client's librdkafka API.
import kafka, { type LibrdKafkaError, type Message, type TopicPartitionOffset } from '@confluentinc/kafka-javascript';
import { DEFAULT_COMMIT_INTERVAL_MS } from '../src/engine/index.js';
import { DEFAULT_COMMIT_MIN_PAUSE_MS } from '../src/runtime/index.js';

type NativeConsumer = InstanceType<typeof kafka.KafkaConsumer>;
type NativeProducer = InstanceType<typeof kafka.Producer>;

export interface RawLoopOptions {
  readonly bootstrapServers: string;
  /** Consumer group and, with exactly-once, transactional id. */
  readonly groupId: string;
  readonly inputTopic: string;
  readonly outputTopic: string;
  readonly exactlyOnce: boolean;
  /** The output value for a parsed input value, or undefined to drop the record. */
  readonly transform: (value: unknown) => unknown;
}

export interface RawLoop {
  stop(): Promise<void>;
}

/** Records per consume call, as Squall's query loop takes them. */
const batchRecords = 1000;
const consumeTimeoutMs = 100;
/**
 * As a Squall query commits by default: when caught up (a poll empty, or a batch not filled and
 * the transaction open the minimum pause), else once per interval.
 */
const commitIntervalMs = DEFAULT_COMMIT_INTERVAL_MS;
const requestTimeoutMs = 10_000;
/** librdkafka's "local queue full": wait for deliveries, then produce again. */
const queueFullCode = -184;

export async function startRawLoop(options: RawLoopOptions): Promise<RawLoop> {
  const consumer = new kafka.KafkaConsumer(
    {
      'bootstrap.servers': options.bootstrapServers,
      'group.id': options.groupId,
      'enable.auto.commit': false,
      'isolation.level': 'read_committed',
      // Squall's consumer setting on the embedded Kafka, so both wait for data the same way.
      'fetch.wait.max.ms': 5,
    },
    { 'auto.offset.reset': 'earliest' },
  );
  const producer = new kafka.Producer({
    'bootstrap.servers': options.bootstrapServers,
    // Squall's producer setting on the embedded Kafka.
    'linger.ms': 1,
    // No per-message delivery reports: the loop never looks at them.
    dr_cb: false,
    ...(options.exactlyOnce ? { 'transactional.id': options.groupId } : {}),
  });
  await settle<unknown>((callback) => consumer.connect({ timeout: requestTimeoutMs }, callback));
  await settle<unknown>((callback) => producer.connect({ timeout: requestTimeoutMs }, callback));
  if (options.exactlyOnce) await settleDone((done) => producer.initTransactions(requestTimeoutMs, done));
  consumer.subscribe([options.inputTopic]);
  consumer.setDefaultConsumeTimeout(consumeTimeoutMs);
  returnAfterFirstMessage(consumer);
  const loop = new RawLoopRunner(consumer, producer, options);
  const running = loop.run();
  return {
    stop: async () => {
      loop.stopping = true;
      await running;
      await new Promise<void>((resolve) => producer.disconnect(() => resolve()));
      await new Promise<void>((resolve) => consumer.disconnect(() => resolve()));
    },
  };
}

class RawLoopRunner {
  stopping = false;
  private readonly pendingOffsets = new Map<number, number>();
  private inTransaction = false;
  private lastCommitMs = Date.now();

  constructor(
    private readonly consumer: NativeConsumer,
    private readonly producer: NativeProducer,
    private readonly options: RawLoopOptions,
  ) {}

  async run(): Promise<void> {
    while (!this.stopping) {
      const messages = await settle<Message[]>((callback) => this.consumer.consume(batchRecords, callback));
      if (messages.length === 0) {
        await this.commit();
        continue;
      }
      if (this.options.exactlyOnce && !this.inTransaction) {
        await settleDone((done) => this.producer.beginTransaction(done));
        this.inTransaction = true;
      }
      for (const message of messages) await this.handle(message);
      const openMs = Date.now() - this.lastCommitMs;
      if ((messages.length < batchRecords && openMs >= DEFAULT_COMMIT_MIN_PAUSE_MS) || openMs >= commitIntervalMs) await this.commit();
    }
    await this.commit();
  }

  private async handle(message: Message): Promise<void> {
    this.pendingOffsets.set(message.partition, message.offset + 1);
    if (message.value === null) return;
    const output = this.options.transform(JSON.parse(message.value.toString()));
    if (output === undefined) return;
    const value = Buffer.from(JSON.stringify(output));
    while (!this.produce(value, message)) {
      this.producer.poll();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  }

  /** False when librdkafka's queue is full. */
  private produce(value: Buffer, input: Message): boolean {
    try {
      this.producer.produce(this.options.outputTopic, null, value, input.key, input.timestamp ?? null);
      return true;
    } catch (error) {
      if (typeof error === 'object' && error !== null && Reflect.get(error, 'code') === queueFullCode) return false;
      throw error;
    }
  }

  private async commit(): Promise<void> {
    this.lastCommitMs = Date.now();
    const offsets: TopicPartitionOffset[] = [...this.pendingOffsets].map(([partition, offset]) => ({ topic: this.options.inputTopic, partition, offset }));
    this.pendingOffsets.clear();
    if (this.options.exactlyOnce) {
      if (!this.inTransaction) return;
      if (offsets.length > 0) {
        await settleDone((done) => this.producer.sendOffsetsToTransaction(offsets, this.consumer, requestTimeoutMs, done));
      }
      await settleDone((done) => this.producer.commitTransaction(requestTimeoutMs, done));
      this.inTransaction = false;
      return;
    }
    if (offsets.length === 0) return;
    await settleDone((done) => this.producer.flush(requestTimeoutMs, done));
    this.consumer.commit(offsets);
  }
}

/** `consume(n)` returns as soon as one message is there instead of waiting the whole timeout for n (undeclared in the types). */
function returnAfterFirstMessage(consumer: NativeConsumer): void {
  const method: unknown = Reflect.get(consumer, 'setDefaultIsTimeoutOnlyForFirstMessage');
  if (typeof method !== 'function') throw new Error('@confluentinc/kafka-javascript lacks setDefaultIsTimeoutOnlyForFirstMessage');
  method.call(consumer, true);
}

/** `settle` for calls whose callback reports only an error. */
function settleDone(start: (done: (error: LibrdKafkaError | null | undefined) => void) => void): Promise<void> {
  return settle<void>((callback) => start((error) => callback(error, undefined)));
}

function settle<T>(start: (callback: (error: LibrdKafkaError | null | undefined, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    start((error, value) => {
      if (error !== null && error !== undefined) reject(new Error(`Kafka client call failed: ${error.message} (code ${error.code})`));
      else resolve(value);
    });
  });
}
