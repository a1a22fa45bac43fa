// Sink: where the projected rows go (a new stream or table, an existing stream, or a transient
// query's client), with the sink topic, formats and timestamp plan-sink.ts resolves.
import type { Query } from '../../parser/index.js';
import type { PlannerConfig } from '../config.js';
import type { Column, DataSource } from '../metastore.js';
import { planSink, type SinkTarget } from '../query/plan-sink.js';
import type { NamedExpression } from '../query/select-items.js';
import { inputsOf, type LogicalNode, type LogicalNodeBase } from './logical-node.js';
import type { SourceNode } from './source.js';
import { windowInfo } from './window-spec.js';

export interface SinkNode extends LogicalNodeBase {
  readonly kind: 'Sink';
  readonly input: LogicalNode;
  readonly target: SinkTarget;
  /** The source the sink becomes in the catalog (C*AS), or the existing target (INSERT INTO). */
  readonly sinkSource: DataSource;
  readonly keyColumns: readonly Column[];
  readonly valueColumns: readonly Column[];
  readonly partitions: number | undefined;
  /** LIMIT of a transient query. */
  readonly limit: number | undefined;
}

export function sinkNode(input: LogicalNode, target: SinkTarget, query: Query, from: SourceNode, config: PlannerConfig, items: readonly NamedExpression[]): SinkNode {
  const columnsOf = (namespace: 'KEY' | 'VALUE') =>
    input.schema.columns.flatMap((column): Column[] => (column.role === namespace ? [{ name: column.name, type: column.type, namespace }] : []));
  const keyColumns = columnsOf('KEY');
  const valueColumns = columnsOf('VALUE');
  const planned = planSink({ target, query, source: resultShape(input, from.source), keyColumns, valueColumns, config, items });
  return Object.freeze({
    kind: 'Sink',
    id: undefined,
    schema: input.schema,
    keys: input.keys,
    input,
    target,
    sinkSource: planned.source,
    keyColumns,
    valueColumns,
    partitions: planned.partitions,
    limit: query.limit,
  });
}

/** What the query produces, as a source: an aggregation produces a table, windowed as its WINDOW. */
function resultShape(node: LogicalNode, source: DataSource): DataSource {
  for (let current: LogicalNode | undefined = node; current !== undefined; current = inputsOf(current)[0]) {
    if (current.kind === 'Aggregate') {
      return { ...source, sourceType: 'TABLE', window: current.window === undefined ? undefined : windowInfo(current.window) };
    }
  }
  return source;
}
