// CREATE [SOURCE] STREAM|TABLE name (columns) WITH (...): validates the declaration into a DataSource.
import type { ColumnDefinition, CreateSource } from '../../parser/index.js';
import type { PlannerConfig } from '../config.js';
import { keyColumns, type Column, type DataSource, type MetastoreView, type SourceType, type WindowInfo, type WindowType } from '../metastore.js';
import { PlanError } from '../plan-error.js';
import { resolveFormats } from '../source-formats.js';
import { checkKeyType, checkReservedName } from '../column-rules.js';
import { checkSourceFormats, checkWrapSingleValue } from '../format-rules.js';
import { resolveType } from '../type-rules.js';
import { formatType, SqlTypes, typesEqual, type SqlType } from '../types.js';
import { WithProperties } from '../with-properties.js';
import { parseDurationText } from '../duration.js';
import { resolveTimestampColumn } from '../timestamp-column.js';

const HEADERS_TYPE = SqlTypes.array(
  SqlTypes.struct([
    { name: 'KEY', type: SqlTypes.STRING },
    { name: 'VALUE', type: SqlTypes.BYTES },
  ]),
);

export function planCreateSource(
  statement: CreateSource,
  statementText: string,
  metastore: MetastoreView,
  config: PlannerConfig,
): { source: DataSource; partitions: number | undefined } {
  const properties = new WithProperties(statement.properties);
  const noun = statement.sourceType === 'STREAM' ? 'stream' : 'table';
  checkReplaceable(statement, metastore, noun);
  const topic = properties.string('KAFKA_TOPIC');
  if (topic === undefined) {
    throw new PlanError('Missing required property "KAFKA_TOPIC" which has no default value.', statement.properties?.span ?? statement.span);
  }
  const columns = statement.columns.map((definition) => planColumn(definition, statement, metastore));
  checkDuplicateColumns(columns, statement);
  const keys = keyColumns({ columns });
  if (statement.sourceType === 'TABLE' && keys.length === 0 && columns.length > 0) {
    throw new PlanError('Tables require a PRIMARY KEY. Please define the PRIMARY KEY.', statement.span);
  }
  const formats = resolveFormats(properties, config, {}, keys.length > 0);
  const source: DataSource = {
    name: statement.name,
    sourceType: statement.sourceType,
    columns: [...keys, ...columns.filter((column) => column.namespace !== 'KEY')],
    topic,
    keyFormat: formats.keyFormat,
    valueFormat: formats.valueFormat,
    timestamp: resolveTimestampColumn(properties, columns),
    window: planWindow(properties),
    isSource: statement.isSource,
    isSink: false,
    statementText,
  };
  checkSourceFormats(source, statement.span);
  checkWrapSingleValue(properties, source);
  return { source, partitions: properties.integer('PARTITIONS') };
}

function checkReplaceable(statement: CreateSource, metastore: MetastoreView, noun: string): void {
  const existing = metastore.getSource(statement.name);
  if (statement.orReplace && (statement.isSource || existing?.isSource === true)) {
    throw new PlanError(`Cannot add ${noun} '${statement.name}': CREATE OR REPLACE is not supported on source ${noun}s.`, statement.span);
  }
}

function planColumn(definition: ColumnDefinition, statement: CreateSource, metastore: MetastoreView): Column {
  checkReservedName(definition.name, definition.span);
  const type = resolveType(definition.type, metastore.types());
  const constraint = definition.constraint;
  switch (constraint.kind) {
    case 'None':
      return { name: definition.name, type, namespace: 'VALUE' };
    case 'Key':
    case 'PrimaryKey':
      checkKeyConstraint(definition, constraint.kind === 'Key' ? 'KEY' : 'PRIMARY KEY', statement.sourceType);
      checkKeyType(definition.name, type, definition.span);
      return { name: definition.name, type, namespace: 'KEY' };
    case 'Headers':
      checkHeaderType(definition, type, HEADERS_TYPE);
      return { name: definition.name, type, namespace: 'HEADER' };
    case 'Header':
      checkHeaderType(definition, type, SqlTypes.BYTES);
      return { name: definition.name, type, namespace: 'HEADER', headerKey: constraint.key };
  }
}

/** Streams declare KEY columns and tables PRIMARY KEY columns; the other spelling is refused. */
function checkKeyConstraint(definition: ColumnDefinition, written: 'KEY' | 'PRIMARY KEY', sourceType: SourceType): void {
  const expected = sourceType === 'TABLE' ? 'PRIMARY KEY' : 'KEY';
  if (written === expected) return;
  throw new PlanError(
    `Column ${definition.name} is a '${written}' column: please use '${expected}' for ${sourceType === 'TABLE' ? 'tables' : 'streams'}.\nTables have PRIMARY KEYs, which are unique and NON NULL.\nStreams have KEYs, which have no uniqueness or NON NULL constraints.`,
    definition.span,
  );
}

function checkHeaderType(definition: ColumnDefinition, type: SqlType, expected: SqlType): void {
  if (!typesEqual(type, expected)) {
    throw new PlanError(`Invalid type for HEADER column ${definition.name}: expected ${formatType(expected)}`, definition.span);
  }
}

function checkDuplicateColumns(columns: readonly Column[], statement: CreateSource): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) {
      throw new PlanError(`Duplicate column names: ${column.name}`, statement.span);
    }
    seen.add(column.name);
  }
}

function planWindow(properties: WithProperties): WindowInfo | undefined {
  const typeText = properties.string('WINDOW_TYPE');
  const sizeText = properties.string('WINDOW_SIZE');
  if (typeText === undefined) {
    if (sizeText !== undefined) {
      throw new PlanError("'WINDOW_SIZE' should not be set without 'WINDOW_TYPE'.", properties.spanOf('WINDOW_SIZE'));
    }
    return undefined;
  }
  const type = typeText.toUpperCase();
  if (type !== 'TUMBLING' && type !== 'HOPPING' && type !== 'SESSION') {
    throw new PlanError(`Invalid WINDOW_TYPE: ${typeText}. Valid values are SESSION, HOPPING and TUMBLING.`, properties.spanOf('WINDOW_TYPE'));
  }
  if (type === 'SESSION') {
    if (sizeText !== undefined) {
      throw new PlanError("'WINDOW_SIZE' should not be set for SESSION windows.", properties.spanOf('WINDOW_SIZE'));
    }
    return { type };
  }
  if (sizeText === undefined) {
    throw new PlanError(`'WINDOW_SIZE' must be set for ${type} windows.`, properties.spanOf('WINDOW_TYPE'));
  }
  return { type: type as WindowType, sizeMs: parseDurationText(sizeText, 'WINDOW_SIZE', properties.spanOf('WINDOW_SIZE')) };
}
