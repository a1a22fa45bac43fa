// Whatever a client sends, the answer is a ksqlDB-shaped 4xx, never a 500; Kafka being
// unavailable is a 503, and only Squall bugs are 500s.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { StatementError, type KsqlEntity } from '../../src/engine/api.js';
import { SquallError } from '../../src/errors/index.js';
import { LogUnavailableError } from '../../src/runtime/index.js';
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

describe('status by cause', () => {
  const created: KsqlEntity = { '@type': 'currentStatus', statementText: 'CREATE STREAM A (K INT KEY) WITH (...);', warnings: [] };
  const failing = 'CREATE STREAM B AS SELECT * FROM A;';
  const ksql = `${created.statementText} ${failing}`;
  /** Kafka's failure as the engine meets it: wrapped by whatever was being done. */
  const unavailable = new Error('creating topic B failed', { cause: new LogUnavailableError('metadata request timed out') });
  let engine: FakeEngine;
  let server: FastifyInstance;
  let logged: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    engine = new FakeEngine();
    server = await buildServer(engine, {});
    logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  function failStatementWith(cause: unknown): void {
    engine.execute = async () => {
      throw new StatementError(cause, failing, [created]);
    };
  }

  it('answers a statement at fault with 400 statement_error, with the entities already executed', async () => {
    failStatementWith(new SquallError('NOT_FOUND', 'A stream or table named A does not exist'));
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ '@type': 'statement_error', error_code: 40001, message: 'A stream or table named A does not exist', statementText: failing, entities: [created] });
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers a statement that Kafka being unavailable failed with 503, with the entities already executed', async () => {
    failStatementWith(unavailable);
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql } });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      '@type': 'statement_error',
      error_code: 50300,
      message: 'Kafka is unavailable: creating topic B failed',
      statementText: failing,
      entities: [created],
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it('answers a statement that a bug failed with 500, with the entities already executed, and logs the bug', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'topic')");
    failStatementWith(bug);
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ '@type': 'statement_error', error_code: 50000, message: bug.message, statementText: failing, entities: [created] });
    expect(logged).toHaveBeenCalledWith('squall: POST /ksql failed:', bug);
  });

  it('answers a query Kafka being unavailable keeps from starting with 503 generic_error', async () => {
    engine.query = async () => {
      throw unavailable;
    };
    const response = await server.inject({ method: 'POST', url: '/query-stream', payload: { sql: 'SELECT * FROM A EMIT CHANGES;' } });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 50300, message: 'Kafka is unavailable: creating topic B failed' });
  });

  it('answers a query a bug keeps from starting with 500 generic_error, and logs the bug', async () => {
    const bug = new RangeError('Invalid array length');
    engine.query = async () => {
      throw bug;
    };
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: 'SELECT * FROM A EMIT CHANGES;' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 50000, message: 'Invalid array length' });
    expect(logged).toHaveBeenCalledWith('squall: POST /query failed:', bug);
  });

  it('acknowledges a row that Kafka being unavailable kept out with a 50300 error ack', async () => {
    const sink = new FakeInsertSink();
    sink.reject = () => new LogUnavailableError('produce to a timed out');
    engine.acceptInsertsInto('A', sink);
    const response = await server.inject({ method: 'POST', url: '/inserts-stream', payload: '{"target":"A"}\n{"K":1}\n' });
    expect(response.body).toBe('{"@type":"generic_error","status":"error","seq":0,"error_code":50300,"message":"Kafka is unavailable: produce to a timed out"}\n');
  });
});
