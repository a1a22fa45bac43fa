// projectNode: a persistent query's key rules, and a transient query's all-value output.
import { describe, expect, it } from 'vitest';
import type { Query } from '../../../src/parser/index.js';
import { projectNode, type KeyRules } from '../../../src/planner/logical/project.js';
import { repartitionNode } from '../../../src/planner/logical/repartition.js';
import { RowSchema } from '../../../src/planner/query/row-schema.js';
import { expandSelectItems } from '../../../src/planner/query/select-items.js';
import { fromNode, INPUT, queryOf, typing } from './logical-fixtures.js';

const persistent: KeyRules = { kind: 'Persistent', sinkName: 'OUTPUT', dropUnselectedKeys: false };

function project(query: Query, rules: KeyRules = persistent) {
  const source = fromNode(query, INPUT);
  const input = query.partitionBy === undefined ? source : repartitionNode(source, query.partitionBy, source, typing);
  const items = expandSelectItems(query.select, input.schema, () => [], new Set());
  return projectNode(input, items, rules, source, typing);
}

const columns = (schema: RowSchema) => schema.columns.map((column) => `${column.name} ${column.role}`);

describe('projectNode', () => {
  it('makes the selected key the output key, under its alias', () => {
    const node = project(queryOf('SELECT NAME, ID AS K FROM INPUT'));
    expect(columns(node.schema)).toEqual(['K KEY', 'NAME VALUE']);
    expect(node.keyItemIndexes).toEqual([1]);
  });

  it('emits every item as a value in a transient query', () => {
    const node = project(queryOf('SELECT NAME, ID FROM INPUT'), { kind: 'Transient' });
    expect(columns(node.schema)).toEqual(['NAME VALUE', 'ID VALUE']);
  });

  it('refuses an unselected key, or drops it under the new query planner', () => {
    const query = queryOf('SELECT NAME FROM INPUT');
    expect(() => project(query)).toThrow('The query used to build `OUTPUT` must include the key column ID in its projection (eg, SELECT ID...).');
    expect(columns(project(query, { ...persistent, dropUnselectedKeys: true }).schema)).toEqual(['NAME VALUE']);
  });

  it('names an unselected PARTITION BY expression', () => {
    expect(() => project(queryOf('SELECT NAME FROM INPUT PARTITION BY AGE + 1'))).toThrow(
      'The query used to build `OUTPUT` must include the partitioning expression (INPUT.AGE + 1) in its projection (eg, SELECT (INPUT.AGE + 1)...).',
    );
  });

  it('refuses a key selected twice, a reserved name, no values and duplicate names', () => {
    expect(() => project(queryOf('SELECT ID, ID AS ID2, NAME FROM INPUT'))).toThrow(
      'The projection contains a key column (`ID`) more than once, aliased as: ID and ID2.',
    );
    expect(() => project(queryOf('SELECT ID, NAME AS ROWTIME FROM INPUT'))).toThrow('`ROWTIME` is a reserved column name.');
    expect(() => project(queryOf('SELECT ID FROM INPUT'))).toThrow('The projection contains no value columns.');
    expect(() => project(queryOf('SELECT ID, NAME, AGE AS NAME FROM INPUT'))).toThrow('Duplicate value columns found in schema: `NAME` INTEGER');
  });

  it('types every item before applying key rules', () => {
    expect(() => project(queryOf('SELECT NAME, NOPE FROM INPUT'))).toThrow(/SELECT column 'NOPE' cannot be resolved/);
  });
});
