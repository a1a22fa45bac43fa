// GET /info, /healthcheck, /status, /clusterStatus, the container probes and the / redirect.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/server/index.js';
import { FakeEngine } from '../fake-engine.js';

describe('server information routes', () => {
  let engine: FakeEngine;
  let server: FastifyInstance;

  beforeEach(async () => {
    engine = new FakeEngine();
    engine.statuses = { 'stream/PAGEVIEWS/create': { status: 'SUCCESS', message: 'Stream created', queryId: null } };
    server = await buildServer(engine, {});
  });
  afterEach(async () => server.close());

  it('GET /info wraps the server info in KsqlServerInfo', async () => {
    const response = await server.inject({ method: 'GET', url: '/info' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      KsqlServerInfo: { version: '0.1.0', kafkaClusterId: 'cluster-1', ksqlServiceId: 'default_', serverStatus: 'RUNNING' },
    });
  });

  it('GET / redirects to /info', async () => {
    const response = await server.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/info');
  });

  it('GET /healthcheck is 200 when healthy and 503 when not', async () => {
    const healthy = await server.inject({ method: 'GET', url: '/healthcheck' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toMatchObject({ isHealthy: true, serverState: 'READY' });
    engine.healthy = false;
    const unhealthy = await server.inject({ method: 'GET', url: '/healthcheck' });
    expect(unhealthy.statusCode).toBe(503);
    expect(unhealthy.json()).toMatchObject({ isHealthy: false, details: { kafka: { isHealthy: false } } });
  });

  it('GET /status lists every command status', async () => {
    const response = await server.inject({ method: 'GET', url: '/status' });
    expect(response.json()).toEqual({ commandStatuses: { 'stream/PAGEVIEWS/create': 'SUCCESS' } });
  });

  it('GET /status/:type/:entity/:action gives one command status', async () => {
    const response = await server.inject({ method: 'GET', url: '/status/stream/PAGEVIEWS/create' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'SUCCESS', message: 'Stream created', queryId: null });
  });

  it('GET /status of an unknown command is 404 40400', async () => {
    const response = await server.inject({ method: 'GET', url: '/status/stream/NOPE/create' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 40400, message: 'Command not found' });
  });

  it('GET /clusterStatus reports this host alive', async () => {
    const response = await server.inject({ method: 'GET', url: '/clusterStatus', headers: { host: 'localhost:8088' } });
    expect(response.json()).toMatchObject({ clusterStatus: { 'localhost:8088': { hostAlive: true, activeStandbyPerQuery: {} } } });
  });

  it('GET /chc/live is 200; /chc/ready follows the server state', async () => {
    expect((await server.inject({ method: 'GET', url: '/chc/live' })).statusCode).toBe(200);
    expect((await server.inject({ method: 'GET', url: '/chc/ready' })).statusCode).toBe(200);
    engine.healthy = false;
    expect((await server.inject({ method: 'GET', url: '/chc/ready' })).statusCode).toBe(503);
  });

  it('answers an unknown route with a plain 404 Not Found', async () => {
    const response = await server.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    expect(response.body).toBe('Not Found');
  });
});
