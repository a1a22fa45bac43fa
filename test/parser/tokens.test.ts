// The lexer: token order decides how ambiguous prefixes lex (see the comment in src/parser/tokens.ts).
import { describe, expect, it } from 'vitest';
import { sqlLexer } from '../../src/parser/tokens.js';

function tokenNames(text: string): string[] {
  const lexed = sqlLexer.tokenize(text);
  expect(lexed.errors).toEqual([]);
  return lexed.tokens.map((token) => token.tokenType.name);
}

describe('sqlLexer', () => {
  it('reads keywords in any case, and longer keywords before their prefixes', () => {
    expect(tokenNames('streams STREAM Tables table')).toEqual(['STREAMS', 'STREAM', 'TABLES', 'TABLE']);
  });

  it('reads a word that starts with a keyword as an identifier', () => {
    expect(tokenNames('selected fromage windowstart')).toEqual(['Identifier', 'Identifier', 'Identifier']);
  });

  it('prefers two-character operators over their one-character prefixes', () => {
    expect(tokenNames('-> => := || <= >= <> != < > = -')).toEqual([
      'Arrow', 'LambdaArrow', 'Assign', 'ConcatOperator', 'LessOrEqual', 'GreaterOrEqual', 'NotEqual', 'NotEqual', 'Less', 'Greater', 'Equals', 'Minus',
    ]);
  });

  it('tells the kinds of numbers apart', () => {
    expect(tokenNames('1 1.5 .5 1E5 1.5e-3 1abc')).toEqual([
      'IntegerLiteral', 'DecimalLiteral', 'DecimalLiteral', 'FloatingPointLiteral', 'FloatingPointLiteral', 'DigitIdentifier',
    ]);
  });

  it('skips comments and reads quoted tokens whole', () => {
    expect(tokenNames("a -- line ; comment\n/* block\n; */ 'it''s' `q``x` \"d\"\"q\"")).toEqual([
      'Identifier', 'StringLiteral', 'BackQuotedIdentifier', 'QuotedIdentifier',
    ]);
  });

  it('reports a character that starts no token', () => {
    expect(sqlLexer.tokenize('a # b').errors).toMatchObject([{ offset: 2 }]);
  });
});
