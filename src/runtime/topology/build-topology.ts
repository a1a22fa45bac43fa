// Lowers a planned query into the runtime's Topology. A stateless query is one sub-topology from
// the source topic through its steps to the terminal processor (the sink topic, or a transient
// query's client). An aggregation adds GROUP BY and the aggregate with its store; when the rows
// must move to their group's partition first, the aggregate runs in a second sub-topology that
// reads the internal repartition topic the first one writes.
import type { AggregateStep, JoinSideStep, JoinStep, QueryPlan, SourceStep, Step } from '../../planner/index.js';
import { createRowSerde, encodeGroupKey } from '../serde/index.js';
import type { StoreSpec } from '../state/index.js';
import { aggregateProcessor } from '../processors/aggregate.js';
import { filterProcessor } from '../processors/filter.js';
import { foreignKeyJoinProcessor } from '../processors/foreign-key-join.js';
import { foreignKeyRepartitionProcessor, readForeignKeyRepartitioned } from '../processors/foreign-key-repartition.js';
import { groupByProcessor } from '../processors/group-by.js';
import { joinKeyOf } from '../processors/join-rows.js';
import { LateRecords } from '../processors/late-records.js';
import { projectProcessor } from '../processors/project.js';
import { readRepartitioned, repartitionSinkProcessor } from '../processors/repartition.js';
import { rowListenerProcessor, type RowListener } from '../processors/row-listener.js';
import { sessionAggregateProcessor } from '../processors/session-aggregate.js';
import { sinkProcessor } from '../processors/sink.js';
import { streamStreamJoinProcessor } from '../processors/stream-stream-join.js';
import { streamTableJoinProcessor } from '../processors/stream-table-join.js';
import { createRecordReader } from '../processors/source.js';
import { tableFunctionsProcessor } from '../processors/table-functions.js';
import { tableSourceProcessor } from '../processors/table-source.js';
import { tableTableJoinProcessor } from '../processors/table-table-join.js';
import { windowAggregateProcessor } from '../processors/window-aggregate.js';
import { SubTopologyDraft } from './draft.js';
import type { ProcessorContext, ProcessorDefinition } from './processor.js';
import { internalTopicName, type InternalTopic, type SubTopology, type Topology } from './topology.js';

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

  /** Passes over the numbers of nodes ksqlDB's topology has where Squall has none (see `KSQL_NODES`). */
  skip(count: number): void {
    this.next += count;
  }
}

/**
 * How many numbered nodes ksqlDB's Kafka Streams topology has, beyond Squall's, around a join:
 * a stream source's value transformers, a repartition's key selection and filter, and the join's
 * windowing steps. Skipping them keeps the numbers in a stream-stream join's store names (and
 * so its changelog topics) the same as ksqlDB's: `KSTREAM-JOINTHIS-0000000008-store` for two
 * streams read as they are, 12 when one side is repartitioned, 16 when both are.
 */
const KSQL_NODES = { joinSource: 2, repartition: 2, streamStreamJoin: 2 };

/** Kafka Streams' store kinds of a stream-stream join, `this` (the left) then `other`: outer sides are named OUTER. */
const STREAM_JOIN_STORE_KINDS: Record<JoinStep['joinType'], readonly [string, string]> = {
  INNER: ['KSTREAM-JOINTHIS', 'KSTREAM-JOINOTHER'],
  LEFT: ['KSTREAM-JOINTHIS', 'KSTREAM-OUTEROTHER'],
  // ksqlDB runs a right join as the left join of the swapped sides: the right side is `this`.
  RIGHT: ['KSTREAM-OUTEROTHER', 'KSTREAM-JOINTHIS'],
  OUTER: ['KSTREAM-OUTERTHIS', 'KSTREAM-OUTEROTHER'],
};

/** What building a topology accumulates: processor names, closed sub-topologies, internal topics. */
interface Building {
  readonly names: Names;
  readonly serviceId: string;
  readonly queryId: string;
  readonly subTopologies: SubTopology[];
  readonly internalTopics: InternalTopic[];
}

function close(building: Building, draft: SubTopologyDraft): void {
  building.subTopologies.push(draft.close(building.subTopologies.length));
}

function changelogStore(building: Building, spec: Omit<StoreSpec, 'changelogTopic'>): StoreSpec {
  const changelogTopic = internalTopicName(building.serviceId, building.queryId, spec.name, 'changelog');
  building.internalTopics.push({ name: changelogTopic, kind: 'changelog' });
  return { ...spec, changelogTopic };
}

function sourceDraft(step: SourceStep, building: Building): SubTopologyDraft {
  return new SubTopologyDraft({ name: building.names.take('KSTREAM-SOURCE'), topic: step.topic, read: createRecordReader(step), failOnInvalidTimestamp: step.failOnInvalidTimestamp });
}

