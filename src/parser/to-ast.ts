// What every CST→AST builder shares: reading CST children, source spans, identifier normalisation.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type { Span } from './ast.js';
import { ParseError } from './errors.js';
import { BackQuotedIdentifier, QuotedIdentifier } from './tokens.js';

/** Where the text being parsed starts inside the larger source it came from (1-based line and column). */
export interface Origin {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export const startOfText: Origin = { offset: 0, line: 1, column: 1 };

/** State threaded through the builders: where spans start, and the lambda parameters in scope. */
export interface BuildContext {
  readonly origin: Origin;
  readonly lambdaParameters: ReadonlySet<string>;
}

function isToken(element: CstElement): element is IToken {
  return 'image' in element;
}

function elementsOf(node: CstNode, key: string): CstElement[] {
  return node.children[key] ?? [];
}

/** Programmer error: the grammar and the builder disagree about a child's name. */
function missingChild(node: CstNode, key: string): Error {
  return new Error(`CST node '${node.name}' has no child '${key}': grammar.ts and the AST builders disagree`);
}

export function nodesOf(node: CstNode, key: string): CstNode[] {
  return elementsOf(node, key).filter((element): element is CstNode => !isToken(element));
}

export function optionalNodeOf(node: CstNode, key: string): CstNode | undefined {
  return nodesOf(node, key)[0];
}

export function nodeOf(node: CstNode, key: string): CstNode {
  const child = optionalNodeOf(node, key);
  if (child === undefined) throw missingChild(node, key);
  return child;
}

export function tokensOf(node: CstNode, key: string): IToken[] {
  return elementsOf(node, key).filter(isToken);
}

export function optionalTokenOf(node: CstNode, key: string): IToken | undefined {
  return tokensOf(node, key)[0];
}

export function tokenOf(node: CstNode, key: string): IToken {
  const token = optionalTokenOf(node, key);
  if (token === undefined) throw missingChild(node, key);
  return token;
}

export function hasChild(node: CstNode, key: string): boolean {
  return elementsOf(node, key).length > 0;
}

/** The single token of a node whose rule consumes exactly one token (identifier, number...). */
export function onlyToken(node: CstNode): IToken {
  for (const elements of Object.values(node.children)) {
    const token = elements.find(isToken);
    if (token !== undefined) return token;
  }
  throw new Error(`CST node '${node.name}' holds no token`);
}

function spanAt(origin: Origin, startOffset: number, endOffset: number, line: number, column: number): Span {
  return {
    start: origin.offset + startOffset,
    end: origin.offset + endOffset + 1,
    line: origin.line + line - 1,
    column: line === 1 ? origin.column + column - 1 : column,
  };
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
export function normaliseIdentifier(token: IToken): string {
  if (token.tokenType === QuotedIdentifier) return unquote(token.image, '"');
  if (token.tokenType === BackQuotedIdentifier) return unquote(token.image, '`');
  return token.image.toUpperCase();
}

export function isQuotedIdentifier(token: IToken): boolean {
  return token.tokenType === QuotedIdentifier || token.tokenType === BackQuotedIdentifier;
}

/** The normalised name held by an `identifier` CST node. */
export function identifierOf(node: CstNode): string {
  return normaliseIdentifier(onlyToken(node));
}

/** `'it''s'` is `it's`. */
export function stringValueOf(token: IToken): string {
  return unquote(token.image, "'");
}

/** A syntax error found while building the AST, in ksqlDB's `line L:C: message` shape. */
export function parseErrorAt(span: Span, message: string): ParseError {
  return new ParseError(`line ${span.line}:${span.column}: ${message}`, span);
}
