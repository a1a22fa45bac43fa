// ksqlDB's /ksql response entities, built from Squall's catalog and queries.
import { type Column, type DataSource, type SqlType } from '../planner/index.js';
import type { CommandStatus, KsqlEntity, Warning } from './api.js';
import type { EngineState, RunningQuery } from './engine-state.js';

export function currentStatus(
  statementText: string,
  commandId: string,
  status: CommandStatus,
  commandSequenceNumber: number,
  warnings: readonly Warning[] = [],
): KsqlEntity {
  return { '@type': 'currentStatus', statementText, commandId, commandStatus: status, commandSequenceNumber, warnings };
}

/** A command that succeeded: its status is kept for /status, and its answer is the currentStatus entity. */
export function recordSuccess(
  state: EngineState,
  statementText: string,
  commandId: string,
  status: CommandStatus,
  commandSequenceNumber: number,
  warnings: readonly Warning[] = [],
): KsqlEntity {
  state.commandStatuses.set(commandId, status);
  return currentStatus(statementText, commandId, status, commandSequenceNumber, warnings);
}

export function sourceSummary(source: DataSource): Record<string, unknown> {
  return {
    type: source.sourceType,
    name: source.name,
    topic: source.topic,
    keyFormat: source.keyFormat.format,
    valueFormat: source.valueFormat.format,
    isWindowed: source.window !== undefined,
  };
}

/** ksqlDB's SchemaInfo: `{type, fields, memberSchema}` (+ `parameters` for DECIMAL). */
export function schemaInfo(type: SqlType): Record<string, unknown> {
  const base = { type: type.kind === 'INTEGER' ? 'INTEGER' : type.kind, fields: null as unknown, memberSchema: null as unknown };
  switch (type.kind) {
    case 'ARRAY':
      return { ...base, memberSchema: schemaInfo(type.element) };
    case 'MAP':
      return { ...base, memberSchema: schemaInfo(type.value) };
    case 'STRUCT':
      return { ...base, fields: type.fields.map((field) => ({ name: field.name, schema: schemaInfo(field.type) })) };
    case 'DECIMAL':
      return { ...base, parameters: { precision: type.precision, scale: type.scale } };
    default:
      return base;
  }
}

function fieldInfo(column: Column): Record<string, unknown> {
  const field: Record<string, unknown> = { name: column.name, schema: schemaInfo(column.type) };
  if (column.namespace === 'KEY') field['type'] = 'KEY';
  if (column.namespace === 'HEADER') field['type'] = 'HEADER';
  return field;
}

export function sourceDescription(
  source: DataSource,
  extended: boolean,
  queries: readonly RunningQuery[],
  partitions: number,
  /** DESCRIBE … EXTENDED: the runtime statistics and errors of the queries that write and read the source. */
  runtime?: { readonly statistics: string; readonly errorStats: string },
): Record<string, unknown> {
  return {
    name: source.name,
    windowType: source.window?.type ?? null,
    readQueries: queries.filter((query) => query.sourceNames.includes(source.name)).map(runningQueryInfo),
    writeQueries: queries.filter((query) => query.sinkName === source.name).map(runningQueryInfo),
    fields: source.columns.map(fieldInfo),
    type: source.sourceType,
    timestamp: source.timestamp?.column ?? '',
    statistics: runtime?.statistics ?? '',
    errorStats: runtime?.errorStats ?? '',
    extended,
    keyFormat: source.keyFormat.format,
    valueFormat: source.valueFormat.format,
    topic: source.topic,
    partitions,
    replication: extended ? 1 : 0,
    statement: source.statementText,
    queryOffsetSummaries: [],
    sourceConstraints: [],
    clusterStatistics: [],
    clusterErrorStats: [],
  };
}

export function runningQueryInfo(query: RunningQuery): Record<string, unknown> {
  return {
    queryString: query.statementText,
    sinks: [query.sinkName],
    sinkKafkaTopics: [query.plan.sink.topic],
    id: query.id,
    statusCount: { [query.runtime.state]: 1 },
    queryType: 'PERSISTENT',
    state: query.runtime.state,
  };
}
