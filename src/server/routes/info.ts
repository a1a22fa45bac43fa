// Server information and health: GET /info, /healthcheck, /status, /status/:type/:entity/:action,
// /clusterStatus, the container probes /chc/ready and /chc/live, and / (a redirect to /info).
import type { FastifyPluginAsync } from 'fastify';
import type { EngineApi } from '../../engine/api.js';
import { sendJson } from '../json-reply.js';
import { RestError } from '../rest-error.js';

interface CommandIdParams {
  readonly type: string;
  readonly entity: string;
  readonly action: string;
}

const HTTP_OK = 200;
const HTTP_SERVICE_UNAVAILABLE = 503;

export function infoRoutes(engine: EngineApi): FastifyPluginAsync {
  return async (app) => {
    app.get('/', async (_request, reply) => reply.redirect('/info', 302));

    app.get('/info', async (request, reply) => sendJson(request, reply, { KsqlServerInfo: engine.info() }));

    app.get('/healthcheck', async (request, reply) => {
      const health = engine.health();
      return sendJson(request, reply.code(health.isHealthy ? HTTP_OK : HTTP_SERVICE_UNAVAILABLE), health);
    });

    app.get('/status', async (request, reply) => sendJson(request, reply, { commandStatuses: engine.commandStatuses() }));

    app.get<{ Params: CommandIdParams }>('/status/:type/:entity/:action', async (request, reply) => {
      const { type, entity, action } = request.params;
      const status = engine.commandStatus(`${type}/${entity}/${action}`);
      if (status === undefined) throw RestError.notFound('Command not found');
      return sendJson(request, reply, status);
    });

    app.get('/clusterStatus', async (request, reply) => sendJson(request, reply, { clusterStatus: { [request.host]: localHostStatus() } }));

    app.get('/chc/live', async (request, reply) => sendJson(request, reply, {}));

    app.get('/chc/ready', async (request, reply) => {
      const { serverState } = engine.health();
      return sendJson(request, reply.code(serverState === 'READY' ? HTTP_OK : HTTP_SERVICE_UNAVAILABLE), { serverState });
    });
  };
}

/** A single node reports only itself: alive, with no standby or lag information. */
function localHostStatus(): Readonly<Record<string, unknown>> {
  return {
    hostAlive: true,
    lastStatusUpdateMs: Date.now(),
    activeStandbyPerQuery: {},
    hostStoreLags: { stateStoreLags: {}, updateTimeMs: 0 },
  };
}
