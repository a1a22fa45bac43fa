// A statement rebuilt by the statement cache is exactly the statement parsing would give: same AST,
// same spans, same errors, for statements of every shape with other literals, layout and origin.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { splitStatements, type Statement } from '../../src/parser/index.js';
import { parseStatementUncached } from '../../src/parser/parse.js';
import { type Origin, startOfText } from '../../src/parser/source-span.js';
import { StatementCache } from '../../src/parser/statement-cache.js';
import { sqlLexer } from '../../src/parser/tokens.js';

const conformanceDirectory = fileURLToPath(new URL('../../../shared/conformance/qtt/', import.meta.url));

/** Statements of many shapes, for a checkout without the conformance cases. */
const ownStatements = [
  "SELECT * FROM USERS WHERE ID = 'user-1';",
  "select name, score from users where id in ('a', 'b''c', 'd') and score > 10;",
  'SELECT ID, SCORE * 2.5 AS S, -3 AS N, 1E3 AS F FROM T WHERE ID = 7 LIMIT 10;',
  "SELECT * FROM W WHERE K = 'k' AND WINDOWSTART >= '2024-01-01T00:00:00' AND WINDOWEND < 1700000000000;",
  "SELECT CASE WHEN A > 1 THEN 'x' ELSE 'y' END, CAST(B AS DECIMAL(4, 2)), DATE '2024-01-02' FROM S EMIT CHANGES;",
  "SELECT TRANSFORM(ARR, X => X + 1), MAP('a' := 1), STRUCT(F := 'v'), ARRAY[1, 2, 3][1] FROM S EMIT CHANGES;",
  "CREATE STREAM S (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='s', VALUE_FORMAT='JSON', PARTITIONS=4);",
  'CREATE TABLE C AS SELECT K, COUNT(*) AS N FROM S WINDOW TUMBLING (SIZE 1 MINUTE, GRACE PERIOD 10 SECONDS) GROUP BY K EMIT CHANGES;',
  "INSERT INTO S (ID, V) VALUES ('a', 1);",
  "INSERT INTO S (ID, V) VALUES ('b', -9223372036854775808);",
  "SET 'auto.offset.reset' = 'earliest';",
  "DEFINE name = 'value';",
  "SELECT * FROM S WHERE NAME LIKE 'a%' ESCAPE '!' EMIT CHANGES;",
  "SELECT TS AT TIME ZONE 'UTC' FROM S EMIT CHANGES;",
  'SHOW TABLES;',
  "SELECT * FROM USERS\n  -- a comment\n  WHERE ID = 'x'\n  /* another */ AND SCORE BETWEEN 1 AND 2;",
];

/** The files hold `//` comments, which JSON does not allow: drop them, leaving strings intact. */
function stripLineComments(text: string): string {
  return text.replace(/"(?:[^"\\]|\\.)*"|\/\/[^\n]*/g, (match) => (match.startsWith('"') ? match : ''));
}

function conformanceStatements(): string[] {
  if (!existsSync(conformanceDirectory)) return [];
  return readdirSync(conformanceDirectory)
    .filter((file) => file.endsWith('.json'))
    .flatMap((file) => {
      const parsed = JSON.parse(stripLineComments(readFileSync(conformanceDirectory + file, 'utf8'))) as { tests?: { statements?: unknown[] }[] };
      return (parsed.tests ?? []).flatMap((test) => (test.statements ?? []).map((statement) => String(statement).replaceAll('{FORMAT}', 'JSON')));
    })
    .flatMap((text) => splitStatements(text).map((piece) => piece.text));
}

/** Another literal of the same token type, of another length (and sometimes out of range). */
function otherLiteral(token: IToken, variant: number): string {
  switch (token.tokenType.name) {
    case 'StringLiteral':
      return variant % 2 === 0 ? `'${token.image.slice(1, -1)}x''y'` : "''";
    case 'IntegerLiteral':
      return variant % 3 === 2 ? '99999999999999999999' : String(Number(token.image.slice(0, 15)) * 7 + variant);
    case 'DecimalLiteral':
      return `${variant}12.50`;
    case 'FloatingPointLiteral':
      return variant % 3 === 2 ? '1E999' : `${variant}.5E2`;
    default:
      return token.image;
  }
}

