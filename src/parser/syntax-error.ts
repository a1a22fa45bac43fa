// Turns lexer and parser failures into ParseErrors that say where, what was found, what was expected and, where
// plausible, what the analyst probably meant (a misspelt keyword, a missing comma, an unclosed parenthesis).
//
// The first two lines keep ksqlDB's shape, so that ksqlDB clients and tests matching on it keep working:
//   line 2:74: Syntax Error
//   missing ')' at ','                                   (a closing token is missing)
//   Syntax error at or near 'NULL' at line 2:47: ...     (anything else)
import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
import type { Span } from './ast.js';
import { ParseError } from './errors.js';
import { type Origin, spanInText } from './source-span.js';
import * as t from './tokens.js';

/** The parser's view needed to explain an error: what could come next after some tokens. */
export interface NextTokenOracle {
  nextTokenTypes(precedingTokens: readonly IToken[]): readonly TokenType[];
}

function header(span: Span): string {
  return `line ${span.line}:${span.column}: Syntax Error`;
}

/** The `length` characters at `offset` that the lexer could not make a token of. */
export function lexingErrorToParseError(text: string, offset: number, length: number, origin: Origin): ParseError {
  const span = spanInText(text, offset, length, origin);
  return new ParseError(`${header(span)}\n${describeUnlexable(text, offset)}`, span);
}

function describeUnlexable(text: string, offset: number): string {
  const character = text.charAt(offset);
  if (character === "'") return 'Unterminated string: a closing single quote (\') is missing.';
  if (character === '"') return 'Unterminated quoted identifier: a closing double quote (") is missing.';
  if (character === '`') return 'Unterminated quoted identifier: a closing back quote (`) is missing.';
  if (text.startsWith('/*', offset)) return "Unterminated comment: '*/' is missing.";
  if (text.startsWith('${', offset)) return `Variable ${text.slice(offset).split('}')[0]}} was not substituted: DEFINE it first.`;
  return `Unexpected character '${character}'.`;
}

/** A token the grammar did not accept. */
export function recognitionErrorToParseError(
  text: string,
  error: IRecognitionException,
  tokens: readonly IToken[],
  origin: Origin,
  oracle: NextTokenOracle,
): ParseError {
  const offending = error.token;
  const atEnd = offending.tokenType === t.EndOfInput || Number.isNaN(offending.startOffset);
  const offset = atEnd ? endOfLastToken(tokens) : offending.startOffset;
  const span = spanInText(text, offset, atEnd ? 1 : offending.image.length, origin);
  const preceding = atEnd ? tokens : tokens.filter((token) => token.startOffset < offending.startOffset);
  const expected = oracle.nextTokenTypes(preceding);
  const found = atEnd ? 'end of input' : `'${offending.image}'`;
  const lines = [header(span), headline(error, found, span, expected)];
  const hint = hintFor(atEnd ? undefined : offending, preceding, expected, tokens, text, origin, describedRule(error));
  if (hint !== undefined) lines.push(hint);
  return new ParseError(lines.join('\n'), span);
}

function endOfLastToken(tokens: readonly IToken[]): number {
  const last = tokens[tokens.length - 1];
  return last === undefined ? 0 : (last.endOffset ?? last.startOffset) + 1;
}

const closingLabels = ["')'", "']'", "'>'"];

/**
 * Rules whose expectations read better as one phrase, or as their syntax, than as a list of tokens.
 * An error anywhere inside one of them (a window unit, say) is described by the nearest one.
 */
const ruleDescriptions: Readonly<Record<string, string>> = {
  type: 'a type, such as INTEGER, STRING, DECIMAL(10, 2), ARRAY<INT> or STRUCT<a INT>',
  baseType: 'a type, such as INTEGER, STRING, DECIMAL(10, 2), ARRAY<INT> or STRUCT<a INT>',
  duration: "a duration with a unit, such as '10 SECONDS'",
  tumblingWindow: 'the form TUMBLING (SIZE n unit [, RETENTION n unit] [, GRACE PERIOD n unit])',
  hoppingWindow: 'the form HOPPING (SIZE n unit, ADVANCE BY n unit [, RETENTION n unit] [, GRACE PERIOD n unit])',
  sessionWindow: 'the form SESSION (n unit [, RETENTION n unit] [, GRACE PERIOD n unit])',
  windowOption: "'RETENTION n unit' or 'GRACE PERIOD n unit'",
  withinClause: 'the form WITHIN n unit or WITHIN (n unit, m unit), then optionally GRACE PERIOD n unit',
};

/** The nearest enclosing rule that has a description, or '' if none does. */
function describedRule(error: IRecognitionException): string {
  return [...error.context.ruleStack].reverse().find((rule) => rule in ruleDescriptions) ?? '';
}

