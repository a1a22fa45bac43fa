// The runtime's public API: the Log, formats, and persistent and transient query execution.
export * from './log/index.js';
export {
  createRowSerde,
  createWindowedKeySerde,
  validateFormat,
  SerdeError,
  type RowSerde,
  type SerdeColumn,
  type FormatOptions,
  type WindowedKeySerde,
} from './serde/index.js';
export type { ProcessingLog, ProcessingLogEntry, ProcessingErrorKind } from './processing-log.js';
export { buildRecordProcessor, type RecordProcessor } from './pipeline.js';
export { PersistentQuery, type PersistentQueryOptions, type ProcessingGuarantee, type QueryState } from './persistent-query.js';
export { TransientQuery, type TransientQueryOptions, type RowListener } from './transient-query.js';
export { scanTopic } from './topic-scan.js';
