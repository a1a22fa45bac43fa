// Spans: every node knows its offsets, line and column, also when parsed from the middle of a script.
import { describe, expect, it } from 'vitest';
import { parseExpression, parseStatement, parseStatements, type Expression, type Span } from '../../src/parser/index.js';

function textOf(sql: string, span: Span): string {
  return sql.slice(span.start, span.end);
}

describe('spans', () => {
  it('covers each expression node exactly', () => {
    //            0123456789012345678
    const sql = 'a + f(b, 2) * c[1]';
    const expression = parseExpression(sql);
    expect(expression.kind).toBe('ArithmeticBinary');
    if (expression.kind !== 'ArithmeticBinary') return;
    expect(textOf(sql, expression.span)).toBe(sql);
    expect(textOf(sql, expression.left.span)).toBe('a');
    expect(textOf(sql, expression.right.span)).toBe('f(b, 2) * c[1]');
    expect(expression.right.span).toMatchObject({ line: 1, column: 5 });
  });

  it('counts lines and columns from 1', () => {
    const sql = 'SELECT a,\n  b + 1 AS c\nFROM t';
    const statement = parseStatement(sql).statement;
    if (statement.kind !== 'Select') throw new Error('expected a Select');
    const second = statement.query.select[1];
    expect(second?.span).toMatchObject({ line: 2, column: 3 });
    expect(textOf(sql, second?.span ?? { start: 0, end: 0, line: 0, column: 0 })).toBe('b + 1 AS c');
    expect(statement.query.from.span).toMatchObject({ line: 3, column: 6 });
  });

  it('makes spans of later statements relative to the whole script', () => {
    const sql = "SET 'a'='b';\n\n  SELECT x FROM t;";
    const [, select] = parseStatements(sql);
    const statement = select?.statement;
    if (statement?.kind !== 'Select') throw new Error('expected a Select');
    expect(statement.span).toMatchObject({ start: 16, line: 3, column: 3 });
    const item = statement.query.select[0];
    const expression: Expression | undefined = item?.kind === 'SelectExpression' ? item.expression : undefined;
    expect(expression?.span).toMatchObject({ line: 3, column: 10 });
    expect(textOf(sql, expression?.span ?? { start: 0, end: 0, line: 0, column: 0 })).toBe('x');
  });

  it('puts spans on columns, properties and types', () => {
    const sql = "CREATE STREAM s (id INT KEY) WITH (kafka_topic='t')";
    const statement = parseStatement(sql).statement;
    if (statement.kind !== 'CreateSource') throw new Error('expected a CreateSource');
    expect(textOf(sql, statement.columns[0]?.span ?? statement.span)).toBe('id INT KEY');
    expect(textOf(sql, statement.columns[0]?.type.span ?? statement.span)).toBe('INT');
    expect(textOf(sql, statement.properties?.entries[0]?.span ?? statement.span)).toBe("kafka_topic='t'");
  });
});
