// The in-memory log's consumer: group or manual assignment, read-committed filtering, waiting polls.
import type { ConsumerOptions, LogConsumer, LogRecord, OffsetReset, RebalanceListener, TopicPartition, TopicPartitionOffset } from './log.js';
import { SimulatedCrash } from './memory-faults.js';
import { partitionKey, type GroupMember, type MemoryPartition, type MemoryStore } from './memory-store.js';

interface AssignedPartition {
  readonly topic: string;
  readonly partition: number;
  position: number;
}

export class MemoryConsumer implements LogConsumer, GroupMember {
  readonly groupId: string;
  subscription: readonly string[] = [];
  private readonly offsetReset: OffsetReset;
  private readonly readCommitted: boolean;
  private mode: 'idle' | 'subscribed' | 'assigned' = 'idle';
  private assigned: AssignedPartition[] = [];
  private listener: RebalanceListener | undefined;
  /** The group's latest assignment for this member, taken up at the next poll; undefined when in effect. */
  private target: readonly TopicPartition[] | undefined;
  private crashed = false;
  /** Rotates the partition a poll starts from, so a busy partition cannot starve the others. */
  private pollRound = 0;
  private closed = false;
  /** Ends a poll that is waiting for data when the consumer closes. */
  private wakeOnClose: (() => void) | undefined;

  constructor(
    private readonly store: MemoryStore,
    options: ConsumerOptions,
    private readonly onClose: (consumer: MemoryConsumer) => void,
  ) {
    this.groupId = options.groupId;
    this.offsetReset = options.offsetReset;
    this.readCommitted = options.readCommitted ?? true;
  }

  async subscribe(topics: readonly string[], listener?: RebalanceListener): Promise<void> {
    this.assertOpen();
    if (this.mode === 'assigned') throw new Error('Cannot subscribe a consumer that uses assign');
    this.mode = 'subscribed';
    this.subscription = [...topics];
    this.listener = listener;
    this.store.join(this.groupId, this);
  }

  async assign(partitions: readonly TopicPartitionOffset[]): Promise<void> {
    this.assertOpen();
    if (this.mode === 'subscribed') throw new Error('Cannot assign partitions to a subscribed consumer');
    this.mode = 'assigned';
    this.assigned = partitions.map(({ topic, partition, offset }) => ({ topic, partition, position: offset }));
  }

  receiveAssignment(partitions: readonly TopicPartition[]): void {
    this.target = partitions;
  }

  /**
   * Takes up the group's assignment: revokes what the member lost (releasing it to the group once
   * the listener is done), then claims what it gained and no other member still holds, starting
   * from the group's committed offsets. A partition still held elsewhere waits for a later poll.
   */
  private async rebalance(): Promise<void> {
    const target = this.target;
    if (target === undefined || this.mode !== 'subscribed') return;
    const wanted = new Set(target.map(({ topic, partition }) => partitionKey(topic, partition)));
    const lost = this.assignment().filter(({ topic, partition }) => !wanted.has(partitionKey(topic, partition)));
    if (lost.length > 0) {
      await this.listener?.onRevoked(lost);
      this.assigned = this.assigned.filter(({ topic, partition }) => wanted.has(partitionKey(topic, partition)));
      this.store.release(this.groupId, this, lost);
    }
    const owned = new Set(this.assigned.map(({ topic, partition }) => partitionKey(topic, partition)));
    const gained = target.filter(
      ({ topic, partition }) => !owned.has(partitionKey(topic, partition)) && this.store.claim(this.groupId, this, topic, partition),
    );
    for (const { topic, partition } of gained) this.assigned.push({ topic, partition, position: this.startingPosition(topic, partition) });
    if (gained.length > 0) await this.listener?.onAssigned(gained);
    if (this.target === target && this.assigned.length === target.length) this.target = undefined;
  }

  async poll(maxRecords: number, timeoutMs: number): Promise<LogRecord[]> {
    this.assertOpen();
    this.store.faults.check('poll');
    await this.rebalance();
    if (this.target !== undefined && timeoutMs > 0) {
      // Waiting for partitions another member still holds: give it a moment to release them.
      await new Promise((resolve) => setTimeout(resolve, Math.min(timeoutMs, 10)));
      await this.rebalance();
    }
    if (this.closed) return [];
    const records = this.read(maxRecords);
    if (records.length > 0 || timeoutMs <= 0) return records;
    return this.waitForRecords(maxRecords, timeoutMs);
  }

