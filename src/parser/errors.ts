// The parser's own error: a syntax error, a SquallError with the PARSE_ERROR code.
import { SquallError, type Span } from '../errors/index.js';

/** A syntax error; `message` already says line, column, the offending token and what was expected. */
export class ParseError extends SquallError {
  constructor(message: string, span?: Span) {
    super('PARSE_ERROR', message, span);
    this.name = 'ParseError';
  }
}
