// Builds the REST server (routes, body parsing, error handling) around an engine, without
// listening, so that tests can `inject()` requests.
import fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { EngineApi } from '../engine/api.js';
import { createCleartextServer } from './cleartext-server.js';
import { registerErrorHandling } from './error-handler.js';
import { PLAIN_JSON } from './media-types.js';
import { PrometheusMetrics } from './prometheus-metrics.js';
import { RestError } from './rest-error.js';
import { closeQueryRoutes } from './routes/close-query.js';
import { consoleRoutes } from './routes/console.js';
import { infoRoutes } from './routes/info.js';
import { insertsStreamRoutes } from './routes/inserts-stream.js';
import { ksqlRoutes } from './routes/ksql.js';
import { metricsRoutes } from './routes/metrics.js';
import { queryStreamRoutes } from './routes/query-stream.js';
import { queryRoutes } from './routes/query.js';

export interface ServerOptions {
  /** Log requests with fastify's logger (pino); off by default. Bugs are logged to stderr either way. */
  readonly logger?: boolean;
  /** The web console's bundle (`npm run build:console`), served under /console/; no console without it. */
  readonly consoleDir?: string;
}

export async function buildServer(engine: EngineApi, options: ServerOptions): Promise<FastifyInstance> {
  const app = fastify({
    logger: options.logger ?? false,
    serverFactory: createCleartextServer,
    // Push queries never end by themselves: closing the server must cut their connections.
    forceCloseConnections: true,
    // A request with `"ksql": null` or a number is malformed, not a statement to run.
    ajv: { customOptions: { coerceTypes: false, allowUnionTypes: true } },
  });
  registerErrorHandling(app);
  registerJsonBodies(app);
  const metrics = new PrometheusMetrics(engine);
  // On the root instance, so that it sees the requests of every route plugin.
  app.addHook('onResponse', async (request, reply) => {
    metrics.countRequest(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode);
  });
  await app.register(ksqlRoutes(engine));
  await app.register(queryRoutes(engine));
  await app.register(queryStreamRoutes(engine));
  await app.register(insertsStreamRoutes(engine));
  await app.register(closeQueryRoutes(engine));
  await app.register(infoRoutes(engine));
  await app.register(metricsRoutes(metrics));
  if (options.consoleDir !== undefined) await app.register(consoleRoutes(options.consoleDir));
  return app;
}

/**
 * Request bodies are JSON whatever their declared type: ksqlDB clients send
 * application/vnd.ksql.v1+json or application/json, and curl users often send neither.
 */
function registerJsonBodies(app: FastifyInstance): void {
  // HTTP/2 has no Content-Length or Transfer-Encoding to announce a body, so fastify would take
  // a POST without Content-Type as bodyless; giving it a type makes the body be read.
  app.addHook('onRequest', async (request) => {
    if (request.raw.httpVersionMajor === 2 && request.headers['content-type'] === undefined) {
      request.headers['content-type'] = PLAIN_JSON;
    }
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request: FastifyRequest, body: string | Buffer, done) => {
    const text = body.toString();
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(RestError.badRequest(`Invalid JSON in request: ${error instanceof Error ? error.message : String(error)}`), undefined);
    }
  });
}
