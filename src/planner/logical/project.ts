// Project (SELECT list): computes the output row. A persistent query applies ksqlDB's key rules
// (project-key-rules.ts); a transient one emits every item as a value.
import { checkKeyType, checkReservedName } from '../column-rules.js';
import { PlanError } from '../plan-error.js';
import { compileInClause } from '../query/compile-in-clause.js';
import { RowSchema, WINDOW_BOUND_COLUMNS, type RowColumn } from '../query/row-schema.js';
import type { NamedExpression } from '../query/select-items.js';
import type { SqlType } from '../types.js';
import { compileContext, type KeySpec, type LogicalNode, type LogicalNodeBase, type TypingContext } from './logical-node.js';
import { selectKeyItems } from './project-key-rules.js';
import type { SourceNode } from './source.js';

export interface ProjectNode extends LogicalNodeBase {
  readonly kind: 'Project';
  readonly input: LogicalNode;
  /** The SELECT items as written, in order. */
  readonly items: readonly NamedExpression[];
  /** Indexes into `items` of the output keys, in output key order; the other items are values. */
  readonly keyItemIndexes: readonly number[];
  /** Input positions of WINDOWSTART and WINDOWEND when a persistent query over a windowed source keeps them in its key. */
  readonly windowBoundIndexes: readonly number[];
}

export type KeyRules =
  | { readonly kind: 'Transient' }
  | {
      readonly kind: 'Persistent';
      readonly sinkName: string;
      /** `ksql.new.query.planner.enabled`: an unselected key is dropped instead of refused. */
      readonly dropUnselectedKeys: boolean;
    };

export function projectNode(input: LogicalNode, items: readonly NamedExpression[], rules: KeyRules, from: SourceNode, typing: TypingContext): ProjectNode {
  // Every expression is typed first: an invalid expression is the more useful error.
  const context = compileContext(input.schema, typing);
  const types = items.map((item) => compileInClause(item.expression, context, 'SELECT').type);
  if (rules.kind === 'Transient') {
    return build(input, items, types, [], []);
  }
  const keyItemIndexes = selectKeyItems(items, input.keys, rules, from);
  for (const index of keyItemIndexes) checkKeyType(items[index]!.name, types[index]!, items[index]!.span);
  const valueIndexes = items.flatMap((_, index) => (keyItemIndexes.includes(index) ? [] : [index]));
  for (const index of valueIndexes) checkReservedName(items[index]!.name, items[index]!.span);
  if (valueIndexes.length === 0) {
    throw new PlanError('The projection contains no value columns.', items[0]?.span);
  }
  // A windowed input (a windowed source, or a windowed aggregate) keeps its window in the key.
  const windowed = input.schema.columns.some((column) => column.role === 'PSEUDO' && column.name === WINDOW_BOUND_COLUMNS[0]!.name);
  const windowBoundIndexes = windowed ? WINDOW_BOUND_COLUMNS.map((column) => input.schema.indexOf(column.name)) : [];
  const node = build(input, items, types, keyItemIndexes, windowBoundIndexes);
  checkDuplicateNames(node.schema.columns.filter((column) => column.role !== 'PSEUDO'), items[0]?.span);
  return node;
}

function build(
  input: LogicalNode,
  items: readonly NamedExpression[],
  types: readonly SqlType[],
  keyItemIndexes: readonly number[],
  windowBoundIndexes: readonly number[],
): ProjectNode {
  const column = (index: number, role: RowColumn['role']): RowColumn => ({ name: items[index]!.name, type: types[index]!, role, qualifier: undefined });
  const keyColumns = keyItemIndexes.map((index) => column(index, 'KEY'));
  const valueColumns = items.flatMap((_, index) => (keyItemIndexes.includes(index) ? [] : [column(index, 'VALUE')]));
  const windowColumns = windowBoundIndexes.map((index): RowColumn => ({ ...input.schema.columns[index]!, qualifier: undefined }));
  const keys = keyColumns.map((key, position): KeySpec => ({ expression: items[keyItemIndexes[position]!]!.expression, columnName: key.name }));
  return Object.freeze({
    kind: 'Project',
    id: undefined,
    schema: new RowSchema([...keyColumns, ...valueColumns, ...windowColumns]),
    keys,
    input,
    items,
    keyItemIndexes,
    windowBoundIndexes,
  });
}

function checkDuplicateNames(columns: readonly RowColumn[], span: NamedExpression['span'] | undefined): void {
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) {
      throw new PlanError(`Duplicate value columns found in schema: \`${column.name}\` ${column.type.kind}`, span);
    }
    seen.add(column.name);
  }
}
