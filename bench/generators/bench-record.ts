// A generated input record, ready to produce: key and JSON value as text, and its event time.

export interface BenchRecord {
  readonly key: string;
  readonly value: string;
  readonly timestampMs: number;
}
