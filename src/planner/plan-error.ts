// PlanError: a semantic error in a statement (unknown column, type mismatch...), with its span.
import { SquallError, type ErrorCode } from '../errors/index.js';
import type { Span } from '../parser/ast.js';

export class PlanError extends SquallError {
  /** The analysed statement as ksqlDB writes it, for the errors ksqlDB reports with it ("...\nStatement: ..."). */
  readonly statement: string | undefined;

  constructor(message: string, span?: Span, code: ErrorCode = 'PLAN_ERROR', statement?: string) {
    super(code, message, span);
    this.name = 'PlanError';
    this.statement = statement;
  }
}
