// Parsing entry points: lex, run the grammar (built once), build the AST, and explain failures.
import type { CstNode, IToken } from 'chevrotain';
import type { Expression, ParsedStatement, Statement, TypeNode } from './ast.js';
import { SqlGrammar } from './grammar.js';
import { StatementCache } from './statement-cache.js';
import { splitStatements } from './statement-splitter.js';
import { type Origin, spanInText, startOfText } from './source-span.js';
import { lexingErrorToParseError, recognitionErrorToParseError, type NextTokenOracle } from './syntax-error.js';
import type { SingleStatementCstNode, StandaloneExpressionCstNode, StandaloneTypeCstNode } from './cst-types.js';
import { type BuildContext, only } from './to-ast.js';
import { buildExpression } from './to-ast-expression.js';
import { buildStatement } from './to-ast-statement.js';
import { buildType } from './to-ast-type.js';
import { sqlLexer, UnterminatedComment } from './tokens.js';

type EntryNode = SingleStatementCstNode | StandaloneExpressionCstNode | StandaloneTypeCstNode;
type EntryRule = EntryNode['name'];

/** Built once: Chevrotain's self-analysis of the grammar is the expensive part of parsing. */
const grammar = new SqlGrammar();

/** What the grammar accepts next after some tokens, starting from `rule`: used to explain errors. */
function oracleFor(rule: EntryRule): NextTokenOracle {
  return {
    nextTokenTypes: (precedingTokens) => grammar.computeContentAssist(rule, [...precedingTokens]).map((path) => path.nextTokenType),
  };
}

function lex(text: string, origin: Origin): IToken[] {
  const lexed = sqlLexer.tokenize(text);
  const [error] = lexed.errors;
  if (error !== undefined) throw lexingErrorToParseError(text, error.offset, error.length, origin);
  const unterminated = lexed.tokens.find((token) => token.tokenType === UnterminatedComment);
  // Reported at its `/*`, the two characters that open the comment.
  if (unterminated !== undefined) throw lexingErrorToParseError(text, unterminated.startOffset, 2, origin);
  return lexed.tokens;
}

/** Narrows a CST node returned by a grammar rule to its generated type. */
function isRuleNode<Node extends CstNode>(node: CstNode, name: Node['name']): node is Node {
  return node.name === name;
}

/** Runs the entry rule over `tokens`; a node of any other rule is a bug in the grammar. */
function runGrammar<Node extends EntryNode>(text: string, tokens: IToken[], rule: Node['name'], origin: Origin): Node {
  grammar.input = tokens;
  const cst = grammar[rule]();
  const [error] = grammar.errors;
  if (error !== undefined) throw recognitionErrorToParseError(text, error, tokens, origin, oracleFor(rule));
  if (!isRuleNode<Node>(cst, rule)) throw new Error(`the grammar returned '${cst.name}' where '${rule}' was expected`);
  return cst;
}

/**
 * Statements Squall recognises but cannot run: they become `Unsupported` nodes without being parsed
 * further, so that the engine can say "not supported yet" instead of reporting a syntax error.
 */
const unsupportedPrefixes: readonly (readonly string[])[] = [
  ['CREATE', 'SOURCE', 'CONNECTOR'],
  ['CREATE', 'SINK', 'CONNECTOR'],
  ['DROP', 'CONNECTOR'],
  ['DESCRIBE', 'CONNECTOR'],
  ['SHOW', 'CONNECTOR', 'PLUGINS'],
  ['LIST', 'CONNECTOR', 'PLUGINS'],
  ['ALTER', 'SYSTEM'],
  ['ASSERT'],
];

function unsupportedStatement(tokens: readonly IToken[], text: string, origin: Origin): Statement | undefined {
  const words = tokens.slice(0, 3).map((token) => token.image.toUpperCase());
  const prefix = unsupportedPrefixes.find((candidate) => candidate.every((word, index) => words[index] === word));
  const [first] = tokens;
  if (prefix === undefined || first === undefined) return undefined;
  const span = spanInText(text, first.startOffset, text.trimEnd().length - first.startOffset, origin);
  return { kind: 'Unsupported', what: prefix.join(' '), span };
}

/** Statements parsed before, by token stream: lexing is cheap, the grammar is not. */
const statementCache = new StatementCache();

function parseStatementAt(text: string, origin: Origin): Statement {
  const tokens = lex(text, origin);
  const unsupported = unsupportedStatement(tokens, text, origin);
  if (unsupported !== undefined) return unsupported;
  return statementCache.parse(tokens, origin, () => parseTokens(text, tokens, origin));
}

function parseTokens(text: string, tokens: IToken[], origin: Origin): Statement {
  const entry = runGrammar<SingleStatementCstNode>(text, tokens, 'singleStatement', origin);
  return buildStatement(only(entry.children.statement), contextAt(origin));
}

/** @internal The parse of one statement without the statement cache: what the cache's tests compare it with. */
export function parseStatementUncached(text: string, origin: Origin = startOfText): Statement {
  const tokens = lex(text, origin);
  return unsupportedStatement(tokens, text, origin) ?? parseTokens(text, tokens, origin);
}

function contextAt(origin: Origin): BuildContext {
  return { origin, lambdaParameters: new Set() };
}

/**
 * Parses exactly one statement; a trailing `;` is optional. Throws ParseError. `origin` is where
 * the text starts in a larger request (from `splitStatements`), so that spans and messages give
 * the request's own line and column.
 */
export function parseStatement(text: string, origin: Origin = startOfText): ParsedStatement {
  return { statement: parseStatementAt(text, origin), text: text.trim() };
}

/** Splits `sql` into statements and parses each; spans are relative to the whole of `sql`. Throws on the first error. */
export function parseStatements(sql: string): ParsedStatement[] {
  return splitStatements(sql).map((piece) => ({
    statement: parseStatementAt(piece.text, { offset: piece.offset, line: piece.line, column: piece.column }),
    text: piece.text,
  }));
}

export function parseExpression(text: string): Expression {
  const entry = runGrammar<StandaloneExpressionCstNode>(text, lex(text, startOfText), 'standaloneExpression', startOfText);
  return buildExpression(only(entry.children.expression), contextAt(startOfText));
}

export function parseType(text: string): TypeNode {
  const entry = runGrammar<StandaloneTypeCstNode>(text, lex(text, startOfText), 'standaloneType', startOfText);
  return buildType(only(entry.children.type), contextAt(startOfText));
}
