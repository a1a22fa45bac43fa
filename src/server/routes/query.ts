// POST /query: ksqlDB's original query endpoint, a chunked StreamedRow array (or the
// delimited format when asked for).
import type { FastifyPluginAsync } from 'fastify';
import type { EngineApi } from '../../engine/api.js';
import { chooseMediaType, DELIMITED, KSQL_JSON, PLAIN_JSON } from '../media-types.js';
import { delimitedFormat, streamedRowFormat } from '../query-formats.js';
import { fromKsqlRequest, ksqlRequestSchema, type KsqlRequestBody } from '../statement-requests.js';
import { streamQuery } from '../stream-query.js';

export function queryRoutes(engine: EngineApi): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: KsqlRequestBody }>('/query', { schema: { body: ksqlRequestSchema } }, async (request, reply) => {
      const accepted = chooseMediaType(request, [KSQL_JSON, PLAIN_JSON, DELIMITED], KSQL_JSON);
      const query = await engine.query(fromKsqlRequest(request.body));
      await streamQuery(reply, query, accepted === DELIMITED ? delimitedFormat : streamedRowFormat);
    });
  };
}
