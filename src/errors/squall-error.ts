// User-facing errors shared by every layer (parser, planner, runtime, engine, server): a stable
// code, an optional source span, and a rendering of the offending line with a caret under the
// problem. It sits below the parser so that the runtime can raise user errors without
// depending on the SQL front end.

/** Where a piece of SQL came from in the statement text. Offsets are 0-based; line and column 1-based. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly line: number;
  readonly column: number;
}

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
