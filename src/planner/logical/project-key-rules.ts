// ksqlDB's key rules for a persistent query: every key column (or PARTITION BY expression) must
// be selected exactly once; it becomes the output key, under its alias.
import type { Expression } from '../../parser/index.js';
import { formatExpression } from '../expression/index.js';
import { PlanError } from '../plan-error.js';
import { formatQualified, sameExpression, sameJoinExpression } from '../query/same-expression.js';
import type { NamedExpression } from '../query/select-items.js';
import type { KeySpec } from './logical-node.js';
import type { KeyRules } from './project.js';
import type { SourceNode } from './source.js';

/** Indexes into `items` of the selected keys: the input's key order, or the projection's when unselected keys are dropped. */
export function selectKeyItems(
  items: readonly NamedExpression[],
  keys: readonly KeySpec[],
  rules: Extract<KeyRules, { kind: 'Persistent' }>,
  from: SourceNode,
): number[] {
  const keyItemIndexes: number[] = [];
  const missingKeys: KeySpec[] = [];
  for (const key of keys) {
    const matches = keyMatches(items, key);
    if (matches.length === 0) {
      missingKeys.push(key);
      continue;
    }
    if (matches.length > 1 && key.grouping !== undefined) {
      const names = matches.map((index) => `\`${items[index]!.name}\``);
      throw new PlanError(`The projection contains a key column more than once: ${names.join(' and ')}.`, items[matches[1]!]!.span);
    }
    if (matches.length > 1) {
      const names = matches.map((index) => items[index]!.name).sort();
      throw new PlanError(
        `The projection contains a key column (\`${key.columnName}\`) more than once, aliased as: ${names.join(' and ')}.`,
        items[matches[1]!]!.span,
      );
    }
    keyItemIndexes.push(matches[0]!);
  }
  // ksqlDB names every key when one is missing (only the missing grouping expressions, for GROUP
  // BY). Its new planner instead drops unselected keys.
  if (missingKeys.length > 0 && !rules.dropUnselectedKeys) throw missingKeyError(keys, missingKeys, rules.sinkName, from);
  return rules.dropUnselectedKeys ? [...keyItemIndexes].sort((left, right) => left - right) : keyItemIndexes;
}

/**
 * The items selecting `key`. A join key may be selected by any of its join expressions: the first
 * one selected is the key, and the others stay values.
 */
function keyMatches(items: readonly NamedExpression[], key: KeySpec): number[] {
  const matching = (candidate: KeySpec) => items.flatMap((item, index) => (selectsKey(item.expression, candidate) ? [index] : []));
  if (key.join !== 'columns') return matching(key);
  for (const expression of [key.expression, ...(key.alternatives ?? [])]) {
    const matches = matching({ ...key, expression, alternatives: [] });
    if (matches.length > 0) return matches;
  }
  return [];
}

/** An item selects a key when it is the key's expression, or a plain reference to the key column. */
function selectsKey(expression: Expression, key: KeySpec): boolean {
  if (key.join === 'columns') return sameJoinExpression(expression, key.expression);
  if (namesAnotherSource(expression, key.expression)) return false;
  if (sameExpression(expression, key.expression)) return true;
  return expression.kind === 'ColumnRef' && expression.name === key.columnName;
}

/** Over a join, `R.K` does not select the key of PARTITION BY `L.K`. */
function namesAnotherSource(expression: Expression, keyExpression: Expression): boolean {
  return (
    expression.kind === 'ColumnRef' &&
    keyExpression.kind === 'ColumnRef' &&
    expression.source !== undefined &&
    keyExpression.source !== undefined &&
    expression.source !== keyExpression.source
  );
}

function keyColumnName(expression: Expression): string {
  return expression.kind === 'ColumnRef' ? expression.name : formatExpression(expression);
}

function missingKeyError(keys: readonly KeySpec[], missingKeys: readonly KeySpec[], sinkName: string, from: SourceNode): PlanError {
  const joinKey = missingKeys[0]!;
  if (joinKey.join === 'synthetic') {
    return new PlanError(
      'Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\n' +
        `The query used to build \`${sinkName}\` must include the join expression ${joinKey.columnName} in its projection (eg, SELECT ${joinKey.columnName}...).\n` +
        `${joinKey.columnName} was added as a synthetic key column because the join criteria did not match any source column. This expression must be included in the projection and may be aliased.`,
      undefined,
    );
  }
  if (joinKey.join === 'columns') {
    const texts = [joinKey.expression, ...(joinKey.alternatives ?? [])].map(formatExpression);
    const noun = texts.length === 1 ? 'join expression' : 'join expressions';
    return new PlanError(
      `The query used to build \`${sinkName}\` must include the ${noun} ${texts.join(' or ')} in its projection (eg, SELECT ${texts[0]}...).`,
      undefined,
    );
  }
  if (missingKeys.every((key) => key.grouping !== undefined)) {
    const texts = missingKeys.map((key) => key.grouping!);
    const noun = texts.length === 1 ? 'grouping expression' : 'grouping expressions';
    return new PlanError(
      `The query used to build \`${sinkName}\` must include the ${noun} ${joinNames(texts)} in its projection (eg, SELECT ${texts.join(', ')}...).`,
      missingKeys[0]!.expression.span,
    );
  }
  const missing = keys.map((key) => key.expression);
  const isSourceKey = (expression: Expression) =>
    expression.kind === 'ColumnRef' &&
    expression.source === from.qualifier &&
    from.source.columns.some((column) => column.namespace === 'KEY' && column.name === expression.name);
  if (missing.every(isSourceKey)) {
    const names = missing.map((expression) => keyColumnName(expression));
    const noun = names.length === 1 ? 'key column' : 'key columns';
    return new PlanError(
      `The query used to build \`${sinkName}\` must include the ${noun} ${joinNames(names)} in its projection (eg, SELECT ${names.join(', ')}...).`,
      missing[0]!.span,
    );
  }
  const texts = missing.map((expression) => formatQualified(expression, from.qualifier));
  const noun = texts.length === 1 ? 'partitioning expression' : 'partitioning expressions';
  return new PlanError(
    `The query used to build \`${sinkName}\` must include the ${noun} ${joinNames(texts)} in its projection (eg, SELECT ${texts.join(', ')}...).`,
    missing[0]!.span,
  );
}

/** "A", "A and B", "A, B and C" */
function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
