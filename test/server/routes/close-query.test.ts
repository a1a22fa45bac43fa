// POST /close-query: stops a running push query by id.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../src/server/index.js';
import { FakeEngine, FakeQueryStream } from '../fake-engine.js';

describe('POST /close-query', () => {
  let engine: FakeEngine;
  let server: FastifyInstance;

  beforeEach(async () => {
    engine = new FakeEngine();
    server = await buildServer(engine, {});
  });
  afterEach(async () => server.close());

  it('closes a running query and answers 200 with an empty body', async () => {
    const query = new FakeQueryStream('transient_S_1', []);
    engine.runningQueries.set(query.queryId, query);
    const response = await server.inject({ method: 'POST', url: '/close-query', payload: { queryId: 'transient_S_1' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
    expect(query.isClosed).toBe(true);
  });

  it('answers an unknown id with 400 40000', async () => {
    const response = await server.inject({ method: 'POST', url: '/close-query', payload: { queryId: 'nope' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 40000, message: 'No query with id nope' });
  });

  it('rejects a request without queryId with 400 40000', async () => {
    const response = await server.inject({ method: 'POST', url: '/close-query', payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ '@type': 'generic_error', error_code: 40000 });
  });
});
