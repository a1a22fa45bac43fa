// POST /inserts-stream: a target line, then NDJSON rows, each acknowledged in order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { SquallError } from '../../../src/errors/index.js';
import { buildServer } from '../../../src/server/index.js';
import { FakeEngine, FakeInsertSink } from '../fake-engine.js';

describe('POST /inserts-stream', () => {
  let engine: FakeEngine;
  let sink: FakeInsertSink;
  let server: FastifyInstance;

  beforeEach(async () => {
    engine = new FakeEngine();
    sink = new FakeInsertSink();
    engine.acceptInsertsInto('PAGEVIEWS', sink);
    server = await buildServer(engine, {});
  });
  afterEach(async () => server.close());

  function insert(body: string, accept?: string): Promise<LightMyRequestResponse> {
    return server.inject({
      method: 'POST',
      url: '/inserts-stream',
      headers: { 'content-type': 'application/vnd.ksqlapi.delimited.v1', ...(accept === undefined ? {} : { accept }) },
      payload: body,
    });
  }

  it('inserts each row and acknowledges it on its own line', async () => {
    const response = await insert('{"target":"pageviews","properties":{}}\n{"USERID":"u1","V":2.5}\n\n{"USERID":"u2","V":3}\n');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.ksqlapi.delimited.v1');
    expect(response.body).toBe('{"status":"ok","seq":0}\n{"status":"ok","seq":1}\n');
    expect(engine.insertTargets).toEqual(['pageviews']);
    expect(sink.rows).toEqual([
      { USERID: 'u1', V: 2.5 },
      { USERID: 'u2', V: 3 },
    ]);
    expect(sink.closed).toBe(true);
  });

  it('keeps numbers a double would round exact', async () => {
    await insert('{"target":"PAGEVIEWS"}\n{"BIG":9007199254740993,"DEC":12345678901234567.891}');
    expect(sink.rows).toEqual([{ BIG: '9007199254740993', DEC: '12345678901234567.891' }]);
  });

  it('acknowledges as one JSON array for application/json', async () => {
    const response = await insert('{"target":"PAGEVIEWS"}\n{"A":1}\n{"A":2}', 'application/json');
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.body).toBe('[{"status":"ok","seq":0},{"status":"ok","seq":1}]');
  });

  it('answers [] in JSON when no rows were sent', async () => {
    const response = await insert('{"target":"PAGEVIEWS"}\n', 'application/json');
    expect(response.body).toBe('[]');
    expect(sink.closed).toBe(true);
  });

  it('acknowledges a row the engine rejects with an error and goes on', async () => {
    sink.reject = (row) => (row.A === 'x' ? new SquallError('PLAN_ERROR', "Can't coerce a field of type STRING into type INTEGER") : undefined);
    const response = await insert('{"target":"PAGEVIEWS"}\n{"A":1}\n{"A":"x"}\n{"A":3}\n');
    expect(response.body.split('\n')).toEqual([
      '{"status":"ok","seq":0}',
      '{"@type":"generic_error","status":"error","seq":1,"error_code":40000,"message":"Can\'t coerce a field of type STRING into type INTEGER"}',
      '{"status":"ok","seq":2}',
      '',
    ]);
    expect(sink.rows).toEqual([{ A: 1 }, { A: 3 }]);
  });

  it('ends the stream at a row that is not JSON', async () => {
    const response = await insert('{"target":"PAGEVIEWS"}\n{"A":1}\n{"A": oops}\n{"A":3}\n');
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe(
      '{"status":"ok","seq":0}\n{"@type":"generic_error","status":"error","seq":1,"error_code":40000,"message":"Invalid JSON in inserts stream"}\n',
    );
    expect(sink.rows).toEqual([{ A: 1 }]);
    expect(sink.closed).toBe(true);
  });

  it('treats a JSON value that is not an object as an invalid row', async () => {
    const response = await insert('{"target":"PAGEVIEWS"}\n[1,2]\n', 'application/json');
    expect(response.body).toBe('[{"@type":"generic_error","status":"error","seq":0,"error_code":40000,"message":"Invalid JSON in inserts stream"}]');
  });

  it('rejects an unknown target with 400 generic_error before streaming', async () => {
    const response = await insert('{"target":"NOPE"}\n{"A":1}\n');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ '@type': 'generic_error', error_code: 40000, message: 'Cannot insert into an unknown stream: NOPE' });
  });

  it.each([
    ['an empty body', ''],
    ['bad JSON arguments', '{"target": \n{"A":1}'],
    ['arguments without a target', '{"properties":{}}\n{"A":1}'],
  ])('rejects %s with 400 40000', async (_case, body) => {
    const response = await insert(body);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ '@type': 'generic_error', error_code: 40000 });
    expect(engine.insertTargets).toEqual([]);
  });
});
