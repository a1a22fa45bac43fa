// Errors the REST layer raises itself (bad requests, unknown ids) or answers a failure that is not
// the client's with (Kafka unavailable, a bug), each with its HTTP status and ksqlDB error code;
// the error handler renders them.
import { QUERY_ENDPOINT_MESSAGE } from '../engine/api.js';
import type { ErrorCode } from '../errors/index.js';

export class RestError extends Error {
  readonly statusCode: number;
  /** ksqlDB's `error_code`: the HTTP status × 100 plus a suffix. */
  readonly errorCode: number;
  /** Present for statement errors: the body is then a `statement_error` carrying it. */
  readonly statementText: string | undefined;

  constructor(statusCode: number, errorCode: number, message: string, statementText?: string) {
    super(message);
    this.name = 'RestError';
    this.statusCode = statusCode;
    this.errorCode = errorCode;
    this.statementText = statementText;
  }

  /** 400 / 40000: a malformed request (bad JSON, a missing field, an unknown query id). */
  static badRequest(message: string): RestError {
    return new RestError(400, 40000, message);
  }

  /** 404 / 40400. */
  static notFound(message: string): RestError {
    return new RestError(404, 40400, message);
  }

  /** 400 / 40002: a query sent to /ksql instead of /query. */
  static queryEndpoint(statementText: string): RestError {
    return new RestError(400, 40002, QUERY_ENDPOINT_MESSAGE, statementText);
  }

  /** 500 / 50000: a bug in Squall (ksqlDB's SERVER_ERROR). */
  static serverError(message: string): RestError {
    return new RestError(500, 50000, message);
  }

  /** 503 / 50300: Kafka cannot be reached; `failure` says what could not be done. The client may retry. */
  static kafkaUnavailable(failure: string): RestError {
    return new RestError(503, 50300, `Kafka is unavailable: ${failure}`);
  }
}

/**
 * ksqlDB error code of each statement failure. Every SquallError is caused by the user's
 * statement, so all are 400 BAD_STATEMENT; the table makes a new code fail to compile until placed.
 */
export const STATEMENT_ERROR_CODES: { readonly [Code in ErrorCode]: number } = {
  PARSE_ERROR: 40001,
  PLAN_ERROR: 40001,
  NOT_SUPPORTED: 40001,
  NOT_FOUND: 40001,
  ALREADY_EXISTS: 40001,
  RUNTIME_ERROR: 40001,
};
