// Where a query's rows go: a new stream or table (C*AS), an existing stream (INSERT INTO), or a
// transient push query's client. Sets the sink topic, formats and timestamp as ksqlDB does.
import type { Properties, Query } from '../../parser/index.js';
import { ConfigNames, type PlannerConfig } from '../config.js';
import { checkSourceFormats, checkWrapSingleValue } from '../format-rules.js';
import { formatSchema, type Column, type DataSource, type SourceType } from '../metastore.js';
import { PlanError } from '../plan-error.js';
import { resolveFormats } from '../source-formats.js';
import { typesEqual } from '../types.js';
import { WithProperties } from '../with-properties.js';
import { resolveTimestampColumn } from '../timestamp-column.js';
import { formatCreateAsSelect } from './format-statement.js';
import type { NamedExpression } from './select-items.js';

export type SinkTarget =
  | {
      readonly kind: 'CreateAsSelect';
      readonly name: string;
      readonly sourceType: SourceType;
      readonly properties: Properties | undefined;
      readonly statementText: string;
    }
  | { readonly kind: 'InsertInto'; readonly sink: DataSource; readonly properties: Properties | undefined }
  | { readonly kind: 'Transient' };

export interface SinkRequest {
  readonly target: SinkTarget;
  readonly query: Query;
  readonly source: DataSource;
  readonly keyColumns: readonly Column[];
  readonly valueColumns: readonly Column[];
  readonly config: PlannerConfig;
  /** The SELECT items with their names, for the statement text of the sink's errors. */
  readonly items: readonly NamedExpression[];
}

/** The source the sink becomes in the catalog, and the partition count for a topic it creates. */
export interface PlannedSink {
  readonly source: DataSource;
  readonly partitions: number | undefined;
}

export function planSink(request: SinkRequest): PlannedSink {
  const { target } = request;
  switch (target.kind) {
    case 'CreateAsSelect':
      return planCreateAsSelectSink(request, target);
    case 'InsertInto':
      return planInsertIntoSink(request, target.sink, target.properties);
    case 'Transient':
      return planTransientSink(request);
  }
}

function planCreateAsSelectSink(
  request: SinkRequest,
  target: Extract<SinkTarget, { kind: 'CreateAsSelect' }>,
): PlannedSink {
  const { source, config } = request;
  const properties = new WithProperties(target.properties);
  if (target.sourceType !== source.sourceType) {
    throw new PlanError(
      `Invalid result type. Your SELECT query produces a ${source.sourceType}. Please use CREATE ${source.sourceType} AS SELECT statement instead.`,
      request.query.span,
    );
  }
  const hasKeys = request.keyColumns.length > 0;
  const explicitKeyFormat = properties.string('KEY_FORMAT') ?? properties.string('FORMAT');
  if (!hasKeys && explicitKeyFormat !== undefined && explicitKeyFormat.toUpperCase() !== 'NONE') {
    throw new PlanError('Key format specified for stream without key columns.', properties.spanOf('KEY_FORMAT'));
  }
  const inheritedKey = source.keyFormat.format === 'NONE' ? undefined : source.keyFormat;
  const formats = resolveFormats(properties, config, { key: inheritedKey, value: source.valueFormat }, hasKeys);
  const prefix = config.get(ConfigNames.outputTopicPrefix) ?? '';
  const topic = properties.string('KAFKA_TOPIC') ?? `${prefix}${target.name}`;
  const columns = [...request.keyColumns, ...request.valueColumns];
  const timestamp = resolveTimestampColumn(properties, columns);
  const partitions = properties.integer('PARTITIONS') ?? numberConfig(config, ConfigNames.sinkPartitions);
  const sinkSource: DataSource = {
    name: target.name,
    sourceType: target.sourceType,
    columns,
    topic,
    keyFormat: formats.keyFormat,
    valueFormat: formats.valueFormat,
    timestamp,
    window: source.window,
    isSource: false,
    isSink: true,
    statementText: target.statementText,
  };
  try {
    checkSourceFormats(sinkSource, request.query.span);
  } catch (error) {
    // ksqlDB reports a sink's format refusal with the analysed statement.
    if (!(error instanceof PlanError)) throw error;
    throw new PlanError(error.message, error.span, error.code, formatCreateAsSelect(target, request.query, request.items));
  }
  checkWrapSingleValue(properties, sinkSource);
  return { source: sinkSource, partitions };
}

function planInsertIntoSink(
  request: SinkRequest,
  sink: DataSource,
  propertiesNode: Properties | undefined,
): PlannedSink {
  new WithProperties(propertiesNode); // validates the property names
  if (sink.sourceType !== 'STREAM') {
    throw new PlanError(`INSERT INTO can only be used to insert into a stream. ${sink.name} is a table.`, request.query.span);
  }
  if (sink.isSource) {
    throw new PlanError(`Cannot insert into read-only stream: ${sink.name}`, request.query.span);
  }
  if (request.source.sourceType !== 'STREAM') {
    throw new PlanError(`INSERT INTO can only be used with a stream query. ${request.source.name} is a table.`, request.query.span);
  }
  const result = [...request.keyColumns, ...request.valueColumns];
  const sinkColumns = sink.columns.filter((column) => column.namespace !== 'HEADER');
  const compatible =
    result.length === sinkColumns.length &&
    result.every((column, index) => {
      const other = sinkColumns[index]!;
      return column.name === other.name && column.namespace === other.namespace && typesEqual(column.type, other.type);
    });
  if (!compatible) {
    throw new PlanError(
      `Incompatible schema between results and sink.\nResult schema is ${formatSchema(result)}\nSink schema is ${formatSchema(sinkColumns)}`,
      request.query.span,
    );
  }
  return { source: sink, partitions: undefined };
}

function planTransientSink(request: SinkRequest): PlannedSink {
  const transient: DataSource = {
    name: `TRANSIENT_${request.source.name}`,
    sourceType: request.source.sourceType,
    columns: [...request.keyColumns, ...request.valueColumns],
    topic: '',
    keyFormat: { format: 'NONE' },
    valueFormat: { format: 'JSON', wrapSingleValue: true },
    timestamp: undefined,
    window: request.source.window,
    isSource: false,
    isSink: false,
    statementText: '',
  };
  return { source: transient, partitions: undefined };
}

function numberConfig(config: PlannerConfig, name: string): number | undefined {
  const text = config.get(name);
  return text === undefined ? undefined : Number(text);
}
