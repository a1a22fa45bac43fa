// One reason a schema change breaks readers, as the compatibility checkers of every schema type report it.

export interface Incompatibility {
  /** Confluent's names for the kind of change: Avro's READER_FIELD_MISSING_DEFAULT_VALUE, Protobuf's FIELD_KIND_CHANGED, JSON Schema's TYPE_NARROWED, ... */
  readonly errorType: string;
  /** The field the problem is in (a dotted path for nested fields), when there is one. */
  readonly field?: string;
  readonly path: string;
  readonly description: string;
}

/** Which schema is which in a check: the schema whose data must still be readable, and the other. */
export interface CheckLabels {
  readonly original: 'new' | 'old';
  readonly update: 'new' | 'old';
}
