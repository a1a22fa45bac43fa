// Failures of the Log itself (not of a record or a statement), classified so that callers can
// react: the server answers an unavailable Log with 503, a query fenced by a newer instance of
// itself stops instead of retrying.

/** Kafka cannot be reached (brokers down, request timed out): retry later. */
export class LogUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LogUnavailableError';
  }
}

/** A newer producer with the same transactional id took over: this one must stop writing. */
export class ProducerFencedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ProducerFencedError';
  }
}
