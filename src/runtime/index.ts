// The runtime's public API: the Log, formats, and persistent and transient query execution.
export * from './log/index.js';
export {
  createRowSerde,
  createWindowedKeySerde,
  SerdeError,
  type RowSerde,
  type SerdeColumn,
  type FormatOptions,
  type WindowedKeySerde,
  avroSchemaOf,
  columnsOfAvroSchema,
  type AvroSchema,
  columnsOfJsonSchema,
  jsonSchemaOf,
  type JsonSchema,
  columnsOfProtobufMessage,
  parseProtobufFile,
  parseableProtoText,
  protobufSchemaOf,
  referencedTexts,
} from './serde/index.js';
export type { ProcessingLog, ProcessingLogEntry, ProcessingErrorKind } from './processing-log.js';
export { DEFAULT_COMMIT_MIN_PAUSE_MS, PersistentQuery, type PersistentQueryOptions, type ProcessingGuarantee, type QueryState } from './persistent-query.js';
export type { PartitionLag, QueryMetricsSnapshot, RestoreProgress, StoreSize } from './query-metrics.js';
export { TransientQuery, type TransientQueryOptions, type RowListener } from './transient-query.js';
export { scanTopic } from './topic-scan.js';
export { recordsFeed, runQueryOnce, topicFeed, type RecordFeed, type ScanRowListener } from './scan-query.js';
export { MaterializedTable, type MaterializedTableOptions } from './table/materialized-table.js';
export type { Topology, SubTopology, TopologySource, TopologyNode, InternalTopic } from './topology/topology.js';
export { describeTopology, internalTopicName, taskId } from './topology/topology.js';
export type { Change } from './topology/change.js';
export type { Processor, ProcessorContext, ProcessorDefinition, PunctuationType, RecordCoordinates } from './topology/processor.js';
export type { StreamTask } from './task/stream-task.js';
export { buildPersistentTopology, buildTransientTopology } from './topology/build-topology.js';
export { coPartitionedPlan, internalTopicCounts, internalTopicPartitions } from './topology/co-partitioning.js';
