// The one place that maps errors to HTTP responses with ksqlDB-shaped bodies, by cause: the
// user's statements are 400 `statement_error`, malformed requests 400 `generic_error`, unknown
// routes a plain 404, Kafka being unavailable a 503, and only a bug in Squall a 500, logged with
// its stack.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LogUnavailableError, StatementError, type KsqlEntity } from '../engine/api.js';
import { SquallError } from '../errors/index.js';
import { sendJson } from './json-reply.js';
import { RestError, STATEMENT_ERROR_CODES } from './rest-error.js';

/** A ksqlDB KsqlErrorMessage (`generic_error`) or KsqlStatementErrorMessage (`statement_error`). */
export interface ErrorBody {
  readonly '@type': 'generic_error' | 'statement_error';
  readonly error_code: number;
  readonly message: string;
  readonly statementText?: string;
  readonly entities?: readonly KsqlEntity[];
}

interface ErrorResponse {
  readonly statusCode: number;
  readonly body: ErrorBody;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const response = errorResponse(error, request);
    return sendJson(request, reply.code(response.statusCode), response.body);
  });
  app.setNotFoundHandler((_request: FastifyRequest, reply: FastifyReply) => reply.code(404).type('text/plain').send('Not Found'));
}

/**
 * The generic_error body of an error met after a response has started (written into the
 * stream): 40000 for the user's error, else the code of the status it would have had.
 */
export function streamedErrorBody(error: unknown, request: FastifyRequest): ErrorBody {
  if (error instanceof SquallError) return genericError(40000, error.message);
  const failure = serverFailure(error, request);
  return genericError(failure.errorCode, failure.message);
}

function errorResponse(error: unknown, request: FastifyRequest): ErrorResponse {
  if (error instanceof StatementError) return statementFailure(error, request);
  if (error instanceof SquallError) {
    const statementText = requestStatementText(request.body);
    if (statementText === undefined) return { statusCode: 400, body: genericError(40000, error.message) };
    return { statusCode: 400, body: statementError(STATEMENT_ERROR_CODES[error.code], error.message, statementText, []) };
  }
  if (error instanceof RestError) return restErrorResponse(error);
  const clientStatus = clientErrorStatus(error);
  if (clientStatus !== undefined && error instanceof Error) {
    return { statusCode: clientStatus, body: genericError(clientStatus * 100, error.message) };
  }
  return restErrorResponse(serverFailure(error, request));
}

/**
 * A /ksql statement failed: whatever the cause, the body is a statement_error carrying the
 * statement and the entities of those before it, which have taken effect (as ksqlDB's
 * Errors.serverErrorForStatement does for a failure that is not the statement's).
 */
function statementFailure(error: StatementError, request: FastifyRequest): ErrorResponse {
  const { cause, statementText, entities } = error;
  if (cause instanceof SquallError) {
    return { statusCode: 400, body: statementError(STATEMENT_ERROR_CODES[cause.code], cause.message, statementText, entities) };
  }
  const failure = serverFailure(cause, request);
  return { statusCode: failure.statusCode, body: statementError(failure.errorCode, failure.message, statementText, entities) };
}

function restErrorResponse(error: RestError): ErrorResponse {
  const body =
    error.statementText === undefined ? genericError(error.errorCode, error.message) : statementError(error.errorCode, error.message, error.statementText, []);
  return { statusCode: error.statusCode, body };
}

/** A failure that is not the client's: Kafka being unavailable, anywhere in its causes, or else a bug, which is logged. */
function serverFailure(error: unknown, request: FastifyRequest): RestError {
  const message = error instanceof Error ? error.message : String(error);
  if (causeChain(error).some((cause) => cause instanceof LogUnavailableError)) return RestError.kafkaUnavailable(message);
  // Fastify's logger is off unless asked for; a bug must be seen whatever the configuration.
  console.error(`squall: ${request.method} ${request.url} failed:`, error);
  return RestError.serverError(message);
}

/** The error and its causes, outermost first. */
function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let current = error; current !== undefined && !chain.includes(current); current = current instanceof Error ? current.cause : undefined) {
    chain.push(current);
  }
  return chain;
}

function statementError(errorCode: number, message: string, statementText: string, entities: readonly KsqlEntity[]): ErrorBody {
  return { '@type': 'statement_error', error_code: errorCode, message, statementText, entities };
}

function genericError(errorCode: number, message: string): ErrorBody {
  return { '@type': 'generic_error', error_code: errorCode, message };
}

/** The 4xx status fastify put on its own errors (schema validation, media type, body size). */
function clientErrorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('statusCode' in error)) return undefined;
  const { statusCode } = error;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500 ? statusCode : undefined;
}

/** The statements of a /ksql (`ksql`) or /query-stream (`sql`) request body, when it has them. */
function requestStatementText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const text = 'ksql' in body ? body.ksql : 'sql' in body ? body.sql : undefined;
  return typeof text === 'string' ? text : undefined;
}
