// What one shape under one guarantee measured, or why it measured nothing.
import type { ProcessingGuarantee } from '../src/runtime/index.js';
import type { LatencySummary } from './measure.js';

export interface Measurement {
  readonly kind: 'measured';
  /** Input records over the time from the first output observed to the last. */
  readonly eventsPerSecond: number;
  /** Input records per CPU second of this process (the engine or raw loop, plus the sink counter) over that time. */
  readonly eventsPerCpuSecond: number;
  /** Every round's events/s; the figures above are the median round's. */
  readonly roundEventsPerSecond: readonly number[];
  readonly durationSeconds: number;
  readonly clientCpuSeconds: number;
  /** The broker process's CPU from query start to last output. */
  readonly brokerCpuSeconds: number;
  /** End-to-end, at a fixed low input rate. */
  readonly latency: LatencySummary;
  readonly peakRssMb: number;
  /** The query's on-disk state when the median round caught up; undefined for a stateless shape. */
  readonly stateMb: number | undefined;
}

/** A run that is not timed: outputs went missing or were duplicated, or the query failed. */
export interface Failure {
  readonly kind: 'failed';
  readonly reason: string;
}

export interface RunResult {
  readonly shape: string;
  readonly guarantee: ProcessingGuarantee;
  readonly records: number;
  readonly outcome: Measurement | Failure;
}
