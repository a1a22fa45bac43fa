// GET /metrics: Prometheus' text format, for a Prometheus server to scrape.
import type { FastifyPluginAsync } from 'fastify';
import type { PrometheusMetrics } from '../prometheus-metrics.js';

export function metricsRoutes(metrics: PrometheusMetrics): FastifyPluginAsync {
  return async (app) => {
    app.get('/metrics', async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()));
  };
}
