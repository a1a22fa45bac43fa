// A CREATE ... AS SELECT as ksqlDB's SqlFormatter writes the analysed statement: every column
// qualified by its source, every item named, one item per line. ksqlDB adds it to the errors of a
// sink it cannot create ("...\nStatement: CREATE TABLE OUTPUT AS SELECT\n  TEST.F1 F1, ...").
import type { Expression, Properties, PropertyValue, Query } from '../../parser/index.js';
import { formatExpression } from '../expression/index.js';
import { rewriteExpression } from '../expression-rewriter.js';
import type { SourceType } from '../metastore.js';
import type { NamedExpression } from './select-items.js';

export interface FormattedTarget {
  readonly name: string;
  readonly sourceType: SourceType;
  readonly properties: Properties | undefined;
}

/**
 * The statement's text, or undefined for the shapes it is not written for yet (joins, where which
 * source a column comes from needs the analysis; windows, which ksqlDB writes in a form of its own).
 */
export function formatCreateAsSelect(target: FormattedTarget, query: Query, items: readonly NamedExpression[]): string | undefined {
  if (query.from.joins.length > 0 || query.window !== undefined) return undefined;
  const source = query.from.from;
  const alias = source.alias ?? source.name;
  const qualified = (expression: Expression) => formatExpression(qualify(expression, alias));
  const properties = target.properties === undefined || target.properties.entries.length === 0 ? '' : ` WITH (${target.properties.entries.map((entry) => `${entry.name}=${formatValue(entry.value)}`).join(', ')})`;
  const lines = [
    `CREATE ${target.sourceType} ${target.name}${properties} AS SELECT`,
    items.map((item) => `  ${qualified(item.expression)} ${item.name}`).join(',\n'),
    `FROM ${source.name} ${alias}`,
  ];
  if (query.where !== undefined) lines.push(`WHERE ${qualified(query.where)}`);
  if (query.groupBy !== undefined) lines.push(`GROUP BY ${query.groupBy.map(qualified).join(', ')}`);
  if (query.partitionBy !== undefined) lines.push(`PARTITION BY ${query.partitionBy.map(qualified).join(', ')}`);
  if (query.having !== undefined) lines.push(`HAVING ${qualified(query.having)}`);
  lines.push(`EMIT ${query.emit ?? 'CHANGES'}`);
  return lines.join('\n');
}

/** Columns named without their source get the query's one source. */
function qualify(expression: Expression, alias: string): Expression {
  return rewriteExpression(expression, (node) => (node.kind === 'ColumnRef' && node.source === undefined ? { ...node, source: alias } : undefined));
}

function formatValue(value: PropertyValue): string {
  switch (value.kind) {
    case 'string':
      return `'${value.value.replaceAll("'", "''")}'`;
    case 'number':
      return value.text;
    case 'boolean':
      return String(value.value);
  }
}
