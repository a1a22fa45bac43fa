// The Kafka Log's consumer over librdkafka: batched consume, manual commits, group or direct assignment.
import kafka, { type ConsumerGlobalConfig, type LibrdKafkaError, type Message, type MessageHeader, type TopicPartitionOffset as NativeOffset } from '@confluentinc/kafka-javascript';
import { call, callVoid, toClientError } from './librdkafka-calls.js';
import type { KafkaClientSettings } from './kafka-settings.js';
import type { ConsumerOptions, LogConsumer, LogRecord, RebalanceListener, RecordHeader, TopicPartition, TopicPartitionOffset } from './log.js';

type NativeConsumer = InstanceType<typeof kafka.KafkaConsumer>;

/** Methods the client has but its type declarations lack. */
interface UndeclaredConsumerMethods {
  commitCb(partitions: NativeOffset[], callback: (error: LibrdKafkaError | null) => void): void;
  setDefaultIsTimeoutOnlyForFirstMessage(timeoutOnlyForFirstMessage: boolean): void;
}

function undeclaredMethods(native: NativeConsumer): UndeclaredConsumerMethods {
  const methods: unknown = native;
  const present = (name: string): boolean => typeof Reflect.get(native, name) === 'function';
  if (!present('commitCb') || !present('setDefaultIsTimeoutOnlyForFirstMessage')) {
    throw new Error('@confluentinc/kafka-javascript lacks commitCb or setDefaultIsTimeoutOnlyForFirstMessage: unsupported client version');
  }
  return methods as UndeclaredConsumerMethods;
}

const noHeaders: readonly RecordHeader[] = Object.freeze([]);

/**
 * After a member leaves, the mock cluster waits the group's session timeout less 1 s before it
 * rebalances (45 s by default), so a restarted query would sit idle that long; a short session
 * keeps that wait near 2 s. The consumers are local, so their heartbeats are not at risk.
 * It also holds an empty fetch for the whole fetch.wait.max.ms even when data arrives meanwhile
 * (a real broker answers at once), so a short wait is what keeps latency low on it.
 */
const mockClusterConsumerSettings = { 'session.timeout.ms': 3000, 'heartbeat.interval.ms': 1000, 'fetch.wait.max.ms': 5 };

/** librdkafka's rebalance events (eager protocol). */
const ASSIGN_PARTITIONS = -175;
const REVOKE_PARTITIONS = -174;

interface RebalanceEvent {
  readonly kind: 'assign' | 'revoke';
  readonly partitions: readonly TopicPartition[];
}

/** ListOffsets' logical timestamps: the end of a partition (its last stable offset when read committed) and its start. */
const latestOffset = -1;
const earliestOffset = -2;

export class KafkaLogConsumer implements LogConsumer {
  private closing: Promise<void> | undefined;
  private listener: RebalanceListener | undefined;
  /** Rebalance events librdkafka reported, served (with the listener) at the next poll. */
  private readonly rebalances: RebalanceEvent[] = [];
  private readonly undeclared: UndeclaredConsumerMethods;

  private constructor(
    /** @internal The librdkafka consumer, for the producer's sendOffsetsToTransaction. */
    readonly native: NativeConsumer,
    private readonly settings: KafkaClientSettings,
    private readonly onClose: (consumer: KafkaLogConsumer) => void,
  ) {
    this.undeclared = undeclaredMethods(native);
    // `poll(max, timeout)` waits only for the first record, then takes what is already fetched.
    this.undeclared.setDefaultIsTimeoutOnlyForFirstMessage(true);
  }

