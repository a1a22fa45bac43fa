// PlanError: a semantic error in a statement (unknown column, type mismatch...), with its span.
import { SquallError, type ErrorCode } from '../errors/index.js';
import type { Span } from '../parser/ast.js';

export class PlanError extends SquallError {
  constructor(message: string, span?: Span, code: ErrorCode = 'PLAN_ERROR') {
    super(code, message, span);
    this.name = 'PlanError';
  }
}
