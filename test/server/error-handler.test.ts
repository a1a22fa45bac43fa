// Whatever a client sends, the answer is a ksqlDB-shaped 4xx, never a 500; only Squall bugs are 500s.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/server/index.js';
import { FakeEngine, FakeInsertSink } from './fake-engine.js';

const POST_ROUTES = ['/ksql', '/ksql/terminate', '/query', '/query-stream', '/inserts-stream', '/close-query'];

/** Bodies a careless or hostile client might send. */
const BAD_BODIES: ReadonlyArray<{ readonly contentType?: string; readonly payload: string }> = [
  { contentType: 'application/json', payload: '' },
  { contentType: 'application/json', payload: 'null' },
  { contentType: 'application/json', payload: '[]' },
  { contentType: 'application/json', payload: '"just a string"' },
  { contentType: 'application/json', payload: '{"ksql": {}, "sql": {"a": 1}, "queryId": {}}' },
  { contentType: 'application/json', payload: '{"ksql": null}' },
  { contentType: 'application/json', payload: '{"__proto__": {"ksql": "SHOW STREAMS;"}}' },
  { contentType: 'application/json', payload: '{"ksql":"SHOW STREAMS;","streamsProperties":"no","sessionVariables":[1]}' },
  { contentType: 'application/json', payload: '{{{{' },
  { contentType: 'application/vnd.ksql.v1+json', payload: '\u0000\u0001binary' },
  { contentType: 'not a media type', payload: '{"ksql":"SHOW STREAMS;"}' },
  { contentType: 'application/json', payload: `{"ksql":"${'x'.repeat(2_000_000)}"}` },
  { payload: '{"target":"NOPE"}\n{"A":1}' },
];

describe('error handling', () => {
  let server: FastifyInstance;

  beforeAll(async () => {
    const engine = new FakeEngine();
    engine.acceptInsertsInto('S', new FakeInsertSink());
    server = await buildServer(engine, {});
  });
  afterAll(async () => server.close());

  it('answers every malformed request with a 4xx ksqlDB error body', async () => {
    for (const url of POST_ROUTES) {
      for (const body of BAD_BODIES) {
        const headers = body.contentType === undefined ? {} : { 'content-type': body.contentType };
        const response = await server.inject({ method: 'POST', url, headers, payload: body.payload });
        const context = `${url} ${body.contentType ?? '(no type)'} ${body.payload.slice(0, 40)}`;
        expect(response.statusCode, context).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, context).toBeLessThan(500);
        const parsed: unknown = response.json();
        expect(parsed, context).toMatchObject({ '@type': expect.stringMatching(/^(generic|statement)_error$/), error_code: response.statusCode === 400 ? expect.any(Number) : response.statusCode * 100 });
      }
    }
  });

  it('maps a body over the size limit to 413 41300', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql', headers: { 'content-type': 'application/json' }, payload: `{"ksql":"${'x'.repeat(2_000_000)}"}` });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ '@type': 'generic_error', error_code: 41300 });
  });

  it('answers a method a route lacks with the plain 404', async () => {
    const response = await server.inject({ method: 'GET', url: '/ksql' });
    expect(response.statusCode).toBe(404);
    expect(response.body).toBe('Not Found');
  });
});
