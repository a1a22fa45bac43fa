// Parsed statements kept by their token stream, so that a statement asked again with other literal
// values (a dashboard's pull query for one key after another) is not parsed again.
//
// Why this is exactly a parse: the grammar chooses its path by token types alone (its GATEs look at
// types too), so two statements whose tokens have the same types get CSTs of the same shape, and
// the AST builders read nothing but those tokens: identifiers, keywords and operators by image
// (part of the key here), literal tokens by image, and every token by position (for spans). A kept
// statement is therefore rebuilt with the new tokens' positions in its spans and the new literal
// tokens in its literal expressions. Literal tokens that are not a literal expression on their own
// (`LIMIT 10`, `WITH (KAFKA_TOPIC='t')`, `DATE '2024-01-01'`) are kept fixed: they must match. A
// literal that the builders would refuse (an integer out of range) is parsed, to get the error.
import { isDeepStrictEqual } from 'node:util';
import type { IToken, TokenType } from 'chevrotain';
import type { Span, Statement } from './ast.js';
import { type Origin, spanAt } from './source-span.js';
import type { BuildContext } from './to-ast.js';
import { buildLiteral } from './to-ast-expression.js';
import { DecimalLiteral, FloatingPointLiteral, IntegerLiteral, StringLiteral } from './tokens.js';

/** Statement shapes kept; the least recently used one goes first. */
const CAPACITY = 500;
/** A longer statement (a big INSERT VALUES, a script) is parsed each time rather than kept. */
const MAX_TOKENS = 2000;

const literalTokenTypes: ReadonlySet<TokenType> = new Set([StringLiteral, IntegerLiteral, DecimalLiteral, FloatingPointLiteral]);
const literalExpressionKinds: ReadonlySet<string> = new Set(['StringLiteral', 'IntegerLiteral', 'DecimalLiteral', 'DoubleLiteral']);

/** A parsed statement and where each of its parts came from in its token stream. */
interface Template {
  readonly statement: Statement;
  /** Literal tokens that are not literal expressions, by token index: their images must match. */
  readonly fixedLiterals: ReadonlyMap<number, string>;
  /** The template's literal expression nodes, with the index of the token each was built from. */
  readonly literals: ReadonlyMap<object, number>;
  /** The template's spans, with the indexes of the tokens they start and end at. */
  readonly spans: ReadonlyMap<object, { readonly first: number; readonly last: number }>;
}

/** A statement whose spans do not all start and end at tokens cannot be rebuilt from them: parsed each time. */
type Kept = Template | 'unkept';

export class StatementCache {
  private readonly kept = new Map<string, Kept>();
  /** @internal Statements rebuilt from a kept one: lets tests check that they exercised the cache. */
  hits = 0;

  /**
   * The statement of `tokens` (lexed from text starting at `origin`), from a kept statement of the
   * same shape when there is one, otherwise from `parse` (which throws on a syntax error).
   */
  parse(tokens: readonly IToken[], origin: Origin, parse: () => Statement): Statement {
    if (tokens.length > MAX_TOKENS) return parse();
    const key = shapeKey(tokens);
    const kept = this.kept.get(key);
    if (kept !== undefined) {
      // Re-inserted so that the Map's order is the order of last use.
      this.kept.delete(key);
      this.kept.set(key, kept);
      const rebuilt = kept === 'unkept' ? undefined : rebuild(kept, tokens, origin);
      if (rebuilt !== undefined) {
        this.hits++;
        return rebuilt;
      }
    }
    const statement = parse();
    const template = templateOf(statement, tokens, origin);
    this.kept.set(key, template ?? 'unkept');
    if (this.kept.size > CAPACITY) this.kept.delete(this.kept.keys().next().value!);
    // The caller gets a copy, so that nothing it does to its statement can change the kept one.
    return (template === undefined ? undefined : rebuild(template, tokens, origin)) ?? statement;
  }
}

/** Token types and images, literal images left out; lengths make it unambiguous whatever an image holds. */
function shapeKey(tokens: readonly IToken[]): string {
  let key = '';
  for (const token of tokens) {
    const type = token.tokenType.tokenTypeIdx ?? token.tokenType.name;
    key += literalTokenTypes.has(token.tokenType) ? `${type};` : `${type}:${token.image.length}:${token.image}`;
  }
  return key;
}

