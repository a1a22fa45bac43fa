// The seam between the conformance runner and the engine: what a QTT case needs a driver to do.

/** A windowed key's window; `time` covers both tumbling and hopping windows. */
export interface QttWindow { readonly start: number; readonly end: number; readonly type: 'time' | 'session' }
/** A record header; `VALUE` is base64, or null for a header without a value. */
export interface QttHeader { readonly KEY: string; readonly VALUE: string | null }
/**
 * A record as a QTT file writes it. `key` and `value` are lossless-json values (numbers are
 * LosslessNumber) written the way the topic's format expects; an absent key means a null key.
 */
export interface QttRecordSpec { readonly topic: string; readonly key?: unknown; readonly value: unknown; readonly timestamp?: number; readonly window?: QttWindow; readonly headers?: readonly QttHeader[] }
/** A record read from a topic, decoded with the topic's serde: JSON formats as lossless-json values (numbers are LosslessNumber), DELIMITED as the raw string, KAFKA as number | bigint | string (BYTES base64), NONE as null. */
export interface ActualRecord { readonly topic: string; readonly key: unknown; readonly value: unknown; readonly timestamp: number; readonly window?: QttWindow; readonly headers: readonly QttHeader[] }
/** A topic the case declares up front (QTT `topics`); schemas are as the file gives them. */
export interface TopicDeclaration {
  readonly name: string;
  readonly partitions?: number;
  readonly keyFormat?: string;
  readonly valueFormat?: string;
  readonly keySchema?: unknown;
  readonly valueSchema?: unknown;
  readonly keySchemaId?: number;
  readonly valueSchemaId?: number;
  readonly keySchemaReferences?: readonly SchemaReferenceDeclaration[];
  readonly valueSchemaReferences?: readonly SchemaReferenceDeclaration[];
}

/** A schema another imports by `name`; upstream's driver registers it under the subject `name`. */
export interface SchemaReferenceDeclaration {
  readonly name: string;
  readonly format?: string;
  readonly schema: unknown;
}
/** What the metastore knows about a stream or table, for `post.sources` checks. */
export interface SourceInfo { readonly name: string; readonly type: 'stream' | 'table'; /** ksqlDB logical schema text, e.g. "`ID` BIGINT KEY, `NAME` STRING" */ readonly schema: string; readonly keyFormat: { readonly format: string; readonly windowType?: string; readonly windowSize?: number }; readonly valueFormat: string; readonly keyFeatures: readonly string[]; readonly valueFeatures: readonly string[]; readonly isSource: boolean }
/** One engine instance for one case variant; the runner creates a fresh one per variant and always closes it. */
export interface ConformanceDriver {
  /** Runs one statement; throws (a SquallError for user errors) when it fails. */
  execute(statement: string): Promise<void>;
  /** Serialises the record with its topic's formats and produces it. */
  produce(record: QttRecordSpec): Promise<void>;
  /** Runs every query until no input is left (after each produced record). Throws when record processing fails fatally. */
  drain(): Promise<void>;
  readTopic(topic: string): Promise<ActualRecord[]>;
  source(name: string): SourceInfo | undefined;
  topicNames(): Promise<string[]>;
  close(): Promise<void>;
}
/** Where a driver's engine keeps its topics: the in-memory Log or the embedded Kafka. */
export type Backend = 'memory' | 'embedded';
/** `properties` are the case's config overrides, every value as a string. */
export interface DriverOptions { readonly properties: Readonly<Record<string, string>>; readonly topics: readonly TopicDeclaration[]; readonly backend: Backend }
export type DriverFactory = (options: DriverOptions) => Promise<ConformanceDriver>;