function headline(error: IRecognitionException, found: string, span: Span, expected: readonly TokenType[]): string {
  const missing = /Expecting (?:token of type )?--> (.+?) <--/.exec(error.message)?.[1];
  const couldBeList = expected.includes(t.Comma);
  if (error.name === 'MismatchedTokenException' && missing !== undefined && closingLabels.includes(missing) && !couldBeList) {
    return `missing ${missing} at ${found}`;
  }
  const rule = describedRule(error);
  const description = rule === '' ? describeExpected(expected) : ruleDescriptions[rule];
  const location = `Syntax error at or near ${found} at line ${span.line}:${span.column}`;
  return description === undefined ? `${location}.` : `${location}: expected ${description}.`;
}

const numberTypes: readonly TokenType[] = [t.IntegerLiteral, t.DecimalLiteral, t.FloatingPointLiteral];
/** Tokens that can start an expression: when most of them are expected, say "an expression". */
const expressionStarts: readonly string[] = ['an identifier', 'a number', 'a string', 'NULL', 'TRUE', 'FALSE', 'CASE', 'CAST', 'NOT', "'('", "'+'", "'-'", 'ARRAY', 'MAP', 'STRUCT'];
const longestExpectedList = 8;

function describeTokenType(type: TokenType): string {
  if (t.identifierTokenTypes.includes(type)) return 'an identifier';
  if (numberTypes.includes(type)) return 'a number';
  if (type === t.StringLiteral) return 'a string';
  if (type === t.EndOfInput) return 'end of input';
  return typeof type.LABEL === 'string' ? type.LABEL : type.name;
}

/**
 * Tokens that would continue the expression just parsed. When the expression could go on, listing
 * each operator drowns the useful part (which clause may come next), so they become "an operator".
 */
const expressionContinuations: readonly string[] = [
  "'.'", "'['", "'->'", 'AT', "'*'", "'/'", "'%'", "'+'", "'-'", "'||'", "'='", "'<>'", "'<'", "'<='", "'>'", "'>='",
  'AND', 'OR', 'NOT', 'IN', 'IS', 'BETWEEN', 'LIKE', "'('", 'a string',
];

function describeExpected(expected: readonly TokenType[]): string | undefined {
  let descriptions = [...new Set(expected.map(describeTokenType))];
  if (['an identifier', 'a number', 'a string', 'CASE'].every((start) => descriptions.includes(start))) {
    descriptions = ['an expression', ...descriptions.filter((description) => !expressionStarts.includes(description))];
  }
  if (descriptions.includes("'->'")) {
    descriptions = [...descriptions.filter((description) => !expressionContinuations.includes(description)), 'an operator'];
  }
  if (descriptions.length === 0) return undefined;
  const shown = descriptions.slice(0, longestExpectedList);
  const more = descriptions.length > shown.length ? ', ...' : '';
  if (shown.length === 1) return shown[0];
  return `one of ${shown.join(', ')}${more}`;
}

function isKeywordType(type: TokenType): boolean {
  return type.CATEGORIES?.includes(t.Keyword) ?? false;
}

function isReservedKeyword(token: IToken): boolean {
  return isKeywordType(token.tokenType) && !(token.tokenType.CATEGORIES?.includes(t.NonReservedKeyword) ?? false);
}

/** The first hint that applies, most specific first. */
function hintFor(
  offending: IToken | undefined,
  preceding: readonly IToken[],
  expected: readonly TokenType[],
  tokens: readonly IToken[],
  text: string,
  origin: Origin,
  rule: string,
): string | undefined {
  const previous = preceding[preceding.length - 1];
  const hints = [
    () => trailingCommaHint(offending, previous),
    () => doubleEqualsHint(offending, previous),
    () => misspeltKeywordHint(offending, previous, expected),
    () => (rule === '' ? reservedWordHint(offending, expected) : undefined),
    () => groupingWithAndHint(offending, preceding),
    () => doubleQuotedStringHint(offending, expected),
    () => secondStatementHint(previous),
    () => unbalancedParenthesisHint(tokens, text, origin),
    () => missingCommaHint(offending, previous, expected),
  ];
  for (const hint of hints) {
    const message = hint();
    if (message !== undefined) return message;
  }
  return undefined;
}

function trailingCommaHint(offending: IToken | undefined, previous: IToken | undefined): string | undefined {
  if (previous?.tokenType !== t.Comma || offending === undefined || !isReservedKeyword(offending)) return undefined;
  return `Remove the comma before ${offending.image.toUpperCase()}: a list cannot end with a comma.`;
}

function doubleEqualsHint(offending: IToken | undefined, previous: IToken | undefined): string | undefined {
  if (offending?.tokenType !== t.Equals || previous?.tokenType !== t.Equals) return undefined;
  return "SQL compares with a single '=': write a = b.";
}