function contextAt(origin: Origin): BuildContext {
  return { origin, lambdaParameters: new Set() };
}

function isSpan(value: object): value is Span {
  const keys = Object.keys(value);
  return keys.length === 4 && ['start', 'end', 'line', 'column'].every((key) => typeof (value as Record<string, unknown>)[key] === 'number');
}

/** What the copy in `rebuild` reproduces: arrays and plain objects. */
function isPlainData(value: object): boolean {
  return Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype;
}

function spanBetween(tokens: readonly IToken[], first: number, last: number, origin: Origin): Span {
  const start = tokens[first]!;
  return spanAt(origin, start.startOffset, tokens[last]!.endOffset ?? tokens[last]!.startOffset, start.startLine ?? 1, start.startColumn ?? 1);
}

/** Where each part of `statement` came from, or undefined when some part cannot be traced to the tokens. */
function templateOf(statement: Statement, tokens: readonly IToken[], origin: Origin): Template | undefined {
  const tokenStarting = new Map(tokens.map((token, index) => [token.startOffset, index]));
  const tokenEnding = new Map(tokens.map((token, index) => [token.endOffset ?? token.startOffset, index]));
  const context = contextAt(origin);
  const literals = new Map<object, number>();
  const spans = new Map<object, { first: number; last: number }>();

  const traceSpan = (span: Span): boolean => {
    const first = tokenStarting.get(span.start - origin.offset);
    const last = tokenEnding.get(span.end - 1 - origin.offset);
    if (first === undefined || last === undefined || !isDeepStrictEqual(spanBetween(tokens, first, last, origin), span)) return false;
    spans.set(span, { first, last });
    return true;
  };
  const literalToken = (node: object): number | undefined => {
    const { kind, span } = node as { kind?: unknown; span?: unknown };
    if (typeof kind !== 'string' || !literalExpressionKinds.has(kind) || typeof span !== 'object' || span === null || !isSpan(span)) return undefined;
    const index = tokenStarting.get(span.start - origin.offset);
    const token = index === undefined ? undefined : tokens[index];
    if (token === undefined || !literalTokenTypes.has(token.tokenType)) return undefined;
    try {
      return isDeepStrictEqual(buildLiteral(token, context), node) ? index : undefined;
    } catch {
      // Built otherwise (a negated BIGINT's lowest value): kept fixed.
      return undefined;
    }
  };
  const trace = (value: unknown): boolean => {
    if (typeof value !== 'object' || value === null) return true;
    if (!isPlainData(value)) return false;
    if (isSpan(value)) return traceSpan(value);
    const literal = literalToken(value);
    if (literal !== undefined) {
      literals.set(value, literal);
      return true;
    }
    return Object.values(value).every(trace);
  };
  if (!trace(statement)) return undefined;

  const literalIndexes = new Set(literals.values());
  const fixedLiterals = new Map<number, string>();
  for (const [index, token] of tokens.entries()) {
    if (literalTokenTypes.has(token.tokenType) && !literalIndexes.has(index)) fixedLiterals.set(index, token.image);
  }
  return { statement, fixedLiterals, literals, spans };
}

/** The kept statement with `tokens` in place of its own, or undefined when it must be parsed instead. */
function rebuild(template: Template, tokens: readonly IToken[], origin: Origin): Statement | undefined {
  for (const [index, image] of template.fixedLiterals) if (tokens[index]!.image !== image) return undefined;
  const context = contextAt(origin);
  // Shared parts of the template stay shared in the copy.
  const copies = new Map<object, unknown>();
  const copy = (value: unknown): unknown => {
    if (typeof value !== 'object' || value === null) return value;
    const done = copies.get(value);
    if (done !== undefined) return done;
    let result: unknown;
    const span = template.spans.get(value);
    const literal = template.literals.get(value);
    if (span !== undefined) result = spanBetween(tokens, span.first, span.last, origin);
    else if (literal !== undefined) result = buildLiteral(tokens[literal]!, context);
    else if (Array.isArray(value)) result = value.map(copy);
    else {
      const fields: Record<string, unknown> = {};
      for (const key in value) fields[key] = copy((value as Record<string, unknown>)[key]);
      result = fields;
    }
    copies.set(value, result);
    return result;
  };
  try {
    return copy(template.statement) as Statement;
  } catch {
    // A literal the builders refuse: parsing it again gives the error, with its span.
    return undefined;
  }
}
