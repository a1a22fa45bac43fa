// The processing log: where a query reports a record it skipped or could only partly process,
// with the record's coordinates, so that the query keeps running and nothing is silently lost.

export type ProcessingErrorKind = 'DESERIALIZATION_ERROR' | 'RECORD_PROCESSING_ERROR' | 'SERIALIZATION_ERROR';

export interface ProcessingLogEntry {
  readonly queryId: string;
  readonly kind: ProcessingErrorKind;
  readonly message: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** Epoch millis when the error happened. */
  readonly time: number;
}

export interface ProcessingLog {
  write(entry: ProcessingLogEntry): void;
}
