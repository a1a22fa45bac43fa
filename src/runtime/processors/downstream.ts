// What every processor hands rows to, and what it may report when a record cannot be processed.

/**
 * Receives one row. `tombstone`: the record had no value (a table delete, or a stream record
 * with a null value); only its key columns are meaningful.
 */
export type Downstream = (row: unknown[], timestamp: number, tombstone: boolean) => void;

/** Where a processor reports a record it has to skip or partially null out. */
export interface RecordErrorReporter {
  recordError(message: string): void;
}
