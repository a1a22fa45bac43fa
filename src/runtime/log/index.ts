// The log layer's public API: the Log contract and its in-memory, Kafka and embedded-Kafka implementations.
export type {
  ConsumerOptions,
  CreateTopicOptions,
  Log,
  LogConsumer,
  LogProducer,
  LogRecord,
  OffsetReset,
  ProduceRecord,
  ProducerOptions,
  RebalanceListener,
  RecordHeader,
  TopicDescription,
  TopicPartition,
  TopicPartitionOffset,
} from './log.js';
export { MemoryLog, type MemoryLogOptions } from './memory-log.js';
export { KafkaLog, type KafkaLogConfig } from './kafka-log.js';
export { startEmbeddedKafka, type EmbeddedKafka, type EmbeddedKafkaOptions } from './embedded-kafka.js';
export { runEmbeddedKafkaProcess } from './embedded-kafka-process.js';
export { LogUnavailableError, ProducerFencedError } from './log-errors.js';
export { MemoryFaults, SimulatedCrash, type FaultOperation } from './memory-faults.js';
