// The in-memory log's shared state: topics, partitions with transactional visibility, and consumer groups.
import type { LogRecord, TopicPartition, TopicPartitionOffset } from './log.js';
import { MemoryFaults } from './memory-faults.js';

type TransactionState = 'open' | 'committed' | 'aborted';

/** One producer transaction; records point at it so that commit or abort flips them all at once. */
export interface MemoryTransaction {
  state: TransactionState;
  /** Partitions holding records of this transaction, for clearing their last-stable-offset markers. */
  readonly partitions: Set<MemoryPartition>;
}

interface StoredRecord {
  readonly record: LogRecord;
  readonly transaction: MemoryTransaction | undefined;
}

export class MemoryPartition {
  readonly records: StoredRecord[] = [];
  /** First offset of each open transaction here; the smallest is the last stable offset. */
  private readonly openTransactionStarts = new Map<MemoryTransaction, number>();

  append(record: LogRecord, transaction: MemoryTransaction | undefined): void {
    if (transaction !== undefined && !this.openTransactionStarts.has(transaction)) {
      this.openTransactionStarts.set(transaction, this.records.length);
      transaction.partitions.add(this);
    }
    this.records.push({ record, transaction });
  }

  endTransaction(transaction: MemoryTransaction): void {
    this.openTransactionStarts.delete(transaction);
  }

  /** Read-committed consumers stop before the first record of a still-open transaction (Kafka's LSO). */
  lastStableOffset(): number {
    let stable = this.records.length;
    for (const start of this.openTransactionStarts.values()) stable = Math.min(stable, start);
    return stable;
  }
}

interface MemoryTopic {
  readonly name: string;
  readonly partitions: readonly MemoryPartition[];
}

/** What the store needs from a subscribed consumer to rebalance its group. */
export interface GroupMember {
  readonly subscription: readonly string[];
  /** The member's new target assignment; it takes it up at its next poll. */
  receiveAssignment(partitions: readonly TopicPartition[]): void;
}

class MemoryGroup {
  readonly committed = new Map<string, number>();
  readonly members: GroupMember[] = [];
  /**
   * Who holds each partition now. A partition moves to its new member only once the old one
   * released it (after its revoke callback), as Kafka's group protocol makes members rejoin first.
   */
  readonly owners = new Map<string, GroupMember>();
}

export function partitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

interface MemoryStoreOptions {
  readonly autoCreateTopics: boolean;
  readonly defaultPartitions: number;
  readonly clock: () => number;
}

/** Kafka's legal topic names (clients and brokers reject anything else). */
const legalTopicName = /^[a-zA-Z0-9._-]{1,249}$/;

export class MemoryStore {
  readonly topics = new Map<string, MemoryTopic>();
  private readonly groups = new Map<string, MemoryGroup>();
  /** Pollers waiting for data; each is called after every append or transaction end. */
  private readonly waiters = new Set<() => void>();

  constructor(
    readonly options: MemoryStoreOptions,
    readonly faults: MemoryFaults,
  ) {}

  createTopic(name: string, partitions: number): MemoryTopic {
    const existing = this.topics.get(name);
    if (existing !== undefined) return existing;
    if (!legalTopicName.test(name) || name === '.' || name === '..') {
      throw new Error(`Invalid topic name '${name}': use 1-249 of [a-zA-Z0-9._-]`);
    }
    if (!Number.isInteger(partitions) || partitions < 1) {
      throw new Error(`Invalid partition count ${partitions} for topic '${name}': must be a positive integer`);
    }
    const topic: MemoryTopic = { name, partitions: Array.from({ length: partitions }, () => new MemoryPartition()) };
    this.topics.set(name, topic);
    this.rebalanceAll();
    return topic;
  }

  deleteTopic(name: string): void {
    if (this.topics.delete(name)) this.rebalanceAll();
  }

  /** The topic a producer writes to, created on first use when the log auto-creates topics. */
  topicForProduce(name: string): MemoryTopic | undefined {
    const existing = this.topics.get(name);
    if (existing !== undefined || !this.options.autoCreateTopics) return existing;
    return this.createTopic(name, this.options.defaultPartitions);
  }

  partition(topic: string, partition: number): MemoryPartition | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  group(groupId: string): MemoryGroup {
    let group = this.groups.get(groupId);
    if (group === undefined) {
      group = new MemoryGroup();
      this.groups.set(groupId, group);
    }
    return group;
  }

  commitOffsets(groupId: string, offsets: readonly TopicPartitionOffset[]): void {
    const committed = this.group(groupId).committed;
    for (const { topic, partition, offset } of offsets) {
      if (!Number.isInteger(offset) || offset < 0) {
        throw new Error(`Cannot commit offset ${offset} for ${topic}[${partition}]: must be a non-negative integer`);
      }
      committed.set(partitionKey(topic, partition), offset);
    }
  }

  join(groupId: string, member: GroupMember): void {
    const group = this.group(groupId);
    if (!group.members.includes(member)) group.members.push(member);
    rebalance(group, this.topics);
    this.notify();
  }

  leave(groupId: string, member: GroupMember): void {
    const group = this.group(groupId);
    const index = group.members.indexOf(member);
    if (index < 0) return;
    group.members.splice(index, 1);
    for (const [key, owner] of group.owners) if (owner === member) group.owners.delete(key);
    rebalance(group, this.topics);
    this.notify();
  }

  /** Takes the partition for `member` unless another member still holds it. */
  claim(groupId: string, member: GroupMember, topic: string, partition: number): boolean {
    const owners = this.group(groupId).owners;
    const owner = owners.get(partitionKey(topic, partition));
    if (owner !== undefined && owner !== member) return false;
    owners.set(partitionKey(topic, partition), member);
    return true;
  }

  /** The member gave these partitions up: members waiting for them can take them. */
  release(groupId: string, member: GroupMember, partitions: readonly TopicPartition[]): void {
    const owners = this.group(groupId).owners;
    for (const { topic, partition } of partitions) {
      if (owners.get(partitionKey(topic, partition)) === member) owners.delete(partitionKey(topic, partition));
    }
    this.notify();
  }

  addWaiter(waiter: () => void): void {
    this.waiters.add(waiter);
  }

  removeWaiter(waiter: () => void): void {
    this.waiters.delete(waiter);
  }

  /** Wakes every waiting poller; each re-reads and leaves the set when it has records. */
  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  private rebalanceAll(): void {
    for (const group of this.groups.values()) rebalance(group, this.topics);
  }
}

/**
 * Spreads each subscribed topic's partitions round-robin over the members subscribed to it,
 * in join order: partition n goes to the (n mod members)th subscriber.
 */
function rebalance(group: MemoryGroup, topics: ReadonlyMap<string, MemoryTopic>): void {
  const assignments = new Map<GroupMember, TopicPartition[]>(group.members.map((member) => [member, []]));
  const subscribedTopics = new Set(group.members.flatMap((member) => member.subscription));
  for (const topicName of [...subscribedTopics].sort()) {
    const topic = topics.get(topicName);
    if (topic === undefined) continue;
    const subscribers = group.members.filter((member) => member.subscription.includes(topicName));
    topic.partitions.forEach((_, partition) => {
      const member = subscribers[partition % subscribers.length]!;
      assignments.get(member)!.push({ topic: topicName, partition });
    });
  }
  for (const [member, partitions] of assignments) member.receiveAssignment(partitions);
}
