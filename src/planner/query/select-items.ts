// Expands a SELECT list into named output expressions: `*`, `alias.*`, `struct->*`, and names
// for unaliased expressions (column name, struct field name, or KSQL_COL_n).
import type { Expression, SelectItem, Span } from '../../parser/index.js';
import { PlanError } from '../plan-error.js';
import { WINDOW_BOUND_COLUMNS, type RowColumn, type RowSchema } from './row-schema.js';

export interface NamedExpression {
  readonly name: string;
  readonly expression: Expression;
  /** True when the name came from an explicit alias. */
  readonly aliased: boolean;
  readonly span: Span;
}

/** A select item before generated names are given: `name` is undefined for KSQL_COL_n. */
interface ExpandedItem {
  readonly name: string | undefined;
  readonly expression: Expression;
  readonly aliased: boolean;
  readonly span: Span;
}

/**
 * `*` selects the key, value and header columns of the input (not pseudo-columns).
 * `structFields` gives the field names of a struct expression, for `struct->*`.
 */
export function expandSelectItems(
  items: readonly SelectItem[],
  schema: RowSchema,
  structFields: (expression: Expression) => readonly string[],
  sourceColumnNames: ReadonlySet<string>,
  /** In a join: the column names more than one source has, which keep their source in a name. */
  joinClashes: ReadonlySet<string> | undefined = undefined,
): NamedExpression[] {
  const isJoin = joinClashes !== undefined;
  const expanded: ExpandedItem[] = [];
  for (const item of items) {
    if (item.kind === 'SelectAll') {
      expanded.push(...expandStar(item.source, schema, item.span, isJoin));
      continue;
    }
    if (item.expression.kind === 'StructAll') {
      const base = item.expression.base;
      for (const field of structFields(base)) {
        const expression: Expression = { kind: 'Dereference', base, field, span: item.span };
        expanded.push({ name: field, expression, aliased: false, span: item.span });
      }
      continue;
    }
    expanded.push({
      name: item.alias ?? (isJoin ? joinImplicitName(item.expression, joinClashes) : implicitName(item.expression)),
      expression: item.expression,
      aliased: item.alias !== undefined,
      span: item.span,
    });
  }
  return nameGenerated(expanded, sourceColumnNames);
}

/** In a join, `*` names each column after its source (`L_A`); hidden columns (qualifier '') are not selected. */
function expandStar(qualifier: string | undefined, schema: RowSchema, span: Span, isJoin: boolean): ExpandedItem[] {
  const columns = (isJoin ? joinStarColumns(schema) : schema.columns.filter((column) => column.role !== 'PSEUDO' && column.qualifier !== '')).filter(
    (column) => qualifier === undefined || column.qualifier === qualifier,
  );
  if (qualifier !== undefined && columns.length === 0) {
    throw new PlanError(`'${qualifier}' is not a valid stream/table name or alias.`, span);
  }
  return columns.map((column) => ({
    name: isJoin && column.qualifier !== undefined ? `${column.qualifier}_${column.name}` : column.name,
    expression: { kind: 'ColumnRef', source: column.qualifier, name: column.name, span } as Expression,
    aliased: false,
    span,
  }));
}

/**
 * `*` over a join, in ksqlDB's order: the join's own key columns (a synthetic key, or PARTITION
 * BY's), then for each source its key columns, its window bounds (a windowed source) and its
 * other columns. Pseudo-columns are not selected, except where PARTITION BY made them values.
 */
function joinStarColumns(schema: RowSchema): RowColumn[] {
  const visible = schema.columns.filter((column) => column.qualifier !== '');
  const qualifiers = [...new Set(visible.flatMap((column) => (column.qualifier === undefined || column.role === 'KEY' ? [] : [column.qualifier])))];
  const isWindowBound = (column: RowColumn) => column.role === 'PSEUDO' && WINDOW_BOUND_COLUMNS.some((bound) => bound.name === column.name);
  const ofSource = (qualifier: string) => {
    const own = visible.filter((column) => column.qualifier === qualifier && column.role !== 'KEY');
    return [
      ...own.filter((column) => column.sourceKey === true),
      ...own.filter(isWindowBound),
      ...own.filter((column) => column.role !== 'PSEUDO' && column.sourceKey !== true),
    ];
  };
  return [...visible.filter((column) => column.role === 'KEY'), ...qualifiers.flatMap(ofSource)];
}

/** The name ksqlDB gives an unaliased select (or PARTITION BY) expression, or undefined for a generated one. */
export function implicitName(expression: Expression): string | undefined {
  if (expression.kind === 'ColumnRef') return expression.name;
  if (expression.kind === 'Dereference') return expression.field;
  return undefined;
}

/** In a join, a qualified column whose name another source has too keeps its source in its name: `t.id` is `T_ID`. */
function joinImplicitName(expression: Expression, clashes: ReadonlySet<string>): string | undefined {
  if (expression.kind === 'ColumnRef' && expression.source !== undefined && clashes.has(expression.name)) return `${expression.source}_${expression.name}`;
  return implicitName(expression);
}

/**
 * KSQL_COL_0, KSQL_COL_1, ... in order, skipping names the query already uses; an implicit name
 * that clashes with an earlier one gets a suffix (`B`, `B_1`, `B_2`), as ksqlDB does for `A->B, C->B`.
 */
function nameGenerated(
  expanded: readonly ExpandedItem[],
  inputColumns: ReadonlySet<string>,
): NamedExpression[] {
  const taken = new Set(expanded.flatMap((item) => (item.name !== undefined && item.aliased ? [item.name] : [])));
  const implicit = new Set<string>();
  let counter = 0;
  return expanded.map((item) => {
    if (item.name !== undefined && item.aliased) return { name: item.name, expression: item.expression, aliased: true, span: item.span };
    if (item.name !== undefined) {
      let name = item.name;
      // A struct field's name must not hide an input column either (`ITEMID->ITEMID` becomes ITEMID_1).
      const clashes = (candidate: string) =>
        implicit.has(candidate) || (item.expression.kind !== 'ColumnRef' && (taken.has(candidate) || inputColumns.has(candidate)));
      for (let suffix = 1; clashes(name); suffix++) name = `${item.name}_${suffix}`;
      implicit.add(name);
      return { name, expression: item.expression, aliased: false, span: item.span };
    }
    let name = `KSQL_COL_${counter++}`;
    while (taken.has(name) || implicit.has(name)) name = `KSQL_COL_${counter++}`;
    taken.add(name);
    return { name, expression: item.expression, aliased: false, span: item.span };
  });
}
