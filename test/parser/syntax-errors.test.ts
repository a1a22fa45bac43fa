// Syntax errors: ksqlDB's "line L:C: Syntax Error" shape, the offending token, what was expected, and a hint.
import { describe, expect, it } from 'vitest';
import { ParseError, parseStatement, parseStatements } from '../../src/parser/index.js';

function errorOf(action: () => unknown): ParseError {
  try {
    action();
  } catch (error) {
    if (error instanceof ParseError) return error;
    throw error;
  }
  throw new Error('expected a ParseError, but parsing succeeded');
}

function messageOf(sql: string): string {
  return errorOf(() => parseStatement(sql)).message;
}

describe('error shape', () => {
  it('starts with ksqlDB\'s line and column and names the offending token', () => {
    const error = errorOf(() => parseStatement('SELECT * FROM t WHERE a = = 1'));
    expect(error.message).toMatch(/^line 1:27: Syntax Error\nSyntax error at or near '=' at line 1:27: expected an expression\./);
    expect(error.code).toBe('PARSE_ERROR');
    expect(error.span).toMatchObject({ start: 26, end: 27, line: 1, column: 27 });
  });

  it('says "missing" for an unclosed parenthesis, as ksqlDB does', () => {
    expect(messageOf('SELECT * FROM t GROUP BY a, (b, c)')).toContain("line 1:31: Syntax Error\nmissing ')' at ','");
  });

  it('reports the end of input', () => {
    expect(messageOf('SELECT * FROM t WHERE')).toContain('Syntax error at or near end of input at line 1:22: expected an expression.');
  });

  it('lists what may come next briefly, folding operators together', () => {
    const message = messageOf('SELECT * FROM t GROUP BY a AND b');
    expect(message).toContain("expected one of ',', PARTITION, HAVING, EMIT, LIMIT, ';', an operator.");
  });

  it('counts lines across a script', () => {
    const error = errorOf(() => parseStatements('SHOW STREAMS;\nSELECT * FROMM t;'));
    expect(error.message).toMatch(/^line 2:10: Syntax Error/);
    expect(error.span).toMatchObject({ line: 2, column: 10, start: 23 });
  });

  it.each([
    // A later statement on the first line starts at column 15, so its columns are shifted by 14.
    ['a grammar error', 'SHOW STREAMS; SELECT * FROMM t;', { start: 23, end: 28, line: 1, column: 24 }],
    ['a lexing error', "SHOW STREAMS; SELECT 'x", { start: 21, end: 22, line: 1, column: 22 }],
    ['an error found building the AST', 'SHOW STREAMS; SELECT CAST(a AS DECIMAL(1)) FROM t;', { start: 31, end: 41, line: 1, column: 32 }],
    ['an error on a later line of a script', 'SHOW STREAMS;\nSELECT 1 FROM t;\n  SELECT CAST(a AS DECIMAL(1)) FROM t;', { start: 50, end: 60, line: 3, column: 20 }],
  ])('places %s in a later statement relative to the whole script', (_name, sql, span) => {
    const error = errorOf(() => parseStatements(sql));
    expect(error.span).toEqual(span);
    expect(error.message).toMatch(new RegExp(`^line ${span.line}:${span.column}: Syntax Error\n`));
  });
});

describe('typical analyst mistakes', () => {
  it.each([
    ['a misspelt FROM', 'SELECT * FROMM t', 'Did you mean FROM instead of \'FROMM\'?'],
    ['a misspelt FROM swallowed as an alias', 'SELECT a FROMM t', 'Did you mean FROM instead of \'FROMM\'?'],
    ['a misspelt SELECT', 'SELCT * FROM t', 'Did you mean SELECT instead of \'SELCT\'?'],
    ['a misspelt WITH', "CREATE STREAM s (a INT) WTIH (kafka_topic='t')", 'Did you mean WITH instead of \'WTIH\'?'],
    ['a missing comma in a select list', 'SELECT a b c FROM t', "Is a comma missing between 'b' and 'c'?"],
    ['a missing comma between columns', 'CREATE STREAM s (a INT b STRING)', "Is a comma missing between 'INT' and 'b'?"],
    ['a trailing comma', 'SELECT a, FROM t', 'Remove the comma before FROM'],
    ['an unclosed parenthesis', 'SELECT COUNT(* FROM t', "The '(' at line 1:13 is never closed."],
    ['an extra closing parenthesis', 'SELECT a) FROM t', "The ')' at line 1:9 has no matching '('."],
    ['a reserved word as a column name', 'SELECT end FROM t', 'END is a reserved word: to use it as a name, quote it, as in `end`.'],
    ['a double-quoted string', 'CREATE STREAM s (a INT) WITH (kafka_topic="t")', "Strings take single quotes: 't'."],
    ['== for equality', 'SELECT * FROM t WHERE a == 1', "SQL compares with a single '='"],
    ['AND in GROUP BY', 'SELECT COUNT(*) FROM t GROUP BY a AND b', 'GROUP BY takes a list of expressions separated by commas, not AND'],
    ['two statements where one is expected', 'SELECT * FROM t; SELECT * FROM u', 'Only one statement is expected here'],
    ['an unterminated string', "SELECT * FROM t WHERE a = 'x", 'Unterminated string'],
    ['an unterminated comment', 'SELECT * FROM t /* note', 'Unterminated comment'],
    ['a stray character', 'SELECT a # b FROM t', "Unexpected character '#'"],
    ['an unknown window unit', 'SELECT COUNT(*) FROM t WINDOW TUMBLING (SIZE 30 BOBS) GROUP BY a', "Unknown time unit: 'BOBS'"],
    ['a repeated window option', 'SELECT COUNT(*) FROM t WINDOW TUMBLING (SIZE 1 HOUR, GRACE PERIOD 1 HOUR, GRACE PERIOD 2 HOURS) GROUP BY a', 'GRACE PERIOD is given twice'],
    ['a HOPPING window without ADVANCE BY', 'SELECT COUNT(*) FROM t WINDOW HOPPING (SIZE 1 MINUTE) GROUP BY a', 'expected the form HOPPING (SIZE n unit, ADVANCE BY n unit'],
    ['a WITHIN without a unit', 'SELECT * FROM a JOIN b WITHIN 5 ON a.x = b.x', "expected a duration with a unit, such as '10 SECONDS'"],
    ['NULL as a type', 'SELECT CAST(a AS NULL) FROM t', "Syntax error at or near 'NULL' at line 1:18: expected a type"],
  ])('explains %s', (_mistake, sql, hint) => {
    expect(messageOf(sql)).toContain(hint);
  });

  it('gives the lexer error its position', () => {
    expect(errorOf(() => parseStatement("SELECT *\nFROM t WHERE a = 'x")).span).toMatchObject({ line: 2, column: 18 });
  });
});
