// POST /close-query: stops a push query started on /query-stream.
import type { FastifyPluginAsync } from 'fastify';
import type { EngineApi } from '../../engine/api.js';
import { RestError } from '../rest-error.js';

interface CloseQueryBody {
  readonly queryId: string;
}

const closeQuerySchema = {
  type: 'object',
  required: ['queryId'],
  properties: { queryId: { type: 'string' } },
} as const;

export function closeQueryRoutes(engine: EngineApi): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: CloseQueryBody }>('/close-query', { schema: { body: closeQuerySchema } }, async (request, reply) => {
      const { queryId } = request.body;
      if (!engine.closeQuery(queryId)) throw RestError.badRequest(`No query with id ${queryId}`);
      return reply.code(200).send();
    });
  };
}
