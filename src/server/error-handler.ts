// The one place that maps errors to HTTP responses with ksqlDB-shaped bodies: statement errors
// are 400 `statement_error`, malformed requests 400 `generic_error`, unknown routes a plain 404.
// Only a bug in Squall may become a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { StatementError, type KsqlEntity } from '../engine/api.js';
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
    if (response.statusCode >= 500) request.log.error({ err: error }, 'unexpected error');
    return sendJson(request, reply.code(response.statusCode), response.body);
  });
  app.setNotFoundHandler((_request: FastifyRequest, reply: FastifyReply) => reply.code(404).type('text/plain').send('Not Found'));
}

/** The generic_error body of an error met after a response has started (written into the stream). */
export function streamedErrorBody(error: unknown): ErrorBody {
  if (error instanceof SquallError) return genericError(40000, error.message);
  return genericError(50000, error instanceof Error ? error.message : String(error));
}

function errorResponse(error: unknown, request: FastifyRequest): ErrorResponse {
  if (error instanceof StatementError) {
    return { statusCode: 400, body: statementError(STATEMENT_ERROR_CODES[error.cause.code], error.cause.message, error.statementText, error.entities) };
  }
  if (error instanceof SquallError) {
    const statementText = requestStatementText(request.body);
    if (statementText === undefined) return { statusCode: 400, body: genericError(40000, error.message) };
    return { statusCode: 400, body: statementError(STATEMENT_ERROR_CODES[error.code], error.message, statementText, []) };
  }
  if (error instanceof RestError) {
    const body =
      error.statementText === undefined ? genericError(error.errorCode, error.message) : statementError(error.errorCode, error.message, error.statementText, []);
    return { statusCode: error.statusCode, body };
  }
  const clientStatus = clientErrorStatus(error);
  if (clientStatus !== undefined && error instanceof Error) {
    return { statusCode: clientStatus, body: genericError(clientStatus * 100, error.message) };
  }
  return { statusCode: 500, body: genericError(50000, error instanceof Error ? error.message : String(error)) };
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
