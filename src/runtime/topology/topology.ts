// A query's physical plan as the runtime runs it: immutable, shared by every task, with every
// name (stores, internal topics) derived from the query id so that a restarted query finds its
// state and its topics again.
import type { LogRecord } from '../log/index.js';
import type { StoreSpec } from '../state/index.js';
import type { Change } from './change.js';
import type { ProcessorDefinition } from './processor.js';

/** Turns a Kafka record into the first change of a sub-topology; throws for a record it cannot read. */
export type RecordReader = (record: LogRecord) => Change;

export interface TopologySource {
  readonly name: string;
  readonly topic: string;
  readonly read: RecordReader;
  /** `ksql.timestamp.throw.on.invalid`: an unreadable event time stops the query instead of skipping the record. */
  readonly failOnInvalidTimestamp: boolean;
  /** Names of the processors the source feeds. */
  readonly children: readonly string[];
}

export interface TopologyNode {
  readonly definition: ProcessorDefinition;
  readonly children: readonly string[];
}

/** Source topics → a DAG of processors → sinks; one task per partition of its source topics. */
export interface SubTopology {
  readonly id: number;
  readonly sources: readonly TopologySource[];
  readonly nodes: readonly TopologyNode[];
  /** Stores of this sub-topology's processors. */
  readonly stores: readonly StoreSpec[];
}

export interface InternalTopic {
  readonly name: string;
  readonly kind: 'repartition' | 'changelog';
}

export interface Topology {
  readonly queryId: string;
  readonly subTopologies: readonly SubTopology[];
  readonly internalTopics: readonly InternalTopic[];
  /** Records a windowed aggregation dropped because their window had closed (DESCRIBE EXTENDED). */
  readonly lateRecords?: { readonly total: number };
}

export function sourceTopics(topology: Topology): string[] {
  return [...new Set(topology.subTopologies.flatMap((sub) => sub.sources.map((source) => source.topic)))];
}

/** The sub-topology that reads `topic`. */
export function subTopologyOf(topology: Topology, topic: string): SubTopology | undefined {
  return topology.subTopologies.find((sub) => sub.sources.some((source) => source.topic === topic));
}

/** ksqlDB's internal topic name: `_confluent-ksql-<service id>query_<query id>-<node>-<suffix>`. */
export function internalTopicName(serviceId: string, queryId: string, node: string, kind: InternalTopic['kind']): string {
  return `_confluent-ksql-${serviceId}query_${queryId}-${node}-${kind}`;
}

/** Kafka Streams' task id: `<sub-topology>_<partition>`. */
export function taskId(subTopologyId: number, partition: number): string {
  return `${subTopologyId}_${partition}`;
}

/** Prints the topology as Kafka Streams' `TopologyDescription` does (EXPLAIN's "Processing topology"). */
export function describeTopology(topology: Topology): string {
  const lines = ['Topologies:'];
  for (const sub of topology.subTopologies) {
    lines.push(`   Sub-topology: ${sub.id}`);
    for (const source of sub.sources) {
      lines.push(`    Source: ${source.name} (topics: [${source.topic}])`, `      --> ${source.children.join(', ') || 'none'}`);
    }
    const parents = new Map<string, string[]>();
    for (const source of sub.sources) for (const child of source.children) parents.set(child, [...(parents.get(child) ?? []), source.name]);
    for (const node of sub.nodes) for (const child of node.children) parents.set(child, [...(parents.get(child) ?? []), node.definition.name]);
    for (const node of sub.nodes) {
      const stores = node.definition.stores.length > 0 ? ` (stores: [${node.definition.stores.join(', ')}])` : '';
      lines.push(`    Processor: ${node.definition.name}${stores}`, `      --> ${node.children.join(', ') || 'none'}`, `      <-- ${(parents.get(node.definition.name) ?? []).join(', ')}`);
    }
  }
  return lines.join('\n');
}