function misspeltKeywordHint(offending: IToken | undefined, previous: IToken | undefined, expected: readonly TokenType[]): string | undefined {
  const expectedKeywords = expected.filter(isKeywordType).map((type) => type.name);
  for (const candidate of [offending, previous]) {
    if (candidate === undefined || candidate.tokenType !== t.Identifier) continue;
    const suggestion = closestWord(candidate.image.toUpperCase(), expectedKeywords);
    if (suggestion !== undefined) return `Did you mean ${suggestion} instead of '${candidate.image}'?`;
  }
  return undefined;
}

function reservedWordHint(offending: IToken | undefined, expected: readonly TokenType[]): string | undefined {
  if (offending === undefined || !isReservedKeyword(offending) || !expected.some((type) => t.identifierTokenTypes.includes(type))) return undefined;
  return `${offending.image.toUpperCase()} is a reserved word: to use it as a name, quote it, as in \`${offending.image}\`.`;
}

/** Clause keywords after which AND is, or is not, a logical operator. */
const clauseKeywords: readonly TokenType[] = [t.Select, t.Where, t.Having, t.On, t.Group, t.Partition, t.When, t.Then, t.Else];

/** `GROUP BY a AND b`: analysts coming from WHERE clauses write AND where a comma is meant. */
function groupingWithAndHint(offending: IToken | undefined, preceding: readonly IToken[]): string | undefined {
  if (offending?.tokenType !== t.And) return undefined;
  const clause = [...preceding].reverse().find((token) => clauseKeywords.includes(token.tokenType));
  if (clause?.tokenType !== t.Group && clause?.tokenType !== t.Partition) return undefined;
  const name = clause.image.toUpperCase();
  return `${name} BY takes a list of expressions separated by commas, not AND: ${name} BY a, b.`;
}

function doubleQuotedStringHint(offending: IToken | undefined, expected: readonly TokenType[]): string | undefined {
  if (offending?.tokenType !== t.QuotedIdentifier || !expected.includes(t.StringLiteral)) return undefined;
  return `Strings take single quotes: '${offending.image.slice(1, -1)}'. Double quotes are for case-sensitive names.`;
}

function secondStatementHint(previous: IToken | undefined): string | undefined {
  if (previous?.tokenType !== t.Semicolon) return undefined;
  return 'Only one statement is expected here; send each statement on its own, or split them first.';
}

function missingCommaHint(offending: IToken | undefined, previous: IToken | undefined, expected: readonly TokenType[]): string | undefined {
  if (offending === undefined || previous === undefined || !expected.includes(t.Comma)) return undefined;
  const startsItem = t.identifierTokenTypes.includes(offending.tokenType) || numberTypes.includes(offending.tokenType) || offending.tokenType === t.StringLiteral;
  if (!startsItem) return undefined;
  return `Is a comma missing between '${previous.image}' and '${offending.image}'?`;
}

function unbalancedParenthesisHint(tokens: readonly IToken[], text: string, origin: Origin): string | undefined {
  const open: IToken[] = [];
  for (const token of tokens) {
    if (token.tokenType === t.LeftParen) open.push(token);
    if (token.tokenType !== t.RightParen) continue;
    if (open.pop() === undefined) {
      const span = spanInText(text, token.startOffset, 1, origin);
      return `The ')' at line ${span.line}:${span.column} has no matching '('.`;
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed === undefined) return undefined;
  const span = spanInText(text, unclosed.startOffset, 1, origin);
  return `The '(' at line ${span.line}:${span.column} is never closed.`;
}

/** The candidate within a small edit distance of `word`, if exactly one is closest. */
function closestWord(word: string, candidates: readonly string[]): string | undefined {
  if (word.length < 3) return undefined;
  const allowed = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = allowed + 1;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance > 0 && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
function editDistance(left: string, right: string): number {
  const rows = left.length + 1;
  const columns = right.length + 1;
  const distances: number[][] = Array.from({ length: rows }, (_, row) => Array.from({ length: columns }, (__, column) => (row === 0 ? column : column === 0 ? row : 0)));
  const at = (row: number, column: number): number => distances[row]?.[column] ?? Number.POSITIVE_INFINITY;
  for (let row = 1; row < rows; row++) {
    for (let column = 1; column < columns; column++) {
      const substitution = left[row - 1] === right[column - 1] ? 0 : 1;
      let best = Math.min(at(row - 1, column) + 1, at(row, column - 1) + 1, at(row - 1, column - 1) + substitution);
      if (row > 1 && column > 1 && left[row - 1] === right[column - 2] && left[row - 2] === right[column - 1]) {
        best = Math.min(best, at(row - 2, column - 2) + 1);
      }
      const cells = distances[row];
      if (cells !== undefined) cells[column] = best;
    }
  }
  return at(rows - 1, columns - 1);
}
