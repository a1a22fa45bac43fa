// Source spans: where a piece of text starts in a larger request, and how positions in it become Spans of that request.
import type { Span } from './ast.js';

/** Where the text being parsed starts inside the larger source it came from (1-based line and column). */
export interface Origin {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export const startOfText: Origin = { offset: 0, line: 1, column: 1 };

/**
 * The span from `startOffset` to `endOffset` (inclusive) of the text, starting at 1-based `line` and
 * `column` of the text. Only the text's first line is shifted by the origin's column: later lines
 * start at column 1 of the source too.
 */
export function spanAt(origin: Origin, startOffset: number, endOffset: number, line: number, column: number): Span {
  return {
    start: origin.offset + startOffset,
    end: origin.offset + endOffset + 1,
    line: origin.line + line - 1,
    column: line === 1 ? origin.column + column - 1 : column,
  };
}

/** The span of `length` characters (at least one) at `offset` in `text`, shifted to where `text` starts in its source. */
export function spanInText(text: string, offset: number, length: number, origin: Origin): Span {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return spanAt(origin, offset, offset + Math.max(1, length) - 1, line, column);
}
