// What a benchmark query shape is: its generated input, the outputs that input must yield, and how it starts.
import type { ProcessingGuarantee } from '../src/runtime/index.js';
import type { BenchRecord } from './generators/bench-record.js';

export interface ShapeContext {
  readonly bootstrapServers: string;
  readonly guarantee: ProcessingGuarantee;
  /** Fresh per run, already holding the whole input: earlier data would count towards the mock's per-partition limits. */
  readonly inputTopic: string;
  /** Fresh per run like the input, holding the input's records marked `side` (a join's other source); created even when none are. */
  readonly sideInputTopic: string;
  /** Fresh per run and already created; the harness counts its records. */
  readonly outputTopic: string;
  /** Unique per run: a consumer group, transactional id or Squall service id. */
  readonly runId: string;
}

/** A running query; it must read its input from the earliest offset and keep each input record's timestamp. */
export interface RunningShape {
  /** The size of the query's on-disk state (its stores' files) in MiB; undefined when it keeps none. */
  stateMb?(): Promise<number | undefined>;
  stop(): Promise<void>;
}

/** The output records some input must give: rows with a value, and tombstones (a null value, a deleted row). */
export interface ExpectedOutputs {
  readonly updates: number;
  /**
   * Tombstones depend on exact event times (which sessions merge). They are checked for the generated
   * input; the latency phase stamps records with their send time, so there only updates are counted.
   */
  readonly tombstones: number;
}

export interface Shape {
  readonly name: string;
  /** One line: what the query does and what it measures. */
  readonly summary: string;
  /**
   * `count` input records, generated before timing starts; the same seed gives the same records.
   * Records marked `side` go to the side input topic, the others to the input topic, each in this order.
   */
  input(count: number, seed: number, startTimeMs: number): BenchRecord[];
  /** The output records the query must write for these inputs at their event times: a run counts until it sees them all. */
  expectedOutputs(records: readonly BenchRecord[]): ExpectedOutputs;
  start(context: ShapeContext): Promise<RunningShape>;
}
