// POST /ksql: runs statements and answers with one ksqlDB entity per statement;
// POST /ksql/terminate (tearing down the cluster) is refused.
import type { FastifyPluginAsync } from 'fastify';
import type { EngineApi } from '../../engine/api.js';
import { sendJson } from '../json-reply.js';
import { RestError } from '../rest-error.js';
import { fromKsqlRequest, ksqlRequestSchema, type KsqlRequestBody } from '../statement-requests.js';

/** Comments and whitespace before the first keyword. */
const LEADING_TRIVIA = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;
const QUERY_KEYWORD = /^(?:SELECT|PRINT)\b/i;

export function ksqlRoutes(engine: EngineApi): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: KsqlRequestBody }>('/ksql', { schema: { body: ksqlRequestSchema } }, async (request, reply) => {
      const { ksql } = request.body;
      if (startsWithQuery(ksql)) throw RestError.queryEndpoint(ksql);
      const entities = await engine.execute(fromKsqlRequest(request.body));
      return sendJson(request, reply, entities);
    });

    app.post('/ksql/terminate', async () => {
      throw RestError.badRequest('Terminating the cluster is not supported by Squall');
    });
  };
}

/**
 * Whether the request starts with SELECT or PRINT, which ksqlDB answers with 40002 before
 * running anything. The server does not parse SQL (that is the engine's job), and a first
 * keyword past comments is all ksqlDB's answer needs; a query later in a multi-statement
 * request is refused by the engine instead (as a statement error).
 */
function startsWithQuery(ksql: string): boolean {
  return QUERY_KEYWORD.test(ksql.replace(LEADING_TRIVIA, ''));
}
