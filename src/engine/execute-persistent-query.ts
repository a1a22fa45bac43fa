// Statements that start or stop persistent queries: CREATE ... AS SELECT, INSERT INTO ... SELECT, TERMINATE.
import type { CreateAsSelect, InsertInto, Terminate } from '../parser/index.js';
import { joinSourceSteps, PlanError, planQuery, resolveSource, type QueryPlan } from '../planner/index.js';
import { buildPersistentTopology, coPartitionedPlan, internalTopicCounts, internalTopicPartitions, PersistentQuery } from '../runtime/index.js';
import type { KsqlEntity } from './api.js';
import type { EngineState, RunningQuery, StatementContext } from './engine-state.js';
import { currentStatus, recordSuccess } from './entities.js';
import { claimQueryNumber, queryIdFor } from './query-ids.js';
import { registerSchemas } from './source-schemas.js';
import { commitInterval, offsetReset } from './statement-properties.js';

export async function executeCreateAsSelect(
  statement: CreateAsSelect,
  context: StatementContext,
  state: EngineState,
  sequence: number,
): Promise<KsqlEntity> {
  const noun = statement.sourceType === 'STREAM' ? 'stream' : 'table';
  const commandId = `${noun}/${statement.name}/create`;
  const existing = state.metastore.getSource(statement.name);
  if (existing !== undefined && statement.ifNotExists) {
    return currentStatus(context.statementText, commandId, { status: 'SUCCESS', message: `${existing.sourceType === 'STREAM' ? 'Stream' : 'Table'} already exists.`, queryId: null }, sequence);
  }
  if (existing !== undefined && !statement.orReplace) {
    throw new PlanError(
      `Cannot add ${noun} '${statement.name}': A ${existing.sourceType.toLowerCase()} with the same name already exists`,
      statement.span,
      'ALREADY_EXISTS',
    );
  }
  const queryId = queryIdFor(context.queryIds, state, `${statement.sourceType === 'STREAM' ? 'CSAS' : 'CTAS'}_${statement.name}_`);
  const plan = planQuery(
    statement.query,
    { kind: 'CreateAsSelect', name: statement.name, sourceType: statement.sourceType, properties: statement.properties, statementText: context.statementText },
    queryId,
    { metastore: state.metastore, registry: state.registry, config: context.plannerConfig() },
  );
  // Checked before a query it replaces stops.
  const commitIntervalMs = commitInterval(context.plannerConfig());
  if (existing !== undefined) {
    await replaceQueriesWriting(statement.name, state);
  }
  await startPersistentQuery(plan, context, state, commitIntervalMs);
  claimQueryNumber(state, queryId);
  context.startedQueryId = queryId;
  state.metastore.putSource(plan.sinkSource);
  return recordSuccess(state, context.statementText, commandId, { status: 'SUCCESS', message: `Created query with ID ${queryId}`, queryId }, sequence);
}

export async function executeInsertInto(
  statement: InsertInto,
  context: StatementContext,
  state: EngineState,
  sequence: number,
): Promise<KsqlEntity> {
  const sink = resolveSource(statement.target, statement.targetSpan, state.metastore);
  const queryProperty = statement.properties?.entries.find((entry) => entry.name === 'QUERY_ID');
  const requestedId = queryProperty !== undefined && queryProperty.value.kind === 'string' ? queryProperty.value.value.toUpperCase() : undefined;
  const queryId = requestedId ?? queryIdFor(context.queryIds, state, 'INSERTQUERY_');
  if (state.queries.has(queryId)) {
    throw new PlanError(`Query ID '${queryId}' already exists.`, statement.span, 'ALREADY_EXISTS');
  }
  const plan = planQuery(statement.query, { kind: 'InsertInto', sink, properties: statement.properties }, queryId, {
    metastore: state.metastore,
    registry: state.registry,
    config: context.plannerConfig(),
  });
  await startPersistentQuery(plan, context, state, commitInterval(context.plannerConfig()));
  // A QUERY_ID of the user's takes no number, as in ksqlDB.
  if (requestedId === undefined) claimQueryNumber(state, queryId);
  context.startedQueryId = queryId;
  const commandId = `stream/${sink.name}/create`;
  const status = { status: 'SUCCESS' as const, message: `Created query with ID ${queryId}`, queryId };
  state.commandStatuses.set(`insert/${queryId}/create`, status);
  return currentStatus(context.statementText, commandId, status, sequence);
}

export async function executeTerminate(statement: Terminate, context: StatementContext, state: EngineState, sequence: number): Promise<KsqlEntity> {
  const ids = statement.queryId === undefined ? [...state.queries.keys()] : [statement.queryId.toUpperCase()];
  for (const id of ids) {
    const query = state.queries.get(id);
    if (query === undefined) {
      throw new PlanError(`Unknown queryId: ${id}`, statement.span, 'NOT_FOUND');
    }
    await query.runtime.stop();
    state.queries.delete(id);
  }
  const commandId = `terminate/${statement.queryId ?? 'ALL'}/execute`;
  return recordSuccess(state, context.statementText, commandId, { status: 'SUCCESS', message: 'Query terminated.', queryId: null }, sequence);
}

/** CREATE OR REPLACE: the query writing the sink is replaced by the new one. */
async function replaceQueriesWriting(sinkName: string, state: EngineState): Promise<void> {
  for (const query of [...state.queries.values()]) {
    if (query.sinkName !== sinkName) continue;
    await query.runtime.stop();
    state.queries.delete(query.id);
  }
}

async function startPersistentQuery(planned: QueryPlan, context: StatementContext, state: EngineState, commitIntervalMs: number): Promise<void> {
  // Internal topics are co-partitioned with the inputs: one task of each sub-topology per partition
  // (a joined side read as it is moves into the other's partitions, or the join is refused here,
  // before anything is created).
  const plan = await coPartitionedPlan(planned, state.log);
  const sourcePartitions = await internalTopicPartitions(plan, state.log);
  const partitions = plan.sink.partitions ?? (await state.log.describeTopic(plan.source.topic))?.partitions ?? 1;
  await state.log.createTopic(plan.sink.topic, { partitions });
  await registerSchemas(plan.sink, state.config.schemaRegistry, 'sink');
  const topology = buildPersistentTopology(plan, state.config.serviceId);
  const counts = await internalTopicCounts(topology, sourcePartitions, state.log);
  for (const topic of topology.internalTopics) {
    const partitions = counts.get(topic.name) ?? sourcePartitions;
    await state.log.createTopic(topic.name, topic.kind === 'changelog' ? { partitions, config: { 'cleanup.policy': 'compact' } } : { partitions });
  }
  const runtime = new PersistentQuery({
    log: state.log,
    topology,
    applicationId: `_squall_${state.config.serviceId}_query_${plan.queryId}`,
    instanceId: state.instanceId,
    stateDir: state.config.stateDir,
    guarantee: state.config.guarantee,
    processingLog: state.processingLog,
    offsetReset: offsetReset(context.properties, 'earliest'),
    commitIntervalMs,
    onProgress: state.config.onProgress,
  });
  await runtime.start(state.config.background);
  const running: RunningQuery = {
    id: plan.queryId,
    statementText: context.statementText,
    plan,
    runtime,
    sinkName: plan.sinkSource.name,
    sourceNames: plan.join === undefined ? [plan.source.sourceName] : joinSourceSteps(plan.join).map((source) => source.sourceName),
  };
  state.queries.set(plan.queryId, running);
}
