// Source: the rows of a stream or table, as key, value and header columns plus pseudo-columns.
import type { Span } from '../../parser/index.js';
import type { DataSource } from '../metastore.js';
import { RowSchema } from '../query/row-schema.js';
import type { KeySpec, LogicalNodeBase } from './logical-node.js';

export interface SourceNode extends LogicalNodeBase {
  readonly kind: 'Source';
  readonly source: DataSource;
  /** The alias or source name that qualifies its columns (`i.ID`). */
  readonly qualifier: string;
}

/** `span` is the query's: an error about an unselected source key points at it. */
export function sourceNode(source: DataSource, qualifier: string, span: Span): SourceNode {
  const schema = RowSchema.ofSource(source, qualifier);
  const keys = schema.columns.flatMap((column): KeySpec[] =>
    column.role === 'KEY' ? [{ expression: { kind: 'ColumnRef', source: qualifier, name: column.name, span }, columnName: column.name }] : [],
  );
  return Object.freeze({ kind: 'Source', id: undefined, schema, keys, source, qualifier });
}
