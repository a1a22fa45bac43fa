// POST /query-stream: ksqlDB's HTTP/2-era query endpoint; delimited lines by default, a JSON
// array for application/json, and /query's StreamedRow array for application/vnd.ksql.v1+json (with
// Protobuf rows for application/vnd.ksql.v1+protobuf).
import type { FastifyPluginAsync } from 'fastify';
import type { EngineApi } from '../../engine/api.js';
import { chooseMediaType, DELIMITED, KSQL_JSON, KSQL_PROTOBUF, PLAIN_JSON } from '../media-types.js';
import { delimitedFormat, jsonArrayFormat, protobufRowFormat, streamedRowFormat, type QueryFormat } from '../query-formats.js';
import { fromQueryStreamArgs, queryStreamSchema, type QueryStreamBody } from '../statement-requests.js';
import { streamQuery } from '../stream-query.js';

const FORMATS: Readonly<Record<typeof DELIMITED | typeof PLAIN_JSON | typeof KSQL_JSON | typeof KSQL_PROTOBUF, QueryFormat>> = {
  [DELIMITED]: delimitedFormat,
  [PLAIN_JSON]: jsonArrayFormat,
  [KSQL_JSON]: streamedRowFormat,
  [KSQL_PROTOBUF]: protobufRowFormat,
};

export function queryStreamRoutes(engine: EngineApi): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: QueryStreamBody }>('/query-stream', { schema: { body: queryStreamSchema } }, async (request, reply) => {
      const accepted = chooseMediaType(request, [DELIMITED, PLAIN_JSON, KSQL_JSON, KSQL_PROTOBUF], DELIMITED);
      const query = await engine.query(fromQueryStreamArgs(request.body));
      await streamQuery(reply, query, FORMATS[accepted]);
    });
  };
}
