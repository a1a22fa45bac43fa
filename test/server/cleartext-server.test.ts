// One listening port speaks HTTP/1.1 and cleartext HTTP/2; push queries stop when the client goes.
import http from 'node:http';
import http2 from 'node:http2';
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { QueryColumn } from '../../src/engine/api.js';
import { SqlTypes } from '../../src/planner/types.js';
import { buildServer, listen } from '../../src/server/index.js';
import { FakeEngine, FakeInsertSink, FakeQueryStream } from './fake-engine.js';

const columns: QueryColumn[] = [{ name: 'V', type: SqlTypes.BIGINT, isKey: false }];

/** Resolves once `condition` holds, polling; fails the test after a second. */
async function eventually(condition: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition never held');
}

describe('the listening server', () => {
  let engine: FakeEngine;
  let server: FastifyInstance;
  let address: string;

  beforeEach(async () => {
    engine = new FakeEngine();
    server = await buildServer(engine, {});
    address = await listen(server, { host: '127.0.0.1', port: 0 });
  });
  afterEach(async () => server.close());

  it('answers HTTP/1.1 requests', async () => {
    const response = await fetch(`${address}/info`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ KsqlServerInfo: { ksqlServiceId: 'default_' } });
  });

  it('survives connections that stop before saying which protocol they speak', async () => {
    const { port } = new URL(address);
    for (const opening of ['', 'PRI * HT', 'P', 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\nnot frames at all', 'GARBAGE\r\n\r\n']) {
      const socket = net.connect(Number(port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.resume();
      socket.end(opening);
      await new Promise((resolve) => socket.once('close', resolve));
    }
    expect((await fetch(`${address}/healthcheck`)).status).toBe(200);
  });

  it('streams /query-stream over cleartext HTTP/2 on the same port', async () => {
    engine.answerQueriesWith(new FakeQueryStream('q', columns).pushRows([1n], [2n]).finish('Limit Reached'));
    const client = http2.connect(address);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/query-stream', 'content-type': 'application/json' });
      stream.end(JSON.stringify({ sql: 'SELECT V FROM S EMIT CHANGES LIMIT 2;' }));
      const [headers, body] = await Promise.all([
        new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('response', resolve)),
        readAll(stream),
      ]);
      expect(headers[':status']).toBe(200);
      expect(headers['content-type']).toBe('application/vnd.ksqlapi.delimited.v1');
      expect(body).toBe('{"queryId":"q","columnNames":["V"],"columnTypes":["BIGINT"]}\n[1]\n[2]\n');
    } finally {
      client.close();
    }
  });

  it('answers HTTP/2 errors with the same ksqlDB bodies', async () => {
    const client = http2.connect(address);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/close-query', 'content-type': 'application/json' });
      stream.end('{"queryId":"nope"}');
      const [headers, body] = await Promise.all([new Promise<http2.IncomingHttpHeaders>((resolve) => stream.once('response', resolve)), readAll(stream)]);
      expect(headers[':status']).toBe(400);
      expect(JSON.parse(body)).toEqual({ '@type': 'generic_error', error_code: 40000, message: 'No query with id nope' });
    } finally {
      client.close();
    }
  });

  it('writes push query rows as they arrive and closes the query when an HTTP/1.1 client disconnects', async () => {
    const query = new FakeQueryStream('push', columns);
    engine.answerQueriesWith(query);
    const request = http.request(`${address}/query`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    request.end(JSON.stringify({ ksql: 'SELECT V FROM S EMIT CHANGES;' }));
    const response = await new Promise<http.IncomingMessage>((resolve) => request.once('response', resolve));
    let received = '';
    response.on('data', (chunk: Buffer) => {
      received += chunk.toString();
    });
    response.on('error', () => undefined);
    await eventually(() => received.startsWith('[{"header"'));
    query.pushRows([7n]);
    await eventually(() => received.endsWith('{"row":{"columns":[7]}}'));
    expect(query.isClosed).toBe(false);
    request.destroy();
    await eventually(() => query.isClosed);
  });

  it('closes the query when an HTTP/2 client cancels the stream', async () => {
    const query = new FakeQueryStream('push', columns);
    engine.answerQueriesWith(query);
    const client = http2.connect(address);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/query-stream' });
      stream.end(JSON.stringify({ sql: 'SELECT V FROM S EMIT CHANGES;' }));
      let received = '';
      stream.on('data', (chunk: Buffer) => {
        received += chunk.toString();
      });
      await eventually(() => received.includes('"queryId":"push"'));
      stream.close(http2.constants.NGHTTP2_CANCEL);
      await eventually(() => query.isClosed);
    } finally {
      client.close();
    }
  });

  it('acknowledges inserts over HTTP/2 while the client is still sending', async () => {
    const sink = new FakeInsertSink();
    engine.acceptInsertsInto('S', sink);
    const client = http2.connect(address);
    try {
      const stream = client.request({ ':method': 'POST', ':path': '/inserts-stream' });
      let received = '';
      stream.on('data', (chunk: Buffer) => {
        received += chunk.toString();
      });
      stream.write('{"target":"S"}\n{"V":1}\n');
      await eventually(() => received === '{"status":"ok","seq":0}\n');
      stream.end('{"V":2}\n');
      await new Promise((resolve) => stream.once('end', resolve));
      expect(received).toBe('{"status":"ok","seq":0}\n{"status":"ok","seq":1}\n');
      expect(sink.rows).toEqual([{ V: 1 }, { V: 2 }]);
    } finally {
      client.close();
    }
  });

  it('closes a query whose client left while it was starting', async () => {
    const query = new FakeQueryStream('late', columns);
    let clientLeft: () => void = () => undefined;
    const left = new Promise<void>((resolve) => {
      clientLeft = resolve;
    });
    engine.query = async () => {
      await left;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return query;
    };
    const request = http.request(`${address}/query`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    request.on('error', () => undefined);
    request.end(JSON.stringify({ ksql: 'SELECT V FROM S EMIT CHANGES;' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    request.destroy();
    clientLeft();
    await eventually(() => query.isClosed);
  });

  it('streams a result far larger than the socket buffers, waiting for the client to drain them', async () => {
    const rowCount = 50_000;
    const query = new FakeQueryStream('big', [{ name: 'TEXT', type: SqlTypes.STRING, isKey: false }], true);
    for (let index = 0; index < rowCount; index += 1) query.pushRows([`row ${index} ${'x'.repeat(80)}`]);
    engine.answerQueriesWith(query.finish());
    const response = await fetch(`${address}/query-stream`, { method: 'POST', body: JSON.stringify({ sql: 'SELECT * FROM T;' }) });
    const lines = (await response.text()).split('\n');
    expect(lines).toHaveLength(rowCount + 2);
    expect(lines[rowCount]).toBe(`["row ${rowCount - 1} ${'x'.repeat(80)}"]`);
  });

  it('closes while a push query is still streaming', async () => {
    const query = new FakeQueryStream('push', columns);
    engine.answerQueriesWith(query);
    const client = http2.connect(address);
    client.on('error', () => undefined);
    const stream = client.request({ ':method': 'POST', ':path': '/query-stream' });
    stream.on('error', () => undefined);
    stream.end(JSON.stringify({ sql: 'SELECT V FROM S EMIT CHANGES;' }));
    await new Promise((resolve) => stream.once('response', resolve));
    await server.close();
    expect(query.isClosed).toBe(true);
    client.destroy();
  });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) text += chunk.toString();
  return text;
}
