// Lowers a planned query into the runtime's Topology. A stateless query is one sub-topology from
// the source topic through its steps to the terminal processor (the sink topic, or a transient
// query's client). An aggregation adds GROUP BY and the aggregate with its store; when the rows
// must move to their group's partition first, the aggregate runs in a second sub-topology that
// reads the internal repartition topic the first one writes.
import type { AggregateStep, QueryPlan, Step } from '../../planner/index.js';
import type { StoreSpec } from '../state/index.js';
import { aggregateProcessor } from '../processors/aggregate.js';
import { filterProcessor } from '../processors/filter.js';
import { groupByProcessor } from '../processors/group-by.js';
import { LateRecords } from '../processors/late-records.js';
import { projectProcessor } from '../processors/project.js';
import { readRepartitioned, repartitionSinkProcessor } from '../processors/repartition.js';
import { rowListenerProcessor, type RowListener } from '../processors/row-listener.js';
import { sessionAggregateProcessor } from '../processors/session-aggregate.js';
import { sinkProcessor } from '../processors/sink.js';
import { createRecordReader } from '../processors/source.js';
import { tableFunctionsProcessor } from '../processors/table-functions.js';
import { tableSourceProcessor } from '../processors/table-source.js';
import { windowAggregateProcessor } from '../processors/window-aggregate.js';
import type { ProcessorDefinition } from './processor.js';
import { internalTopicName, type InternalTopic, type SubTopology, type Topology, type TopologyNode, type TopologySource } from './topology.js';

/** ksqlDB's default `ksql.service.id`; internal topic names start with it. */
export const DEFAULT_SERVICE_ID = 'default_';

/** ksqlDB's store and topic name parts for an aggregation. */
const AGGREGATE_STORE = 'Aggregate-Aggregate-Materialize';
const TABLE_SOURCE_STORE = 'KsqlTopic-Reduce';
const GROUP_BY_REPARTITION = 'Aggregate-GroupBy';
const SUPPRESS_STORE = 'Suppress-Emitted';

/** Kafka Streams' generated processor names: `<KIND>-<10-digit index>`. */
function generatedName(kind: string, index: number): string {
  return `${kind}-${String(index).padStart(10, '0')}`;
}

/** Numbers processors across the whole topology, as Kafka Streams does. */
class Names {
  private next = 0;
  take(kind: string): string {
    return generatedName(kind, this.next++);
  }
}

/** Links processor definitions into a chain, each feeding the next. */
function chain(definitions: readonly ProcessorDefinition[]): TopologyNode[] {
  return definitions.map((definition, index) => ({
    definition,
    children: index + 1 < definitions.length ? [definitions[index + 1]!.name] : [],
  }));
}

function subTopology(id: number, source: Omit<TopologySource, 'children'>, definitions: readonly ProcessorDefinition[], stores: readonly StoreSpec[]): SubTopology {
  return { id, sources: [{ ...source, children: definitions.length > 0 ? [definitions[0]!.name] : [] }], nodes: chain(definitions), stores };
}