/** `text` with other literals and, in odd variants, other white space (a new line before some tokens). */
function variantOf(text: string, variant: number): string {
  const { tokens } = sqlLexer.tokenize(text);
  let result = '';
  let position = 0;
  for (const [index, token] of tokens.entries()) {
    const gap = text.slice(position, token.startOffset);
    result += variant % 2 === 1 && gap === ' ' && index % 3 === 0 ? '\n   ' : gap;
    result += otherLiteral(token, variant);
    position = (token.endOffset ?? token.startOffset) + 1;
  }
  return result + text.slice(position);
}

type Outcome = { readonly statement: Statement } | { readonly error: { readonly message: string; readonly span: unknown } };

function outcomeOf(parse: () => Statement): Outcome {
  try {
    return { statement: parse() };
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    return { error: { message: error.message, span: (error as { span?: unknown }).span } };
  }
}

function cachedParse(cache: StatementCache, text: string, origin: Origin): Statement {
  const { tokens } = sqlLexer.tokenize(text);
  return cache.parse(tokens, origin, () => parseStatementUncached(text, origin));
}

const shiftedOrigin: Origin = { offset: 40, line: 3, column: 9 };

describe('StatementCache', () => {
  const statements = [...ownStatements, ...conformanceStatements()];

  it('rebuilds statements of every shape exactly as parsing them would, errors included', () => {
    const cache = new StatementCache();
    const mismatches: string[] = [];
    for (const text of statements) {
      if ('error' in outcomeOf(() => parseStatementUncached(text))) continue;
      cachedParse(cache, text, startOfText);
      for (const variant of [0, 1, 2, 3]) {
        const other = variantOf(text, variant);
        const origin = variant === 3 ? shiftedOrigin : startOfText;
        const expected = outcomeOf(() => parseStatementUncached(other, origin));
        const actual = outcomeOf(() => cachedParse(cache, other, origin));
        if (!isDeepStrictEqual(actual, expected)) mismatches.push(other);
      }
    }
    expect(mismatches).toEqual([]);
    // Most variants come from the cache, so the comparison above is of rebuilt statements.
    expect(cache.hits).toBeGreaterThan(statements.length);
  });

  it('gives the parse of each statement when asked the same text again', () => {
    const cache = new StatementCache();
    for (const text of ownStatements) {
      const first = cachedParse(cache, text, startOfText);
      expect(cachedParse(cache, text, startOfText)).toEqual(first);
      expect(first).toEqual(parseStatementUncached(text));
    }
    expect(cache.hits).toBe(ownStatements.length);
  });

  it('moves every span with the tokens: longer literals, new lines, another origin', () => {
    const cache = new StatementCache();
    cachedParse(cache, "SELECT * FROM USERS WHERE ID = 'a';", startOfText);
    const text = "SELECT *\nFROM USERS WHERE ID = 'a much longer key' AND X = 1;";
    cachedParse(cache, "SELECT * FROM USERS WHERE ID = 'b' AND X = 2;", startOfText);
    expect(cachedParse(cache, text, shiftedOrigin)).toEqual(parseStatementUncached(text, shiftedOrigin));
    expect(cache.hits).toBe(1);
  });

  it('parses again when a literal that is not an expression differs (LIMIT), and keeps the new one', () => {
    const cache = new StatementCache();
    cachedParse(cache, 'SELECT * FROM T LIMIT 10;', startOfText);
    const limited = cachedParse(cache, 'SELECT * FROM T LIMIT 20;', startOfText);
    expect(cache.hits).toBe(0);
    expect(limited).toMatchObject({ kind: 'Select', query: { limit: 20 } });
    cachedParse(cache, 'SELECT * FROM T  LIMIT 20;', startOfText);
    expect(cache.hits).toBe(1);
  });

  it('reports a literal out of range with the parser\'s own error, from a kept shape', () => {
    const cache = new StatementCache();
    cachedParse(cache, 'SELECT * FROM T WHERE X = 1;', startOfText);
    const text = 'SELECT * FROM T WHERE X = 9223372036854775808;';
    expect(() => cachedParse(cache, text, startOfText)).toThrow(/Invalid numeric literal: 9223372036854775808/);
    expect(outcomeOf(() => cachedParse(cache, text, startOfText))).toEqual(outcomeOf(() => parseStatementUncached(text)));
  });

  it('hands out copies: changing one does not change the next', () => {
    const cache = new StatementCache();
    const first = cachedParse(cache, "SELECT * FROM T WHERE ID = 'a';", startOfText) as { query: { limit?: number } };
    first.query.limit = 5;
    expect(cachedParse(cache, "SELECT * FROM T WHERE ID = 'b';", startOfText)).toEqual(parseStatementUncached("SELECT * FROM T WHERE ID = 'b';"));
  });
});