function buildTopology(plan: QueryPlan, terminal: (name: string) => ProcessorDefinition, serviceId: string): Topology {
  const building: Building = { names: new Names(), serviceId, queryId: plan.queryId, subTopologies: [], internalTopics: [] };
  const { names } = building;
  const isTable = plan.join === undefined ? plan.source.sourceType === 'TABLE' : plan.join.shape === 'TableTable';
  // A table-table join's changes carry the result they replace.
  const oldRowsKnown = plan.join?.shape === 'TableTable';
  let draft = plan.join === undefined ? sourceDraft(plan.source, building) : buildJoin(plan.join, building, 0).draft;
  const aggregate = plan.aggregate;
  if (aggregate === undefined) {
    for (const step of plan.steps) draft.append(stepProcessor(step, names, isTable, oldRowsKnown));
    close(building, draft.append(terminal(names.take('KSTREAM-SINK'))));
    return { queryId: plan.queryId, subTopologies: building.subTopologies, internalTopics: building.internalTopics };
  }

  // A source table's old rows come from its own materialisation; a join's changes carry them.
  if (aggregate.inputIsTable && plan.join === undefined) {
    const store = changelogStore(building, { name: TABLE_SOURCE_STORE, kind: 'keyValue' });
    const keyCount = plan.source.keyColumns.length;
    draft.append(tableSourceProcessor(names.take('KTABLE-SOURCE'), TABLE_SOURCE_STORE, (row) => row.slice(0, keyCount))).addStores(store);
  }
  for (const step of plan.steps) draft.append(stepProcessor(step, names, isTable, oldRowsKnown));
  draft.append(groupByProcessor(names.take('KSTREAM-GROUPBY'), aggregate));

  const aggregateStores = [aggregateStore(aggregate, building)];
  if (aggregate.emitFinal) aggregateStores.push(changelogStore(building, { name: SUPPRESS_STORE, kind: 'keyValue' }));
  const late = new LateRecords();
  const aggregation = [
    aggregateStepProcessor(aggregate, names.take('KSTREAM-AGGREGATE'), aggregateStores[0]!, late, (plan.afterAggregate ?? []).some((step) => step.kind === 'Filter')),
    ...(plan.afterAggregate ?? []).map((step) => stepProcessor(step, names, true, true)),
  ];
  if (aggregate.repartition) {
    const repartitionTopic = internalTopicName(serviceId, plan.queryId, GROUP_BY_REPARTITION, 'repartition');
    building.internalTopics.push({ name: repartitionTopic, kind: 'repartition' });
    const keyCount = aggregate.keyColumns.length;
    close(building, draft.append(repartitionSinkProcessor(names.take('KSTREAM-SINK'), repartitionTopic, (row) => encodeGroupKey(row.slice(0, keyCount)))));
    draft = new SubTopologyDraft({ name: names.take('KSTREAM-SOURCE'), topic: repartitionTopic, read: readRepartitioned, failOnInvalidTimestamp: false });
  }
  for (const definition of aggregation) draft.append(definition);
  close(building, draft.addStores(...aggregateStores).append(terminal(names.take('KSTREAM-SINK'))));
  return { queryId: plan.queryId, subTopologies: building.subTopologies, internalTopics: building.internalTopics, lateRecords: late };
}

/**
 * A join's sides, each moved to its join key's partition first when it is not keyed by it, meet
 * in one sub-topology: the join processor has both sides' last processors as parents. Returns
 * the draft ending in the join, and the topics whose records reach it.
 */
