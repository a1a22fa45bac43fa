// POST /query: the StreamedRow array (header, rows, final message) and its errors.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { QueryColumn } from '../../../src/engine/api.js';
import { Decimal } from '../../../src/planner/decimal.js';
import { SquallError } from '../../../src/errors/index.js';
import { SqlTypes } from '../../../src/planner/types.js';
import { buildServer } from '../../../src/server/index.js';
import { FakeEngine, FakeQueryStream } from '../fake-engine.js';

const pushColumns: QueryColumn[] = [
  { name: 'K', type: SqlTypes.STRING, isKey: false },
  { name: 'ID', type: SqlTypes.INTEGER, isKey: false },
];

describe('POST /query', () => {
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

  it('streams a push query header, rows and the LIMIT final message', async () => {
    const query = new FakeQueryStream('transient_INPUT_1', pushColumns).pushRows(['11', 1], ['12', 2]).finish('Limit Reached');
    engine.answerQueriesWith(query);
    const response = await server.inject({
      method: 'POST',
      url: '/query',
      headers: { accept: 'application/vnd.ksql.v1+json' },
      payload: { ksql: 'SELECT K, ID FROM INPUT EMIT CHANGES LIMIT 2;', streamsProperties: { 'ksql.streams.auto.offset.reset': 'earliest' } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.ksql.v1+json');
    expect(response.body).toBe(
      '[{"header":{"queryId":"transient_INPUT_1","schema":"`K` STRING, `ID` INTEGER"}},\n' +
        '{"row":{"columns":["11",1]}},\n' +
        '{"row":{"columns":["12",2]}},\n' +
        '{"finalMessage":"Limit Reached"}]',
    );
    expect(engine.requests).toEqual([
      { sql: 'SELECT K, ID FROM INPUT EMIT CHANGES LIMIT 2;', properties: { 'ksql.streams.auto.offset.reset': 'earliest' }, sessionVariables: {} },
    ]);
    expect(query.isClosed).toBe(true);
  });

  it('marks pull query key columns and ends the array without a final message', async () => {
    const columns: QueryColumn[] = [
      { name: 'ID', type: SqlTypes.STRING, isKey: true },
      { name: 'COUNT', type: SqlTypes.BIGINT, isKey: false },
    ];
    engine.answerQueriesWith(new FakeQueryStream('query_1', columns, true).pushRows(['a', 9007199254740993n]).finish());
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: "SELECT * FROM T WHERE ID='a';" } });
    expect(response.body).toBe('[{"header":{"queryId":"query_1","schema":"`ID` STRING KEY, `COUNT` BIGINT"}},\n{"row":{"columns":["a",9007199254740993]}}]');
  });

  it('renders typed values the ksqlDB way', async () => {
    const columns: QueryColumn[] = [
      { name: 'TS', type: SqlTypes.TIMESTAMP, isKey: false },
      { name: 'D', type: SqlTypes.decimal(4, 2), isKey: false },
      { name: 'M', type: SqlTypes.map(SqlTypes.STRING, SqlTypes.DOUBLE), isKey: false },
    ];
    engine.answerQueriesWith(
      new FakeQueryStream('q', columns).pushRows([1577853634789, new Decimal(1050n, 2), new Map([['x', 1]])]).finish('Query Completed'),
    );
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: 'SELECT * FROM S EMIT CHANGES;' } });
    expect(response.body.split(',\n')[1]).toBe('{"row":{"columns":["2020-01-01T04:40:34.789",10.50,{"x":1.0}]}}');
    expect(response.body.endsWith(',\n{"finalMessage":"Query Completed"}]')).toBe(true);
  });

  it('writes table deletes as tombstone rows', async () => {
    engine.answerQueriesWith(new FakeQueryStream('q', pushColumns).push({ kind: 'tombstone', values: ['k', null] }).finish());
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: 'SELECT * FROM T EMIT CHANGES;' } });
    expect(response.body.split(',\n')[1]).toBe('{"row":{"columns":["k",null],"tombstone":true}}]');
  });

  it('ends the array with an errorMessage when the query fails while running', async () => {
    const query = new FakeQueryStream('q', pushColumns).pushRows(['a', 1]).push({ kind: 'error', error: new SquallError('RUNTIME_ERROR', 'store is gone') });
    engine.answerQueriesWith(query);
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: 'SELECT * FROM S EMIT CHANGES;' } });
    expect(response.statusCode).toBe(200);
    expect(response.body.split(',\n').slice(2)).toEqual(['{"errorMessage":{"@type":"generic_error","error_code":40000,"message":"store is gone"}}]']);
    expect(JSON.parse(response.body)).toHaveLength(3);
    expect(query.isClosed).toBe(true);
  });

  it('ends the array with a 50000 errorMessage when the engine breaks mid-stream, and logs it', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    let closed = false;
    engine.query = async () => ({
      queryId: 'q',
      isPull: false,
      columns: pushColumns,
      events: (async function* () {
        yield { kind: 'row' as const, values: ['a', 1] };
        throw new Error('task crashed');
      })(),
      finalMessage: () => undefined,
      close: () => {
        closed = true;
      },
    });
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: 'SELECT * FROM S EMIT CHANGES;' } });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual([
      { header: { queryId: 'q', schema: '`K` STRING, `ID` INTEGER' } },
      { row: { columns: ['a', 1] } },
      { errorMessage: { '@type': 'generic_error', error_code: 50000, message: 'task crashed' } },
    ]);
    expect(closed).toBe(true);
    expect(logged).toHaveBeenCalledWith('squall: POST /query failed:', expect.objectContaining({ message: 'task crashed' }));
  });

  it('gives the delimited format when asked for it', async () => {
    engine.answerQueriesWith(new FakeQueryStream('q', pushColumns).pushRows(['a', 1]).finish('Limit Reached'));
    const response = await server.inject({
      method: 'POST',
      url: '/query',
      headers: { accept: 'application/vnd.ksqlapi.delimited.v1' },
      payload: { ksql: 'SELECT * FROM S EMIT CHANGES LIMIT 1;' },
    });
    expect(response.headers['content-type']).toBe('application/vnd.ksqlapi.delimited.v1');
    expect(response.body).toBe('{"queryId":"q","columnNames":["K","ID"],"columnTypes":["STRING","INTEGER"]}\n["a",1]\n');
  });

  it('gives rows as Protobuf messages, with their .proto in the header, when asked for application/vnd.ksql.v1+protobuf', async () => {
    const columns: QueryColumn[] = [
      { name: 'ID', type: SqlTypes.STRING, isKey: true },
      { name: 'COUNT', type: SqlTypes.BIGINT, isKey: false },
    ];
    engine.answerQueriesWith(new FakeQueryStream('query_1', columns, true).pushRows(['a', 3n]).finish());
    const response = await server.inject({
      method: 'POST',
      url: '/query',
      headers: { accept: 'application/vnd.ksql.v1+protobuf' },
      payload: { ksql: "SELECT * FROM T WHERE ID='a';" },
    });
    expect(response.headers['content-type']).toBe('application/vnd.ksql.v1+protobuf');
    const protoSchema = 'syntax = \\"proto3\\";\\n\\nmessage ConnectDefault1 {\\n  string ID = 1;\\n  int64 COUNT = 2;\\n}\\n';
    // ID = "a" (field 1, length 1), COUNT = 3 (field 2, varint).
    const bytes = Buffer.from([0x0a, 1, 0x61, 0x10, 3]).toString('base64');
    expect(response.body).toBe(`[{"header":{"queryId":"query_1","schema":"\`ID\` STRING KEY, \`COUNT\` BIGINT","protoSchema":"${protoSchema}"}},\n{"row":{"protobufBytes":"${bytes}"}}]`);
  });

  it('answers a query the engine cannot start with 400 statement_error', async () => {
    engine.query = async () => {
      throw new SquallError('NOT_FOUND', "SELECT column 'NOPE' cannot be resolved.");
    };
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: 'SELECT NOPE FROM S EMIT CHANGES;' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      '@type': 'statement_error',
      error_code: 40001,
      message: "SELECT column 'NOPE' cannot be resolved.",
      statementText: 'SELECT NOPE FROM S EMIT CHANGES;',
      entities: [],
    });
  });

  it('rejects a request without ksql with 400 40000', async () => {
    const response = await server.inject({ method: 'POST', url: '/query', payload: { sql: 'SELECT 1;' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ '@type': 'generic_error', error_code: 40000 });
  });
});
