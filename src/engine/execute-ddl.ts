// DDL statements: CREATE STREAM/TABLE over a topic, CREATE/DROP TYPE, DROP STREAM/TABLE, ALTER.
import { SquallError } from '../errors/index.js';
import type { AlterSource, CreateSource, CreateType, DropSource, DropType } from '../parser/index.js';
import { checkSourceFormats, keyColumns, PlanError, planCreateSource, resolveType, valueColumns } from '../planner/index.js';
import type { KsqlEntity } from './api.js';
import type { EngineState, StatementContext } from './engine-state.js';
import { currentStatus, recordSuccess } from './entities.js';
import { inferSourceColumns, registerSchemas } from './source-schemas.js';

export async function executeCreateSource(
  statement: CreateSource,
  context: StatementContext,
  state: EngineState,
  sequence: number,
): Promise<KsqlEntity> {
  const noun = statement.sourceType === 'STREAM' ? 'Stream' : 'Table';
  const commandId = `${statement.sourceType.toLowerCase()}/${statement.name}/create`;
  const existing = state.metastore.getSource(statement.name);
  if (existing !== undefined && statement.ifNotExists) {
    return currentStatus(context.statementText, commandId, { status: 'SUCCESS', message: `${noun} already exists.`, queryId: null }, sequence, [
      { message: `Cannot add ${statement.sourceType.toLowerCase()} ${statement.name}: A ${existing.sourceType.toLowerCase()} with the same name already exists.` },
    ]);
  }
  const inferred = await inferSourceColumns(statement, context.plannerConfig(), state.config.schemaRegistry);
  const planned = planCreateSource(inferred.statement, context.statementText, state.metastore, context.plannerConfig());
  const source = inferred.finish(planned.source);
  const partitions = planned.partitions;
  if (existing !== undefined && !statement.orReplace) {
    throw new PlanError(
      `Cannot add ${statement.sourceType.toLowerCase()} '${statement.name}': A ${existing.sourceType.toLowerCase()} with the same name already exists`,
      statement.span,
      'ALREADY_EXISTS',
    );
  }
  await registerSchemas({ ...source, keyColumns: keyColumns(source), valueColumns: valueColumns(source) }, state.config.schemaRegistry, 'source');
  const warnings = await ensureTopic(state, source.topic, partitions, context);
  state.metastore.putSource(source);
  return recordSuccess(state, context.statementText, commandId, { status: 'SUCCESS', message: `${noun} created`, queryId: null }, sequence, warnings);
}

/**
 * The topic a declared source reads must exist; PARTITIONS creates it. Squall also creates a
 * missing topic without PARTITIONS (with one partition) and says so, where ksqlDB would refuse:
 * on the embedded Kafka that is what a newcomer expects.
 */
async function ensureTopic(state: EngineState, topic: string, partitions: number | undefined, context: StatementContext) {
  if (context.replaying) return [];
  const description = await state.log.describeTopic(topic);
  if (description !== undefined) return [];
  await state.log.createTopic(topic, { partitions: partitions ?? 1 });
  return partitions === undefined ? [{ message: `Topic '${topic}' did not exist: it was created with 1 partition.` }] : [];
}

export function executeCreateType(statement: CreateType, context: StatementContext, state: EngineState, sequence: number): KsqlEntity {
  const commandId = `type/${statement.name}/create`;
  if (state.metastore.types().has(statement.name)) {
    if (statement.ifNotExists) {
      return currentStatus(context.statementText, commandId, { status: 'SUCCESS', message: 'Type already exists', queryId: null }, sequence);
    }
    throw new PlanError(`Cannot register custom type '${statement.name}' since it is already registered with type: ${statement.name}`, statement.span, 'ALREADY_EXISTS');
  }
  state.metastore.putType(statement.name, resolveType(statement.type, state.metastore.types()));
  return recordSuccess(state, context.statementText, commandId, { status: 'SUCCESS', message: 'Type created', queryId: null }, sequence);
}

