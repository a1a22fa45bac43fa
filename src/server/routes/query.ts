// POST /query: ksqlDB's original query endpoint, a chunked StreamedRow array (or the
// delimited format when asked for).
import type { FastifyPluginAsync } from 'fastify';
import type { EngineApi } from '../../engine/api.js';
import { chooseMediaType, DELIMITED, KSQL_JSON, KSQL_PROTOBUF, PLAIN_JSON } from '../media-types.js';
import { delimitedFormat, protobufRowFormat, streamedRowFormat, type QueryFormat } from '../query-formats.js';
import { fromKsqlRequest, ksqlRequestSchema, type KsqlRequestBody } from '../statement-requests.js';
import { streamQuery } from '../stream-query.js';

const FORMATS: Readonly<Record<typeof KSQL_JSON | typeof PLAIN_JSON | typeof DELIMITED | typeof KSQL_PROTOBUF, QueryFormat>> = {
  [KSQL_JSON]: streamedRowFormat,
  [PLAIN_JSON]: streamedRowFormat,
  [DELIMITED]: delimitedFormat,
  [KSQL_PROTOBUF]: protobufRowFormat,
};

export function queryRoutes(engine: EngineApi): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: KsqlRequestBody }>('/query', { schema: { body: ksqlRequestSchema } }, async (request, reply) => {
      const accepted = chooseMediaType(request, [KSQL_JSON, PLAIN_JSON, DELIMITED, KSQL_PROTOBUF], KSQL_JSON);
      const query = await engine.query(fromKsqlRequest(request.body));
      await streamQuery(reply, query, FORMATS[accepted]);
    });
  };
}