  static async connect(
    settings: KafkaClientSettings,
    options: ConsumerOptions,
    onClose: (consumer: KafkaLogConsumer) => void,
  ): Promise<KafkaLogConsumer> {
    const config: ConsumerGlobalConfig = Object.assign(
      { 'fetch.wait.max.ms': 100 },
      settings.mockCluster ? mockClusterConsumerSettings : {},
      settings.properties,
      {
        'bootstrap.servers': settings.bootstrapServers,
        'group.id': options.groupId,
        // Offsets move only when the engine commits them (at-least-once) or its transaction does (exactly-once).
        'enable.auto.commit': false,
        'isolation.level': options.readCommitted === false ? ('read_uncommitted' as const) : ('read_committed' as const),
      },
    );
    // A topic-level property: given in the global config, an explicit topic config would override it.
    const topicConfig = { 'auto.offset.reset': options.offsetReset };
    // The group's assignment is taken up from `poll` (see `serveRebalances`), so that a revoke
    // waits for the listener's commit before librdkafka hands the partitions on.
    let self: KafkaLogConsumer | undefined;
    const rebalanceConfig = {
      rebalance_cb: (error: LibrdKafkaError | undefined, assignment: NativeOffset[]) => self?.onRebalance(error, assignment),
    };
    const consumer = new KafkaLogConsumer(new kafka.KafkaConsumer({ ...config, ...rebalanceConfig }, topicConfig), settings, onClose);
    self = consumer;
    try {
      await call('Consumer connect', (callback) => consumer.native.connect({ timeout: settings.requestTimeoutMs }, callback));
    } catch (error) {
      await consumer.close();
      throw error;
    }
    return consumer;
  }

  async subscribe(topics: readonly string[], listener?: RebalanceListener): Promise<void> {
    this.listener = listener;
    this.native.subscribe([...topics]);
  }

  private onRebalance(error: LibrdKafkaError | undefined, assignment: NativeOffset[]): void {
    const partitions = assignment.map(({ topic, partition }) => ({ topic, partition }));
    const kind = error?.code === ASSIGN_PARTITIONS ? 'assign' : error?.code === REVOKE_PARTITIONS ? 'revoke' : undefined;
    if (kind === undefined) return;
    // Without a listener, or while closing, there is nothing to wait for.
    if (this.listener === undefined || this.closing !== undefined) return this.applyRebalance(kind, partitions);
    this.rebalances.push({ kind, partitions });
  }

  private applyRebalance(kind: RebalanceEvent['kind'], partitions: readonly TopicPartition[]): void {
    try {
      if (kind === 'assign') this.native.assign(partitions.map(({ topic, partition }) => ({ topic, partition })));
      else this.native.unassign();
    } catch (error) {
      if (this.native.isConnected()) throw toClientError(kind === 'assign' ? 'Assign' : 'Unassign', error);
    }
  }

  /** Runs the listener for each reported rebalance, then lets librdkafka go on with it. */
  private async serveRebalances(): Promise<void> {
    for (let event = this.rebalances.shift(); event !== undefined; event = this.rebalances.shift()) {
      if (event.kind === 'revoke') {
        await this.listener?.onRevoked(event.partitions);
        this.applyRebalance('revoke', event.partitions);
      } else {
        this.applyRebalance('assign', event.partitions);
        await this.listener?.onAssigned(event.partitions);
      }
    }
  }

  async assign(partitions: readonly TopicPartitionOffset[]): Promise<void> {
    this.native.assign(partitions.map(({ topic, partition, offset }) => ({ topic, partition, offset })));
  }

  async poll(maxRecords: number, timeoutMs: number): Promise<LogRecord[]> {
    await this.serveRebalances();
    this.native.setDefaultConsumeTimeout(timeoutMs);
    const messages = await call<Message[]>('Consume', (callback) => this.native.consume(maxRecords, callback));
    // A revoke reported during this consume is served first: its partitions' records wait for
    // the next owner, which reads them again from the committed offsets.
    if (this.rebalances.length > 0) {
      const revoked = new Set(
        this.rebalances.filter((event) => event.kind === 'revoke').flatMap((event) => event.partitions.map(({ topic, partition }) => `${topic}\u0000${partition}`)),
      );
      await this.serveRebalances();
      return messages.filter((message) => !revoked.has(`${message.topic}\u0000${message.partition}`)).map(toLogRecord);
    }
    return messages.map(toLogRecord);
  }

