// A task's input: one queue per co-partitioned source topic; the next record is always the queue
// head with the lowest timestamp, so that joins and windows see the inputs in event-time order.
import type { LogRecord } from '../log/index.js';

interface Queue {
  records: LogRecord[];
  head: number;
}

export class PartitionGroup {
  private readonly queues = new Map<string, Queue>();
  /** The same queues in topic order: `next` runs per record and walks them without an iterator. */
  private readonly ordered: Queue[];
  private buffered = 0;

  constructor(topics: readonly string[]) {
    for (const topic of topics) this.queues.set(topic, { records: [], head: 0 });
    this.ordered = [...this.queues.values()];
  }

  get size(): number {
    return this.buffered;
  }

  add(record: LogRecord): void {
    const queue = this.queues.get(record.topic);
    if (queue === undefined) throw new Error(`Record of topic '${record.topic}' given to a task that does not read it`);
    queue.records.push(record);
    this.buffered++;
  }

  /** The buffered record with the lowest timestamp (ties: the first topic), or undefined. */
  next(): LogRecord | undefined {
    let chosen: Queue | undefined;
    for (const queue of this.ordered) {
      if (queue.head >= queue.records.length) continue;
      if (chosen === undefined || queue.records[queue.head]!.timestamp < chosen.records[chosen.head]!.timestamp) chosen = queue;
    }
    if (chosen === undefined) return undefined;
    const record = chosen.records[chosen.head++]!;
    this.buffered--;
    if (chosen.head === chosen.records.length) {
      chosen.records = [];
      chosen.head = 0;
    }
    return record;
  }

  /** Drops what is buffered (after an abort, the consumer rewinds and reads it again). */
  clear(): void {
    for (const queue of this.queues.values()) {
      queue.records = [];
      queue.head = 0;
    }
    this.buffered = 0;
  }
}
