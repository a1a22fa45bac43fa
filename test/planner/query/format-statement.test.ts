// The analysed CREATE ... AS SELECT text ksqlDB adds to a sink's errors.
import { describe, expect, it } from 'vitest';
import { parseStatement, type Expression } from '../../../src/parser/index.js';
import { formatCreateAsSelect } from '../../../src/planner/query/format-statement.js';

function format(sql: string, names: readonly string[]): string | undefined {
  const { statement } = parseStatement(sql);
  if (statement.kind !== 'CreateAsSelect') throw new Error('not a CREATE ... AS SELECT');
  const items = statement.query.select.map((item, index) => {
    if (item.kind !== 'SelectExpression') throw new Error('no * here');
    return { name: names[index]!, expression: item.expression as Expression, aliased: item.alias !== undefined, span: item.span };
  });
  return formatCreateAsSelect(statement, statement.query, items);
}

describe('formatCreateAsSelect', () => {
  it('qualifies every column by its source, names every item, one per line', () => {
    expect(format('CREATE TABLE OUTPUT AS SELECT f2, f1, f2+f1, COUNT(*) FROM TEST WHERE f1 > 0 GROUP BY f1, f2 HAVING COUNT(*) > 1;', ['F2', 'F1', 'KSQL_COL_0', 'KSQL_COL_1'])).toBe(
      'CREATE TABLE OUTPUT AS SELECT\n  TEST.F2 F2,\n  TEST.F1 F1,\n  (TEST.F2 + TEST.F1) KSQL_COL_0,\n  COUNT(*) KSQL_COL_1\nFROM TEST TEST\nWHERE (TEST.F1 > 0)\nGROUP BY TEST.F1, TEST.F2\nHAVING (COUNT(*) > 1)\nEMIT CHANGES',
    );
  });

  it("keeps the WITH clause and the source's alias", () => {
    expect(format("CREATE STREAM S2 WITH (KEY_FORMAT='KAFKA', PARTITIONS=2) AS SELECT t.a AS x FROM T1 t PARTITION BY a;", ['X'])).toBe(
      "CREATE STREAM S2 WITH (KEY_FORMAT='KAFKA', PARTITIONS=2) AS SELECT\n  T.A X\nFROM T1 T\nPARTITION BY T.A\nEMIT CHANGES",
    );
  });

  it('leaves out joins and windows, whose text needs more than the AST', () => {
    expect(format('CREATE STREAM J AS SELECT a.x FROM A a JOIN B b WITHIN 1 SECOND ON a.x = b.x;', ['X'])).toBeUndefined();
    expect(format('CREATE TABLE W AS SELECT k, COUNT(*) FROM A WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY k;', ['K', 'KSQL_COL_0'])).toBeUndefined();
  });
});
