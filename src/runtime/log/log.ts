// The Log: the engine's only door to Kafka. Three implementations share this contract and one
// contract test suite: Kafka (@confluentinc/kafka-javascript), the embedded Kafka (librdkafka's
// mock cluster, reached through the same Kafka implementation) and an in-memory log.

export interface RecordHeader {
  readonly key: string;
  readonly value: Uint8Array | null;
}

/** A record as read from a topic partition. */
export interface LogRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  /** Milliseconds since the epoch (the record's CreateTime). */
  readonly timestamp: number;
  readonly headers: readonly RecordHeader[];
}

/** A record to write. Without `partition`, the partition is murmur2(key) like the Java client (random when the key is null). */
export interface ProduceRecord {
  readonly topic: string;
  readonly partition?: number;
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly timestamp?: number;
  readonly headers?: readonly RecordHeader[];
}

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** `offset` is the next offset to read (Kafka's committed-offset convention). */
export interface TopicPartitionOffset extends TopicPartition {
  readonly offset: number;
}

export interface TopicDescription {
  readonly name: string;
  readonly partitions: number;
}

export interface CreateTopicOptions {
  readonly partitions: number;
  readonly replicas?: number;
  /** Extra topic configs, e.g. `cleanup.policy: 'compact'`; ignored where the broker cannot honour them. */
  readonly config?: Readonly<Record<string, string>>;
}

export interface ProducerOptions {
  /** Set for a transactional producer (exactly-once); unique per query (and per instance). */
  readonly transactionalId?: string;
}

export type OffsetReset = 'earliest' | 'latest';

export interface ConsumerOptions {
  readonly groupId: string;
  readonly offsetReset: OffsetReset;
  /** Read only committed transactional data (exactly-once consumers). Default true. */
  readonly readCommitted?: boolean;
}

/**
 * Admin, producers and consumers over one cluster. `close` must be safe to call twice.
 */
export interface Log {
  /** Creates the topic if it does not exist; a no-op when it does (whatever its partition count). */
  createTopic(name: string, options: CreateTopicOptions): Promise<void>;
  /** Undefined when the topic does not exist. */
  describeTopic(name: string): Promise<TopicDescription | undefined>;
  listTopics(): Promise<TopicDescription[]>;
  /** Deletes the topic where the broker supports it; resolves to false when it cannot. */
  deleteTopic(name: string): Promise<boolean>;
  producer(options?: ProducerOptions): Promise<LogProducer>;
  consumer(options: ConsumerOptions): Promise<LogConsumer>;
  close(): Promise<void>;
}

export interface LogProducer {
  /**
   * Queues records for sending; the call itself does no I/O and returns at once.
   * Records to the same partition keep their order. Errors surface from `flush` or `commitTransaction`.
   */
  send(records: readonly ProduceRecord[]): void;
  /** Resolves once every queued record is acknowledged. */
  flush(): Promise<void>;
  beginTransaction(): Promise<void>;
  /**
   * Commits the open transaction atomically with the consumer's offsets (exactly-once:
   * outputs, changelogs and input positions become visible together or not at all).
   */
  commitTransaction(offsets: readonly TopicPartitionOffset[], consumer: LogConsumer | undefined): Promise<void>;
  abortTransaction(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Told of the partitions a group member gains and loses. Both are called from inside `poll`
 * (as librdkafka serves its rebalance callback) and awaited before it returns records.
 */
export interface RebalanceListener {
  /** Partitions this member now owns; called before any of their records is returned. */
  onAssigned(partitions: readonly TopicPartition[]): Promise<void> | void;
  /**
   * Partitions being taken away: the owner commits their work here. No record of them is
   * returned afterwards, and the group hands them on only once this resolved.
   */
  onRevoked(partitions: readonly TopicPartition[]): Promise<void> | void;
}

export interface LogConsumer {
  /** Joins the group for these topics; partitions are assigned by the group. */
  subscribe(topics: readonly string[], listener?: RebalanceListener): Promise<void>;
  /** Reads these partitions directly, outside group management, from the given offsets. */
  assign(partitions: readonly TopicPartitionOffset[]): Promise<void>;
  /**
   * Up to `maxRecords` records, waiting at most `timeoutMs` for the first. Returns [] on timeout.
   * Records of one partition come in offset order.
   */
  poll(maxRecords: number, timeoutMs: number): Promise<LogRecord[]>;
  /** The next poll reads these partitions from these offsets (rewinding after an aborted transaction). */
  seek(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  /** Currently assigned partitions. */
  assignment(): TopicPartition[];
  /** Commits offsets for the group (at-least-once; exactly-once commits through the producer). */
  commit(offsets: readonly TopicPartitionOffset[]): Promise<void>;
  /** The group's committed offsets for these partitions (undefined where none). */
  committed(partitions: readonly TopicPartition[]): Promise<(number | undefined)[]>;
  /** The offset after the last record of each partition (the high watermark / end offset). */
  endOffsets(partitions: readonly TopicPartition[]): Promise<number[]>;
  /** The first offset still held by each partition (older data may have been dropped). */
  beginningOffsets(partitions: readonly TopicPartition[]): Promise<number[]>;
  close(): Promise<void>;
}
