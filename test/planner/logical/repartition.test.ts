// repartitionNode: PARTITION BY rekeys a stream; the old key moves into the value.
import { describe, expect, it } from 'vitest';
import { repartitionNode } from '../../../src/planner/logical/repartition.js';
import { nul } from '../ast-builders.js';
import { fromNode, INPUT, queryOf, TABLE, typing } from './logical-fixtures.js';

const roles = (node: { schema: { columns: readonly { name: string; role: string }[] } }) =>
  node.schema.columns.filter((column) => column.role !== 'PSEUDO').map((column) => `${column.name} ${column.role}`);

describe('repartitionNode', () => {
  it('puts the new key first, then the values not moved, then the old key as a value', () => {
    //   INPUT: ID KEY, NAME, AGE, XS  --PARTITION BY NAME-->  NAME KEY, AGE, XS, ID
    const query = queryOf('SELECT * FROM INPUT PARTITION BY NAME');
    const source = fromNode(query, INPUT);
    const node = repartitionNode(source, query.partitionBy!, source, typing);
    expect(roles(node)).toEqual(['NAME KEY', 'AGE VALUE', 'XS VALUE', 'ID VALUE']);
    expect(node.keys.map((key) => key.columnName)).toEqual(['NAME']);
    expect(node.carriedIndexes.slice(0, 3)).toEqual([2, 3, 0]);
  });

  it('names an expression key KSQL_COL_0', () => {
    const query = queryOf('SELECT * FROM INPUT PARTITION BY AGE + 1');
    const source = fromNode(query, INPUT);
    expect(repartitionNode(source, query.partitionBy!, source, typing).keys[0]!.columnName).toBe('KSQL_COL_0');
  });

  it('gives PARTITION BY NULL no key', () => {
    const query = queryOf('SELECT * FROM INPUT PARTITION BY NULL');
    const source = fromNode(query, INPUT);
    const node = repartitionNode(source, query.partitionBy!, source, typing);
    expect(node.partitionBy).toEqual([]);
    expect(roles(node)[0]).toBe('NAME VALUE');
  });

  it('refuses a table, NULL among other keys, and no expression at all', () => {
    const table = queryOf('SELECT * FROM T PARTITION BY NAME');
    const tableSource = fromNode(table, TABLE);
    expect(() => repartitionNode(tableSource, table.partitionBy!, tableSource, typing)).toThrow(
      'Unsupported: PARTITION BY is only supported on streams, not tables.',
    );
    const stream = queryOf('SELECT * FROM INPUT PARTITION BY NAME');
    const source = fromNode(stream, INPUT);
    expect(() => repartitionNode(source, [...stream.partitionBy!, nul()], source, typing)).toThrow('Cannot PARTITION BY multiple columns including NULL');
    expect(() => repartitionNode(source, [], source, typing)).toThrow('PARTITION BY requires at least one expression');
  });

  it('explains that an unknown column must come from the input', () => {
    const query = queryOf('SELECT * FROM INPUT PARTITION BY NAMES');
    const source = fromNode(query, INPUT);
    expect(() => repartitionNode(source, query.partitionBy!, source, typing)).toThrow(
      /'NAMES' must be a column in the source schema since PARTITION BY is applied on the input\./,
    );
  });

  it('refuses a key that contains a MAP', () => {
    const query = queryOf('SELECT * FROM INPUT PARTITION BY MAP(NAME := AGE)');
    const source = fromNode(query, INPUT);
    expect(() => repartitionNode(source, query.partitionBy!, source, typing)).toThrow(/Map keys, including types that contain maps, are not supported/);
  });
});