function buildJoin(step: JoinStep, building: Building, depth: number): { draft: SubTopologyDraft; topics: Set<string> } {
  const prefix = depth === 0 ? '' : `Join${depth}_`;
  if (step.foreignKey) return buildForeignKeyJoin(step, building, depth, prefix);
  const streamTable = step.shape === 'StreamTable';
  const left = buildJoinSide(step.left, step.right, 'left', building, depth, prefix, streamTable);
  const right = buildJoinSide(step.right, step.left, 'right', building, depth, prefix, streamTable);
  const parents = [left.draft.tail, right.draft.tail];
  const draft = left.draft;
  draft.absorb(right.draft);
  const { names } = building;
  switch (step.shape) {
    case 'StreamTable': {
      const store = changelogStore(building, { name: tableStoreName(step.right, 'Right', prefix), kind: 'keyValue' });
      draft.append(streamTableJoinProcessor(names.take('KSTREAM-LEFTJOIN'), step, right.topics, store.name), parents).addStores(store);
      break;
    }
    case 'TableTable': {
      const stores = [
        changelogStore(building, { name: tableStoreName(step.left, 'Left', prefix), kind: 'keyValue' }),
        changelogStore(building, { name: tableStoreName(step.right, 'Right', prefix), kind: 'keyValue' }),
      ];
      draft.append(tableTableJoinProcessor(names.take('KTABLE-JOIN'), step, right.topics, stores[0]!.name, stores[1]!.name), parents).addStores(...stores);
      break;
    }
    case 'StreamStream': {
      const window = step.window!;
      const windowStore = (kind: string) => {
        const spec = { name: `${names.take(kind)}-store`, kind: 'window' as const, windowSizeMs: window.beforeMs + window.afterMs, graceMs: window.graceMs };
        return changelogStore(building, { ...spec, retentionMs: spec.windowSizeMs + window.graceMs });
      };
      names.skip(KSQL_NODES.streamStreamJoin);
      const [thisKind, otherKind] = STREAM_JOIN_STORE_KINDS[step.joinType];
      const [first, second] = [windowStore(thisKind), windowStore(otherKind)];
      const stores = step.joinType === 'RIGHT' ? [second, first] : [first, second];
      const outer = !window.eager && step.joinType !== 'INNER' ? windowStore('KSTREAM-OUTERSHARED') : undefined;
      if (outer !== undefined) stores.push(outer);
      const definition = streamStreamJoinProcessor(names.take('KSTREAM-JOIN'), step, right.topics, { left: stores[0]!.name, right: stores[1]!.name, outer: outer?.name });
      draft.append(definition, parents).addStores(...stores);
      break;
    }
  }
  return { draft, topics: new Set([...left.topics, ...right.topics]) };
}

/**
 * The left table (a source table, or an earlier join's results) is materialised (for each row's
 * old foreign key) and moved to its rows' foreign key partitions, where it meets the right table.
 */
function buildForeignKeyJoin(step: JoinStep, building: Building, depth: number, prefix: string): { draft: SubTopologyDraft; topics: Set<string> } {
  const input = step.left.input;
  const leftRowKey = rowKeyOf(step.left);
  const { names } = building;
  const leftDraft = input.kind === 'Source' ? sourceDraft(input, building) : foreignKeyLeftJoinDraft(step.left, input, building, depth, prefix, leftRowKey);
  const leftStore = changelogStore(building, { name: `${prefix}KafkaTopic_Left-Reduce`, kind: 'keyValue' });
  leftDraft.append(tableSourceProcessor(names.take('KTABLE-SOURCE'), leftStore.name, leftRowKey)).addStores(leftStore);
  const topic = internalTopicName(building.serviceId, building.queryId, `${prefix}Join-fk-subscription`, 'repartition');
  building.internalTopics.push({ name: topic, kind: 'repartition' });
  const leftJoin = step.joinType === 'LEFT';
  leftDraft.append(foreignKeyRepartitionProcessor(names.take('KTABLE-FK-JOIN-SUBSCRIPTION'), topic, step.left.key, partitionKeySerialiser(step.right), leftRowKey, leftJoin));
  close(building, leftDraft);
  const draft = new SubTopologyDraft({ name: names.take('KSTREAM-SOURCE'), topic, read: readForeignKeyRepartitioned, failOnInvalidTimestamp: false });
  const right = buildJoinSide(step.right, step.left, 'right', building, depth, prefix, false);
  const parents = [draft.tail, right.draft.tail];
  draft.absorb(right.draft);
  const stores = [
    changelogStore(building, { name: `${prefix}Join-fk-subscriptions`, kind: 'keyValue' }),
    changelogStore(building, { name: `${prefix}KafkaTopic_Right-Reduce`, kind: 'keyValue' }),
  ];
  const join = foreignKeyJoinProcessor(names.take('KTABLE-FK-JOIN'), step, right.topics, stores[0]!.name, stores[1]!.name, leftRowKey);
  draft.append(join, parents).addStores(...stores);
  return { draft, topics: new Set([topic, ...right.topics]) };
}

/**
 * An earlier join as a foreign-key join's left table. A foreign-key join's results come from the
 * partitions of their foreign keys: they move to their own key's partition first, so that each
 * key's results are materialised in one task.
 */
function foreignKeyLeftJoinDraft(
  side: JoinSideStep,
  input: JoinStep,
  building: Building,
  depth: number,
  prefix: string,
  rowKey: (row: readonly unknown[]) => readonly unknown[],
): SubTopologyDraft {
  const built = buildJoin(input, building, depth + 1).draft;
  if (!side.repartition) return built;
  const topic = internalTopicName(building.serviceId, building.queryId, `${prefix}LeftSourceKeyed-SelectKey`, 'repartition');
  building.internalTopics.push({ name: topic, kind: 'repartition' });
  close(building, built.append(repartitionSinkProcessor(building.names.take('KSTREAM-SINK'), topic, (row) => encodeGroupKey(rowKey(row)))));
  return new SubTopologyDraft({ name: building.names.take('KSTREAM-SOURCE'), topic, read: readRepartitioned, failOnInvalidTimestamp: false });
}