export function executeDropType(statement: DropType, context: StatementContext, state: EngineState, sequence: number): KsqlEntity {
  const commandId = `type/${statement.name}/drop`;
  if (!state.metastore.deleteType(statement.name) && !statement.ifExists) {
    throw new PlanError(`Type ${statement.name} does not exist.`, statement.span, 'NOT_FOUND');
  }
  return recordSuccess(state, context.statementText, commandId, { status: 'SUCCESS', message: 'Dropped type', queryId: null }, sequence);
}

export async function executeDropSource(
  statement: DropSource,
  context: StatementContext,
  state: EngineState,
  sequence: number,
): Promise<KsqlEntity> {
  const commandId = `${statement.sourceType.toLowerCase()}/${statement.name}/drop`;
  const noun = statement.sourceType === 'STREAM' ? 'Stream' : 'Table';
  const source = state.metastore.getSource(statement.name);
  if (source === undefined || source.sourceType !== statement.sourceType) {
    if (statement.ifExists) {
      return currentStatus(context.statementText, commandId, { status: 'SUCCESS', message: `Source ${statement.name} does not exist.`, queryId: null }, sequence);
    }
    throw new PlanError(`${noun} ${statement.name} does not exist.`, statement.span, 'NOT_FOUND');
  }
  if (statement.deleteTopic && source.isSource) {
    throw new PlanError(`Cannot delete topic for read-only source: ${source.name}`, statement.span);
  }
  const readers = [...state.queries.values()].filter((query) => query.sourceNames.includes(source.name)).map((query) => query.id);
  const writers = [...state.queries.values()].filter((query) => query.sinkName === source.name).map((query) => query.id);
  if (readers.length > 0 || writers.length > 0) {
    throw new PlanError(
      `Cannot drop ${source.name}.\nThe following queries read from this source: [${readers.join(', ')}].\nThe following queries write into this source: [${writers.join(', ')}].\nYou need to terminate them before dropping ${source.name}.`,
      statement.span,
    );
  }
  state.metastore.deleteSource(source.name);
  const warnings = [];
  if (statement.deleteTopic && !context.replaying && !(await state.log.deleteTopic(source.topic))) {
    warnings.push({ message: `The Kafka cluster cannot delete topics: topic ${source.topic} was kept.` });
  }
  const message = `Source \`${source.name}\` (topic: ${source.topic}) was dropped.`;
  return recordSuccess(state, context.statementText, commandId, { status: 'SUCCESS', message, queryId: null }, sequence, warnings);
}

export function executeAlterSource(statement: AlterSource, context: StatementContext, state: EngineState, sequence: number): KsqlEntity {
  const noun = statement.sourceType.toLowerCase();
  const source = state.metastore.getSource(statement.name);
  if (source === undefined || source.sourceType !== statement.sourceType) {
    throw new PlanError(`Source ${statement.name} does not exist.`, statement.span, 'NOT_FOUND');
  }
  if (source.isSource) {
    throw new PlanError(`Cannot alter ${noun} '${source.name}': ALTER operations are not supported on source ${noun}s.`, statement.span);
  }
  if (source.isSink) {
    throw new SquallError('PLAN_ERROR', `ALTER command is not supported for CREATE ... AS statements.`, statement.span);
  }
  const added = statement.columns.map((column) => {
    if (source.columns.some((existing) => existing.name === column.name)) {
      throw new PlanError(`Cannot add column \`${column.name}\` to schema. A column with the same name already exists.`, column.span);
    }
    return { name: column.name, type: resolveType(column.type, state.metastore.types()), namespace: 'VALUE' as const };
  });
  const altered = { ...source, columns: [...source.columns, ...added] };
  checkSourceFormats(altered, statement.span);
  state.metastore.putSource(altered);
  const commandId = `${noun}/${source.name}/alter`;
  return recordSuccess(state, context.statementText, commandId, { status: 'SUCCESS', message: `${statement.sourceType === 'STREAM' ? 'Stream' : 'Table'} altered`, queryId: null }, sequence);
}