  async seek(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    await Promise.all(
      offsets.map(({ topic, partition, offset }) =>
        callVoid('Seek', (callback) => this.native.seek({ topic, partition, offset }, this.settings.requestTimeoutMs, callback)),
      ),
    );
  }

  assignment(): TopicPartition[] {
    return this.native.assignments().map(({ topic, partition }) => ({ topic, partition }));
  }

  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    if (offsets.length === 0) return;
    const partitions = offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset }));
    await callVoid('Commit', (callback) => this.undeclared.commitCb(partitions, callback));
  }

  async committed(partitions: readonly TopicPartition[]): Promise<(number | undefined)[]> {
    if (partitions.length === 0) return [];
    const request = partitions.map(({ topic, partition }) => ({ topic, partition }));
    const answer = await call<NativeOffset[]>('Committed', (callback) => this.native.committed(request, this.settings.requestTimeoutMs, callback));
    const offsets = new Map(answer.map((entry) => [`${entry.topic}\u0000${entry.partition}`, entry.offset]));
    return partitions.map(({ topic, partition }) => {
      const offset = offsets.get(`${topic}\u0000${partition}`);
      // librdkafka reports "no committed offset" as a missing or negative (logical) offset.
      return offset === undefined || offset < 0 ? undefined : offset;
    });
  }

  endOffsets(partitions: readonly TopicPartition[]): Promise<number[]> {
    return this.listOffsets('End offsets', partitions, latestOffset);
  }

  beginningOffsets(partitions: readonly TopicPartition[]): Promise<number[]> {
    return this.listOffsets('Beginning offsets', partitions, earliestOffset);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      const owned = this.assignment();
      if (this.listener !== undefined && owned.length > 0) await this.listener.onRevoked(owned);
      this.rebalances.length = 0;
      await new Promise<void>((resolve) => this.native.disconnect(() => resolve()));
      this.onClose(this);
    })();
    return this.closing;
  }

  /**
   * The offsets at `timestamp` (latest or earliest), under the consumer's isolation level: one
   * ListOffsets request per broker for all the partitions (querying watermarks costs two per partition).
   */
  private async listOffsets(operation: string, partitions: readonly TopicPartition[], timestamp: number): Promise<number[]> {
    if (partitions.length === 0) return [];
    const request = partitions.map(({ topic, partition }) => ({ topic, partition, offset: timestamp }));
    const answer = await call<(NativeOffset | Error)[]>(operation, (callback) => this.native.offsetsForTimes(request, this.settings.requestTimeoutMs, callback));
    // A partition that failed comes back as an Error in its place.
    const failed = answer.find((entry): entry is Error => entry instanceof Error);
    if (failed !== undefined) throw toClientError(operation, failed);
    const offsets = new Map((answer as NativeOffset[]).map((entry) => [`${entry.topic}\u0000${entry.partition}`, entry.offset]));
    return partitions.map(({ topic, partition }) => {
      const offset = offsets.get(`${topic}\u0000${partition}`);
      if (offset === undefined || offset < 0) throw new Error(`${operation}: no offset for ${topic}[${partition}]`);
      return offset;
    });
  }
}

/** Converts a librdkafka message once, into the engine's record shape. */
function toLogRecord(message: Message): LogRecord {
  return {
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    key: toBytes(message.key),
    value: message.value ?? null,
    timestamp: message.timestamp ?? -1,
    headers: message.headers === undefined ? noHeaders : toRecordHeaders(message.headers),
  };
}

function toBytes(key: Buffer | string | null | undefined): Uint8Array | null {
  if (key === null || key === undefined) return null;
  return typeof key === 'string' ? Buffer.from(key) : key;
}

/** Each librdkafka header is a one-entry object `{ [key]: value }`. */
function toRecordHeaders(headers: MessageHeader[]): RecordHeader[] {
  const converted: RecordHeader[] = [];
  for (const header of headers) {
    for (const key in header) {
      const value = header[key]!;
      converted.push({ key, value: typeof value === 'string' ? Buffer.from(value) : value });
    }
  }
  return converted;
}
