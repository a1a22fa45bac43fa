// A generated input record, ready to produce: key and JSON value as text, and its event time.

export interface BenchRecord {
  readonly key: string;
  readonly value: string;
  /** The value's bytes in a binary format (an AVRO shape's), produced instead of the JSON text, which stays for counting. */
  readonly encodedValue?: Uint8Array;
  readonly timestampMs: number;
  /** Produced to the shape's side input topic (a joined table or stream) rather than its input topic. */
  readonly side?: true;
}
