// EvaluationError: a compiled expression failed on one record (division by zero, bad cast...).
// The runtime catches it per record and writes it to the processing log; it never ends a query.
export class EvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EvaluationError';
  }
}