/** A join side's own key columns: a source table's leading key columns, or the key columns an earlier join's rows end with. */
function rowKeyOf(side: JoinSideStep): (row: readonly unknown[]) => readonly unknown[] {
  const input = side.input;
  if (input.kind === 'Source') {
    const count = input.keyColumns.length;
    return (row) => row.slice(0, count);
  }
  const start = side.width - input.keyCount;
  return (row) => row.slice(start);
}

function buildJoinSide(
  side: JoinSideStep,
  other: JoinSideStep,
  which: 'left' | 'right',
  building: Building,
  depth: number,
  prefix: string,
  streamTable: boolean,
): { draft: SubTopologyDraft; topics: Set<string> } {
  const built = side.input.kind === 'Join' ? buildJoin(side.input, building, depth + 1) : { draft: joinSourceDraft(side.input, building), topics: new Set([side.input.topic]) };
  if (!side.repartition) return built;
  const node = repartitionNodeName(side, which, prefix, streamTable);
  const topic = internalTopicName(building.serviceId, building.queryId, node, 'repartition');
  building.internalTopics.push({ name: topic, kind: 'repartition' });
  const serialise = partitionKeySerialiser(other);
  const key = side.key;
  const partitionKey = (row: readonly unknown[], context: Pick<ProcessorContext, 'recordError'>): Uint8Array | null => {
    const value = joinKeyOf(key, row, context, `the ${which} join key`);
    return value === null ? null : serialise(value);
  };
  close(building, built.draft.append(repartitionSinkProcessor(building.names.take('KSTREAM-SINK'), topic, partitionKey)));
  const draft = new SubTopologyDraft({ name: building.names.take('KSTREAM-SOURCE'), topic, read: readRepartitioned, failOnInvalidTimestamp: false });
  building.names.skip(KSQL_NODES.repartition);
  return { draft, topics: new Set([topic]) };
}

function joinSourceDraft(step: SourceStep, building: Building): SubTopologyDraft {
  const draft = sourceDraft(step, building);
  building.names.skip(KSQL_NODES.joinSource);
  return draft;
}

/**
 * ksqlDB's names: a stream is repartitioned by the join (`Join-left`, `Join-right`, or `Join` for
 * a stream-table join's stream); a table, which is repartitioned only into the other side's key
 * format, is re-keyed and materialised by its own node (`RightSourceKeyed`).
 */
function repartitionNodeName(side: JoinSideStep, which: 'left' | 'right', prefix: string, streamTable: boolean): string {
  if (isTableSide(side)) return `${prefix}${which === 'left' ? 'Left' : 'Right'}SourceKeyed-SelectKey`;
  return `${prefix}Join${streamTable ? '' : `-${which}`}`;
}

function isTableSide(side: JoinSideStep): boolean {
  return side.input.kind === 'Source' ? side.input.sourceType === 'TABLE' : side.input.shape === 'TableTable';
}

/** A table side's rows are kept by the join: a repartitioned source table's under its re-keying node's name. */
function tableStoreName(side: JoinSideStep, which: 'Left' | 'Right', prefix: string): string {
  return side.repartition && side.input.kind === 'Source' ? `${prefix}${which}SourceKeyed-Materialize` : `${prefix}KafkaTopic_${which}-Reduce`;
}

/**
 * How a repartitioned side keys its records so that they land in the partition of the other
 * side's rows with the same join key: the other side's key format when it is read as it is.
 */
function partitionKeySerialiser(other: JoinSideStep): (value: unknown) => Uint8Array {
  if (!other.repartition) {
    const input = other.input;
    if (input.kind === 'Join') return partitionKeySerialiser(input.left);
    if (input.keyColumns.length === 1) {
      const serde = createRowSerde(input.keyFormat.format, 'key', input.keyColumns, input.keyFormat);
      return (value) => serde.serialize([value]) ?? encodeGroupKey([value]);
    }
  }
  return (value) => encodeGroupKey([value]);
}

function aggregateStore(step: AggregateStep, building: Building): StoreSpec {
  const window = step.window;
  if (window === undefined) return changelogStore(building, { name: AGGREGATE_STORE, kind: 'keyValue' });
  if (window.kind === 'SESSION') return changelogStore(building, { name: AGGREGATE_STORE, kind: 'session', graceMs: window.graceMs, retentionMs: window.retentionMs });
  return changelogStore(building, { name: AGGREGATE_STORE, kind: 'window', windowSizeMs: window.sizeMs, graceMs: window.graceMs, retentionMs: window.retentionMs });
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
