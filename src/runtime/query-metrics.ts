// A persistent query's counters and gauges as plain numbers (records in and out, processing-log
// errors, commits and their latency, store restores); the server publishes them, so the runtime
// knows nothing of any metrics library.
import type { ProcessingErrorKind } from './processing-log.js';

export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  /** Records between the query's last committed position and the partition's end. */
  readonly lag: number;
}

export interface StoreSize {
  readonly store: string;
  readonly partition: number;
  readonly entries: number;
}

export interface RestoreProgress {
  readonly store: string;
  readonly partition: number;
  /** Changelog records applied so far. */
  readonly restored: number;
  /** Changelog offsets to replay in all; transaction markers make it exceed the records restored. */
  readonly total: number;
  readonly done: boolean;
}

/** What `/metrics` reads of one query; counters count from the query's start in this process. */
export interface QueryMetricsSnapshot {
  readonly queryId: string;
  readonly state: string;
  readonly recordsIn: number;
  /** Records written to the sink topic (not to changelogs or repartition topics). */
  readonly recordsOut: number;
  readonly processingErrors: Readonly<Record<ProcessingErrorKind, number>>;
  readonly lateRecordsDropped: number;
  readonly commits: number;
  /** Time spent committing, in all: with `commits`, the average commit latency over any interval. */
  readonly commitSeconds: number;
  readonly lag: readonly PartitionLag[];
  readonly stores: readonly StoreSize[];
  readonly restores: readonly RestoreProgress[];
}

/** The counters a query updates as it runs; gauges that need I/O (lag, store sizes) are read on demand. */
export class QueryMetrics {
  recordsIn = 0;
  recordsOut = 0;
  commits = 0;
  commitMs = 0;
  readonly processingErrors: Record<ProcessingErrorKind, number> = {
    DESERIALIZATION_ERROR: 0,
    RECORD_PROCESSING_ERROR: 0,
    SERIALIZATION_ERROR: 0,
  };
  private readonly restoreProgress = new Map<string, RestoreProgress>();

  countCommit(durationMs: number): void {
    this.commits++;
    this.commitMs += durationMs;
  }

  /** A restore of one store partition advanced (or, with `done`, finished). */
  restoring(store: string, partition: number, restored: number, total: number, done: boolean): void {
    this.restoreProgress.set(`${store}\u0000${partition}`, { store, partition, restored, total, done });
  }

  get restores(): RestoreProgress[] {
    return [...this.restoreProgress.values()];
  }
}