function buildTopology(plan: QueryPlan, terminal: (name: string) => ProcessorDefinition, serviceId: string): Topology {
  const names = new Names();
  const sourceName = names.take('KSTREAM-SOURCE');
  const isTable = plan.source.sourceType === 'TABLE';
  const source = { name: sourceName, topic: plan.source.topic, read: createRecordReader(plan.source), failOnInvalidTimestamp: plan.source.failOnInvalidTimestamp };
  const aggregate = plan.aggregate;
  if (aggregate === undefined) {
    const definitions = plan.steps.map((step) => stepProcessor(step, names, isTable));
    definitions.push(terminal(names.take('KSTREAM-SINK')));
    return { queryId: plan.queryId, subTopologies: [subTopology(0, source, definitions, [])], internalTopics: [] };
  }

  const changelog = (store: string) => internalTopicName(serviceId, plan.queryId, store, 'changelog');
  const internalTopics: InternalTopic[] = [];
  const firstStores: StoreSpec[] = [];
  const first: ProcessorDefinition[] = [];
  if (aggregate.inputIsTable) {
    // A table's old rows come from its own materialisation.
    firstStores.push({ name: TABLE_SOURCE_STORE, kind: 'keyValue', changelogTopic: changelog(TABLE_SOURCE_STORE) });
    internalTopics.push({ name: changelog(TABLE_SOURCE_STORE), kind: 'changelog' });
    first.push(tableSourceProcessor(names.take('KTABLE-SOURCE'), TABLE_SOURCE_STORE, plan.source.keyColumns.length));
  }
  first.push(...plan.steps.map((step) => stepProcessor(step, names, isTable)));
  first.push(groupByProcessor(names.take('KSTREAM-GROUPBY'), aggregate));

  const aggregateStores = [aggregateStore(aggregate, changelog(AGGREGATE_STORE))];
  if (aggregate.emitFinal) aggregateStores.push({ name: SUPPRESS_STORE, kind: 'keyValue', changelogTopic: changelog(SUPPRESS_STORE) });
  for (const store of aggregateStores) internalTopics.push({ name: store.changelogTopic, kind: 'changelog' });
  const late = new LateRecords();
  const aggregation = [
    aggregateStepProcessor(aggregate, names.take('KSTREAM-AGGREGATE'), aggregateStores[0]!, late, (plan.afterAggregate ?? []).some((step) => step.kind === 'Filter')),
    ...(plan.afterAggregate ?? []).map((step) => stepProcessor(step, names, true, true)),
  ];
  if (!aggregate.repartition) {
    const definitions = [...first, ...aggregation, terminal(names.take('KSTREAM-SINK'))];
    return { queryId: plan.queryId, subTopologies: [subTopology(0, source, definitions, [...firstStores, ...aggregateStores])], internalTopics, lateRecords: late };
  }
  const repartitionTopic = internalTopicName(serviceId, plan.queryId, GROUP_BY_REPARTITION, 'repartition');
  internalTopics.push({ name: repartitionTopic, kind: 'repartition' });
  first.push(repartitionSinkProcessor(names.take('KSTREAM-SINK'), repartitionTopic, aggregate.keyColumns.length));
  const repartitionSource = { name: names.take('KSTREAM-SOURCE'), topic: repartitionTopic, read: readRepartitioned, failOnInvalidTimestamp: false };
  aggregation.push(terminal(names.take('KSTREAM-SINK')));
  return {
    queryId: plan.queryId,
    subTopologies: [subTopology(0, source, first, firstStores), subTopology(1, repartitionSource, aggregation, aggregateStores)],
    internalTopics,
    lateRecords: late,
  };
}

function aggregateStore(step: AggregateStep, changelogTopic: string): StoreSpec {
  const window = step.window;
  if (window === undefined) return { name: AGGREGATE_STORE, kind: 'keyValue', changelogTopic };
  if (window.kind === 'SESSION') return { name: AGGREGATE_STORE, kind: 'session', changelogTopic, graceMs: window.graceMs, retentionMs: window.retentionMs };
  return { name: AGGREGATE_STORE, kind: 'window', changelogTopic, windowSizeMs: window.sizeMs, graceMs: window.graceMs, retentionMs: window.retentionMs };
}

/** `withOldRows`: a HAVING downstream needs each group's previous results. */
function aggregateStepProcessor(step: AggregateStep, name: string, store: StoreSpec, late: LateRecords, withOldRows: boolean): ProcessorDefinition {
  const window = step.window;
  if (window === undefined) return aggregateProcessor(name, store.name, step, withOldRows);
  if (window.kind === 'SESSION') return sessionAggregateProcessor(name, store.name, step, window, late);
  return windowAggregateProcessor(name, store.name, step, window, late, withOldRows, step.emitFinal ? SUPPRESS_STORE : undefined);
}

/** `oldRowsKnown`: every change of the input carries its old row (an aggregate's results). */
function stepProcessor(step: Step, names: Names, isTable: boolean, oldRowsKnown = false): ProcessorDefinition {
  switch (step.kind) {
    case 'Filter':
      return filterProcessor(names.take('KSTREAM-FILTER'), step, isTable, oldRowsKnown);
    case 'Project':
      return projectProcessor(names.take(step.label === 'PartitionBy' ? 'KSTREAM-KEY-SELECT' : 'KSTREAM-MAPVALUES'), step);
    case 'TableFunctions':
      return tableFunctionsProcessor(names.take('KSTREAM-FLATMAP'), step);
  }
}

/** A persistent query's topology: the steps end in the sink topic. */
export function buildPersistentTopology(plan: QueryPlan, serviceId: string = DEFAULT_SERVICE_ID): Topology {
  return buildTopology(plan, (name) => sinkProcessor(name, plan.sink), serviceId);
}

/** A transient query's topology: the steps end in the client's row listener. */
export function buildTransientTopology(plan: QueryPlan, onRow: RowListener, serviceId: string = DEFAULT_SERVICE_ID): Topology {
  return buildTopology(plan, (name) => rowListenerProcessor(name, onRow), serviceId);
}
