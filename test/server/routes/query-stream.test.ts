// POST /query-stream: delimited by default, a JSON array, or /query's format, by Accept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { QueryColumn } from '../../../src/engine/api.js';
import { SquallError } from '../../../src/errors/index.js';
import { SqlTypes } from '../../../src/planner/types.js';
import { buildServer } from '../../../src/server/index.js';
import { FakeEngine, FakeQueryStream } from '../fake-engine.js';

const columns: QueryColumn[] = [
  { name: 'USERID', type: SqlTypes.STRING, isKey: false },
  { name: 'SCORES', type: SqlTypes.array(SqlTypes.decimal(4, 2)), isKey: false },
];

function pageviews(): FakeQueryStream {
  return new FakeQueryStream('q1', columns)
    .pushRows(['User_1', []])
    .push({ kind: 'tombstone', values: ['User_0', null] })
    .pushRows(['User_4', null])
    .finish('Limit Reached');
}

describe('POST /query-stream', () => {
  let engine: FakeEngine;
  let server: FastifyInstance;

  beforeEach(async () => {
    engine = new FakeEngine();
    server = await buildServer(engine, {});
  });
  afterEach(async () => server.close());

  it('writes metadata then one line per row by default, dropping tombstones', async () => {
    engine.answerQueriesWith(pageviews());
    const response = await server.inject({
      method: 'POST',
      url: '/query-stream',
      payload: { sql: 'SELECT * FROM PAGEVIEWS EMIT CHANGES LIMIT 2;', properties: { 'auto.offset.reset': 'earliest' }, sessionVariables: { v: '1' } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.ksqlapi.delimited.v1');
    expect(response.body).toBe(
      '{"queryId":"q1","columnNames":["USERID","SCORES"],"columnTypes":["STRING","ARRAY<DECIMAL(4, 2)>"]}\n["User_1",[]]\n["User_4",null]\n',
    );
    expect(engine.requests).toEqual([
      { sql: 'SELECT * FROM PAGEVIEWS EMIT CHANGES LIMIT 2;', properties: { 'auto.offset.reset': 'earliest' }, sessionVariables: { v: '1' } },
    ]);
  });

  it('writes one JSON array for application/json', async () => {
    engine.answerQueriesWith(pageviews());
    const response = await server.inject({ method: 'POST', url: '/query-stream', headers: { accept: 'application/json' }, payload: { sql: 'SELECT * FROM P;' } });
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toBe('[{"queryId":"q1","columnNames":["USERID","SCORES"],"columnTypes":["STRING","ARRAY<DECIMAL(4, 2)>"]},["User_1",[]],["User_4",null]]');
  });

  it('writes the /query StreamedRow array for application/vnd.ksql.v1+json', async () => {
    engine.answerQueriesWith(pageviews());
    const response = await server.inject({
      method: 'POST',
      url: '/query-stream',
      headers: { accept: 'application/vnd.ksql.v1+json' },
      payload: { sql: 'SELECT * FROM P;' },
    });
    expect(JSON.parse(response.body)).toEqual([
      { header: { queryId: 'q1', schema: '`USERID` STRING, `SCORES` ARRAY<DECIMAL(4, 2)>' } },
      { row: { columns: ['User_1', []] } },
      { row: { columns: ['User_0', null], tombstone: true } },
      { row: { columns: ['User_4', null] } },
      { finalMessage: 'Limit Reached' },
    ]);
  });

  it('picks the most preferred supported type of the Accept header', async () => {
    engine.answerQueriesWith(pageviews());
    const response = await server.inject({
      method: 'POST',
      url: '/query-stream',
      headers: { accept: 'application/xml, application/json;q=0.5, application/vnd.ksqlapi.delimited.v1;q=0.9' },
      payload: { sql: 'SELECT * FROM P;' },
    });
    expect(response.headers['content-type']).toBe('application/vnd.ksqlapi.delimited.v1');
  });

  it('writes an error line when the query fails while running', async () => {
    engine.answerQueriesWith(new FakeQueryStream('q1', columns).push({ kind: 'error', error: new SquallError('RUNTIME_ERROR', 'boom') }));
    const response = await server.inject({ method: 'POST', url: '/query-stream', payload: { sql: 'SELECT * FROM P EMIT CHANGES;' } });
    expect(response.body.split('\n')).toEqual([
      '{"queryId":"q1","columnNames":["USERID","SCORES"],"columnTypes":["STRING","ARRAY<DECIMAL(4, 2)>"]}',
      '{"@type":"generic_error","error_code":40000,"message":"boom"}',
      '',
    ]);
  });

  it('answers a query the engine refuses with 400 statement_error on the sql', async () => {
    engine.query = async () => {
      throw new SquallError('PARSE_ERROR', 'line 1:8: Syntax Error');
    };
    const response = await server.inject({ method: 'POST', url: '/query-stream', payload: { sql: 'SELECT FROM;' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ '@type': 'statement_error', error_code: 40001, statementText: 'SELECT FROM;' });
  });

  it('rejects arguments without sql with 400 40000', async () => {
    const response = await server.inject({ method: 'POST', url: '/query-stream', payload: { ksql: 'SELECT 1;' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 40000, message: "body must have required property 'sql'" });
  });
});
