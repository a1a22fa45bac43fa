// A processor is an immutable definition, shared by all of a query's tasks, and a per-task
// instance made by `create(ctx)`; the context is the instance's only view of its task.
import type { ProduceRecord } from '../log/index.js';
import type { StateStore } from '../state/index.js';
import type { Change } from './change.js';

/** Where the record being processed came from. */
export interface RecordCoordinates {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly timestampMs: number;
}

export type PunctuationType = 'STREAM_TIME' | 'WALL_CLOCK_TIME';

export interface ProcessorContext {
  /** Hands a change to this processor's children. */
  forward(change: Change): void;
  /** A state store of the task, by the name the topology gave it. */
  store<S extends StateStore = StateStore>(name: string): S;
  /** The input record being processed (the task's partition, offset -1, outside of a record). */
  readonly record: RecordCoordinates;
  /** The task's partition: sinks and changelogs of stateful processors write to it. */
  readonly partition: number;
  /** Calls `callback(time)` each time stream time (or the wall clock) has advanced `intervalMs`. */
  schedule(type: PunctuationType, intervalMs: number, callback: (timeMs: number) => void): void;
  /** Queues a record for the task's producer (sinks, repartition topics). */
  send(record: ProduceRecord): void;
  /** Skips the record into the processing log with this reason; the query keeps running. */
  recordError(message: string): void;
  /**
   * Buffers the processor holds until its task commits: `flush` runs before the stores flush and
   * the Kafka commit (what it forwards joins that commit), `discard` when the commit aborted.
   */
  onCommit(buffer: CommitBuffer): void;
}

export interface CommitBuffer {
  flush(): void;
  discard(): void;
}

export interface Processor {
  process(change: Change): void;
}

export interface ProcessorDefinition {
  /** Stable within the topology; EXPLAIN prints it. */
  readonly name: string;
  /** Store names the instances use. */
  readonly stores: readonly string[];
  create(context: ProcessorContext): Processor;
}
