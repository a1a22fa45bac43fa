// EvaluationError: a compiled expression failed on one record (division by zero, bad cast...).
// The runtime catches it per record and writes it to the processing log; it never ends a query.
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}

/**
 * Wraps an evaluator so that a record it cannot evaluate gives NULL instead of an EvaluationError,
 * for the places where ksqlDB nulls one value rather than the whole expression. Other errors
 * (programming errors) still propagate.
 */
export function nullOnEvaluationError(
  evaluate: (row: readonly unknown[]) => unknown,
): (row: readonly unknown[]) => unknown {
  return (row) => {
    try {
      return evaluate(row);
    } catch (error) {
      if (error instanceof EvaluationError) return null;
      throw error;
    }
  };
}
