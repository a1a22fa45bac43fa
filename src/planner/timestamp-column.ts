// The TIMESTAMP property of a source or sink: the column that supplies event time.
import type { Column, TimestampColumn } from './metastore.js';
import { PlanError } from './plan-error.js';
import type { WithProperties } from './with-properties.js';

/** Resolves TIMESTAMP (and TIMESTAMP_FORMAT) against the columns; undefined when not set. */
export function resolveTimestampColumn(properties: WithProperties, columns: readonly Column[]): TimestampColumn | undefined {
  const name = properties.string('TIMESTAMP');
  if (name === undefined) return undefined;
  const columnName = name.toUpperCase();
  const column = columns.find((candidate) => candidate.name === columnName) ?? columns.find((candidate) => candidate.name === name);
  if (column === undefined) {
    throw new PlanError(
      `The TIMESTAMP column set in the WITH clause does not exist in the schema: '${columnName}'`,
      properties.spanOf('TIMESTAMP'),
    );
  }
  const format = properties.string('TIMESTAMP_FORMAT');
  const kind = column.type.kind;
  if (!(kind === 'BIGINT' || kind === 'TIMESTAMP' || (kind === 'STRING' && format !== undefined))) {
    throw new PlanError(
      `Timestamp column, \`${column.name}\`, should be LONG(INT64), TIMESTAMP, or a String with a timestamp_format specified.`,
      properties.spanOf('TIMESTAMP'),
    );
  }
  return format === undefined ? { column: column.name } : { column: column.name, format };
}