  async seek(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    this.assertOpen();
    for (const { topic, partition, offset } of offsets) {
      const entry = this.assigned.find((candidate) => candidate.topic === topic && candidate.partition === partition);
      if (entry !== undefined) entry.position = offset;
    }
  }

  assignment(): TopicPartition[] {
    return this.assigned.map(({ topic, partition }) => ({ topic, partition }));
  }

  async commit(offsets: readonly TopicPartitionOffset[]): Promise<void> {
    this.assertOpen();
    this.store.faults.check('commit');
    this.store.commitOffsets(this.groupId, offsets);
  }

  async committed(partitions: readonly TopicPartition[]): Promise<(number | undefined)[]> {
    this.assertOpen();
    const committed = this.store.group(this.groupId).committed;
    return partitions.map(({ topic, partition }) => committed.get(partitionKey(topic, partition)));
  }

  async endOffsets(partitions: readonly TopicPartition[]): Promise<number[]> {
    this.assertOpen();
    return partitions.map(({ topic, partition }) => this.existingPartition(topic, partition).records.length);
  }

  async beginningOffsets(partitions: readonly TopicPartition[]): Promise<number[]> {
    this.assertOpen();
    // Nothing is ever dropped from memory, so every partition still starts at 0.
    return partitions.map(({ topic, partition }) => (this.existingPartition(topic, partition), 0));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.mode === 'subscribed' && !this.crashed && this.assigned.length > 0) await this.listener?.onRevoked(this.assignment());
    this.closed = true;
    if (this.mode === 'subscribed') this.store.leave(this.groupId, this);
    this.assigned = [];
    this.wakeOnClose?.();
    this.onClose(this);
  }

  private waitForRecords(maxRecords: number, timeoutMs: number): Promise<LogRecord[]> {
    return new Promise((resolve) => {
      const finish = (records: LogRecord[]): void => {
        clearTimeout(timer);
        this.store.removeWaiter(onData);
        this.wakeOnClose = undefined;
        resolve(records);
      };
      const onData = (): void => {
        // A rebalance (or a released partition) is taken up by the next poll.
        if (this.target !== undefined) return finish([]);
        const records = this.read(maxRecords);
        if (records.length > 0) finish(records);
      };
      const timer = setTimeout(() => finish([]), timeoutMs);
      this.wakeOnClose = () => finish([]);
      this.store.addWaiter(onData);
    });
  }

  private read(maxRecords: number): LogRecord[] {
    const records: LogRecord[] = [];
    const count = this.assigned.length;
    if (count === 0) return records;
    const start = this.pollRound++ % count;
    for (let step = 0; step < count && records.length < maxRecords; step++) {
      this.readPartition(this.assigned[(start + step) % count]!, records, maxRecords);
    }
    return records;
  }

  /** Appends this partition's visible records to `records`, advancing past aborted ones when read-committed. */
  private readPartition(entry: AssignedPartition, records: LogRecord[], maxRecords: number): void {
    const partition = this.store.partition(entry.topic, entry.partition);
    if (partition === undefined) return;
    const end = this.readCommitted ? partition.lastStableOffset() : partition.records.length;
    while (entry.position < end && records.length < maxRecords) {
      const stored = partition.records[entry.position]!;
      entry.position++;
      if (this.readCommitted && stored.transaction?.state === 'aborted') continue;
      records.push(stored.record);
    }
  }

  private startingPosition(topic: string, partition: number): number {
    const committed = this.store.group(this.groupId).committed.get(partitionKey(topic, partition));
    if (committed !== undefined) return committed;
    if (this.offsetReset === 'earliest') return 0;
    const stored = this.store.partition(topic, partition);
    if (stored === undefined) return 0;
    // Kafka's "latest" for a read-committed consumer is the last stable offset.
    return this.readCommitted ? stored.lastStableOffset() : stored.records.length;
  }

  private existingPartition(topic: string, partition: number): MemoryPartition {
    const found = this.store.partition(topic, partition);
    if (found === undefined) throw new Error(`Unknown topic partition ${topic}[${partition}]`);
    return found;
  }

  /**
   * @internal The process died (a simulated crash): the consumer is unusable and its group
   * membership ends at once, as a session timeout would end it, without a revoke.
   */
  crash(): void {
    this.crashed = true;
    if (this.mode === 'subscribed') this.store.leave(this.groupId, this);
    this.closed = true;
    this.wakeOnClose?.();
    this.onClose(this);
  }

  private assertOpen(): void {
    if (this.crashed) throw new SimulatedCrash('a consumer call after the crash');
    if (this.closed) throw new Error('Consumer is closed');
  }
}
