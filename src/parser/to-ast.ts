// What every CST→AST builder shares: typed access to CST children, source spans, identifier normalisation.
import type { CstNode, IToken } from 'chevrotain';
import type { Span } from './ast.js';
import type { IdentifierCstNode } from './cst-types.js';
import { ParseError } from './errors.js';
import { type Origin, spanAt } from './source-span.js';
import { BackQuotedIdentifier, QuotedIdentifier } from './tokens.js';

/** State threaded through the builders: where spans start, and the lambda parameters in scope. */
export interface BuildContext {
  readonly origin: Origin;
  readonly lambdaParameters: ReadonlySet<string>;
}

/** The one child a rule always has (typed as an array by the generated CST types). */
export function only<Child>(children: readonly Child[]): Child {
  const [child] = children;
  if (child === undefined) throw new Error('a required CST child is missing: grammar.ts and the AST builders disagree');
  return child;
}

/** The child of an optional part of a rule, if it was present. */
export function optional<Child>(children: readonly Child[] | undefined): Child | undefined {
  return children?.[0];
}

export function spanOfToken(token: IToken, context: BuildContext): Span {
  return spanAt(context.origin, token.startOffset, token.endOffset ?? token.startOffset, token.startLine ?? 1, token.startColumn ?? 1);
}

export function spanOfNode(node: CstNode, context: BuildContext): Span {
  const location = node.location;
  if (location === undefined) throw new Error(`CST node '${node.name}' has no location: enable nodeLocationTracking`);
  return spanAt(context.origin, location.startOffset, location.endOffset ?? location.startOffset, location.startLine ?? 1, location.startColumn ?? 1);
}

/** From the start of `first` to the end of `last`. */
export function spanFrom(first: Span, last: Span): Span {
  return { start: first.start, end: last.end, line: first.line, column: first.column };
}

function unquote(image: string, quote: string): string {
  return image.slice(1, -1).split(quote + quote).join(quote);
}

/** Unquoted identifiers are upper-cased; quoted and back-quoted ones keep their case. */
function normaliseIdentifier(token: IToken): string {
  if (token.tokenType === QuotedIdentifier) return unquote(token.image, '"');
  if (token.tokenType === BackQuotedIdentifier) return unquote(token.image, '`');
  return token.image.toUpperCase();
}

export function isQuotedIdentifier(token: IToken): boolean {
  return token.tokenType === QuotedIdentifier || token.tokenType === BackQuotedIdentifier;
}

/** The token of an `identifier` CST node, whichever kind of name it is. */
export function identifierToken(node: IdentifierCstNode): IToken {
  const children = node.children;
  const tokens = children.Identifier ?? children.QuotedIdentifier ?? children.BackQuotedIdentifier ?? children.DigitIdentifier ?? children.NonReservedKeyword;
  return only(tokens ?? []);
}

/** The normalised name held by an `identifier` CST node. */
export function identifierOf(node: IdentifierCstNode): string {
  return normaliseIdentifier(identifierToken(node));
}

/** `'it''s'` is `it's`. */
export function stringValueOf(token: IToken): string {
  return unquote(token.image, "'");
}

/** A syntax error found while building the AST, in ksqlDB's `line L:C: message` shape. */
export function parseErrorAt(span: Span, message: string): ParseError {
  return new ParseError(`line ${span.line}:${span.column}: ${message}`, span);
}
