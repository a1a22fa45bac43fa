// The logical plan: a closed union of immutable operator nodes, each carrying its output schema.
// It says what a query computes; lower.ts decides how the runtime computes it.
import type { Expression } from '../../parser/index.js';
import type { CompileContext } from '../expression/index.js';
import type { FunctionRegistry } from '../functions/registry.js';
import type { RowSchema } from '../query/row-schema.js';
import type { SqlType } from '../types.js';
import type { AggregateNode } from './aggregate.js';
import type { FilterNode } from './filter.js';
import type { JoinNode } from './join.js';
import type { ProjectNode } from './project.js';
import type { RepartitionNode } from './repartition.js';
import type { SinkNode } from './sink.js';
import type { SourceNode } from './source.js';
import type { SuppressNode } from './suppress.js';
import type { TableFunctionsNode } from './table-functions.js';

export type LogicalNode =
  | SourceNode
  | FilterNode
  | RepartitionNode
  | TableFunctionsNode
  | ProjectNode
  | AggregateNode
  | SuppressNode
  | JoinNode
  | SinkNode;

export type LogicalNodeKind = LogicalNode['kind'];

/** A key of the rows a node emits: the expression that computes it and its column name. */
export interface KeySpec {
  readonly expression: Expression;
  readonly columnName: string;
  /** For a GROUP BY key, the grouping expression as written, which key-rule messages name. */
  readonly grouping?: string;
  /** For a join key, the other expressions the projection may select it by (`R.A` for `ON L.A = R.A`). */
  readonly alternatives?: readonly Expression[];
  /** A join's key: its join columns, or the synthetic ROWKEY. */
  readonly join?: 'columns' | 'synthetic';
}

/** What every node has. `schema` is its output row layout; key columns have role KEY. */
export interface LogicalNodeBase {
  /** The stable ksqlDB-style step name (`WhereFilter`...), given by the assignNodeIds pass. */
  readonly id: string | undefined;
  readonly schema: RowSchema;
  readonly keys: readonly KeySpec[];
}

/** What factories need to type expressions: functions and custom types, never the catalog. */
export interface TypingContext {
  readonly registry: FunctionRegistry;
  readonly customTypes: ReadonlyMap<string, SqlType>;
}

export function compileContext(scope: RowSchema, typing: TypingContext): CompileContext {
  return { scope, registry: typing.registry, customTypes: typing.customTypes };
}

/** A handler per node kind: adding a kind fails to compile until every table handles it. */
export type NodeHandlers<Result> = { readonly [K in LogicalNodeKind]: (node: Extract<LogicalNode, { kind: K }>) => Result };

export function dispatch<Result>(node: LogicalNode, handlers: NodeHandlers<Result>): Result {
  return (handlers[node.kind] as (node: LogicalNode) => Result)(node);
}

export function inputsOf(node: LogicalNode): readonly LogicalNode[] {
  if (node.kind === 'Source') return [];
  if (node.kind === 'Join') return [node.left, node.right];
  return [node.input];
}

/**
 * A copy of `node` over new inputs, in the order `inputsOf` gives them. The node keeps its own
 * schema, so each new input must emit the schema the old one did; a rewrite that changes a schema
 * rebuilds the nodes above it through their factories instead.
 */
export function withInputs<Node extends LogicalNode>(node: Node, inputs: readonly LogicalNode[]): Node {
  if (node.kind === 'Source') return node;
  if (node.kind === 'Join') return Object.freeze<Node>({ ...node, left: inputs[0]!, right: inputs[1]! });
  return Object.freeze<Node>({ ...node, input: inputs[0]! });
}

/** The source a stateless chain reads: its columns qualify the expressions printed for the chain. */
export function sourceOf(node: LogicalNode): SourceNode {
  return node.kind === 'Source' ? node : sourceOf(inputsOf(node)[0]!);
}
