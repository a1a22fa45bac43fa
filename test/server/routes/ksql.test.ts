// POST /ksql: entities for statements, and every way a request or statement can be refused.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { StatementError, type KsqlEntity } from '../../../src/engine/api.js';
import { SquallError } from '../../../src/errors/index.js';
import { ParseError } from '../../../src/parser/errors.js';
import { buildServer } from '../../../src/server/index.js';
import { FakeEngine } from '../fake-engine.js';

const KSQL_JSON = 'application/vnd.ksql.v1+json';

const created: KsqlEntity = {
  '@type': 'currentStatus',
  statementText: 'CREATE STREAM S (K STRING KEY, V INT) WITH (kafka_topic=\'s\', value_format=\'JSON\');',
  commandId: 'stream/S/create',
  commandStatus: { status: 'SUCCESS', message: 'Stream created', queryId: null },
  commandSequenceNumber: 2n,
  warnings: [],
};

describe('POST /ksql', () => {
  let engine: FakeEngine;
  let server: FastifyInstance;

  beforeEach(async () => {
    engine = new FakeEngine();
    server = await buildServer(engine, {});
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
  });

  it('answers with the engine entities, in ksqlDB JSON', async () => {
    engine.execute = async (request) => {
      engine.requests.push(request);
      return [created];
    };
    const response = await server.inject({
      method: 'POST',
      url: '/ksql',
      headers: { 'content-type': KSQL_JSON, accept: KSQL_JSON },
      payload: {
        ksql: created.statementText,
        streamsProperties: { 'auto.offset.reset': 'earliest' },
        sessionVariables: { a: 'b', n: 5, flag: true },
        commandSequenceNumber: 1,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vnd\.ksql\.v1\+json\b/);
    expect(response.json()).toEqual([{ ...created, commandSequenceNumber: 2 }]);
    expect(engine.requests).toEqual([
      { sql: created.statementText, properties: { 'auto.offset.reset': 'earliest' }, sessionVariables: { a: 'b', n: '5', flag: 'true' } },
    ]);
  });

  it('answers application/json to a client that sent plain JSON', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql: 'SHOW STREAMS;' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/json\b/);
    expect(response.body).toBe('[]');
  });

  it('accepts a body sent with no JSON content type', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql', headers: { 'content-type': 'text/plain' }, payload: '{"ksql":"SHOW TABLES;"}' });
    expect(response.statusCode).toBe(200);
    expect(engine.requests.map((request) => request.sql)).toEqual(['SHOW TABLES;']);
  });

  it('rejects malformed JSON with 400 generic_error 40000', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql', headers: { 'content-type': KSQL_JSON }, payload: '{"ksql": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ '@type': 'generic_error', error_code: 40000 });
    expect(response.json<{ message: string }>().message).toMatch(/^Invalid JSON in request: /);
    expect(engine.requests).toEqual([]);
  });

  it('rejects a request without the ksql field with 400 40000', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { streamsProperties: {} } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 40000, message: "body must have required property 'ksql'" });
  });

  it('rejects an empty body with 400 40000', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ '@type': 'generic_error', error_code: 40000 });
  });

  it('renders a StatementError as 400 statement_error 40001 with the entities already executed', async () => {
    const failing = 'CREATE STREAM S (K STRING KEY) WITH (kafka_topic=\'s\', value_format=\'JSON\');';
    engine.execute = async () => {
      throw new StatementError(new SquallError('ALREADY_EXISTS', 'Cannot add stream \'S\': A stream with the same name already exists'), failing, [created]);
    };
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql: `${created.statementText} ${failing}` } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      '@type': 'statement_error',
      error_code: 40001,
      message: "Cannot add stream 'S': A stream with the same name already exists",
      statementText: failing,
      entities: [{ ...created, commandSequenceNumber: 2 }],
    });
  });

  it('renders a bare SquallError as a statement_error on the request text', async () => {
    engine.execute = async () => {
      throw new ParseError("line 1:1: Syntax Error\nmismatched input 'SELEC'");
    };
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql: 'SELEC 1;' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      '@type': 'statement_error',
      error_code: 40001,
      message: "line 1:1: Syntax Error\nmismatched input 'SELEC'",
      statementText: 'SELEC 1;',
      entities: [],
    });
  });

  it.each([
    ['SELECT * FROM S EMIT CHANGES;'],
    ['  select 1 from t;'],
    ['-- a comment\n/* and another */ PRINT \'topic\';'],
  ])('refuses the query %j with 40002 and ksqlDB message', async (ksql) => {
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      '@type': 'statement_error',
      error_code: 40002,
      message: "The following statement types should be issued to the websocket endpoint '/query':\n\t* PRINT\n\t* SELECT",
      statementText: ksql,
      entities: [],
    });
    expect(engine.requests).toEqual([]);
  });

  it('does not mistake an identifier starting with SELECT for a query', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql: 'DESCRIBE SELECTIONS;' } });
    expect(response.statusCode).toBe(200);
  });

  it('refuses /ksql/terminate with 400', async () => {
    const response = await server.inject({ method: 'POST', url: '/ksql/terminate', payload: { deleteTopicList: [] } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ '@type': 'generic_error', error_code: 40000 });
  });

  it('answers an engine bug with 500 generic_error 50000 and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bug = new TypeError('cannot read properties of undefined');
    engine.execute = async () => {
      throw bug;
    };
    const response = await server.inject({ method: 'POST', url: '/ksql', payload: { ksql: 'SHOW STREAMS;' } });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 50000, message: 'cannot read properties of undefined' });
    expect(logged).toHaveBeenCalledWith('squall: POST /ksql failed:', bug);
  });
});
