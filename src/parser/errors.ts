// User-facing errors shared by every layer: a stable code, an optional source span, and a
// rendering of the offending line with a caret under the problem.
import type { Span } from './ast.js';

/** Stable error codes; the server maps them to HTTP statuses and ksqlDB error codes. */
export type ErrorCode =
  | 'PARSE_ERROR' // syntax: the text is not SQL Squall understands
  | 'NOT_SUPPORTED' // parses, but Squall cannot run it yet
  | 'PLAN_ERROR' // semantic: unknown column, type mismatch, bad property...
  | 'NOT_FOUND' // a named source, query, type or function does not exist
  | 'ALREADY_EXISTS'
  | 'RUNTIME_ERROR'; // a statement failed while being executed

/** An error caused by the user's statement; never a bug in Squall. */
export class SquallError extends Error {
  readonly code: ErrorCode;
  readonly span: Span | undefined;

  constructor(code: ErrorCode, message: string, span?: Span) {
    super(message);
    this.name = 'SquallError';
    this.code = code;
    this.span = span;
  }
}

/** A syntax error; `message` already says line, column, the offending token and what was expected. */
export class ParseError extends SquallError {
  constructor(message: string, span?: Span) {
    super('PARSE_ERROR', message, span);
    this.name = 'ParseError';
  }
}

/**
 * Renders `text` around `span` as the offending line with a caret under the problem:
 *
 *   line 1:15: ...message
 *   SELECT * FROMM foo;
 *            ^^^^^
 */
export function renderErrorContext(text: string, span: Span): string {
  const lines = text.split('\n');
  const line = lines[span.line - 1] ?? '';
  const width = Math.max(1, Math.min(span.end - span.start, line.length - (span.column - 1)));
  return `${line}\n${' '.repeat(Math.max(0, span.column - 1))}${'^'.repeat(width)}`;
}
