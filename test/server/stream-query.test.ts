// A push query that fails while streaming ends its HTTP response with an error frame, on both
// query endpoints, instead of leaving the client waiting: the engine over a Log whose polls fail.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Engine } from '../../src/engine/index.js';
import { LogUnavailableError } from '../../src/runtime/index.js';
import { buildServer } from '../../src/server/index.js';
import { FailingPollLog } from '../engine/failing-poll-log.js';

const PUSH_QUERY = { 'auto.offset.reset': 'earliest' };

describe('a push query whose consumer fails', () => {
  let log: FailingPollLog;
  let engine: Engine;
  let server: FastifyInstance;

  beforeEach(async () => {
    log = new FailingPollLog({ autoCreateTopics: true });
    engine = new Engine(log, { serviceId: 'test_', guarantee: 'exactly_once_v2', properties: {}, background: true, kafkaClusterId: 'memory' });
    await engine.start();
    await engine.execute({ sql: "CREATE STREAM RIDES (ID STRING KEY, FARE DOUBLE) WITH (KAFKA_TOPIC='rides', VALUE_FORMAT='JSON', PARTITIONS=1);" });
    server = await buildServer(engine, {});
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await server.close();
    await engine.close();
  });

  it('ends the delimited /query-stream response with a generic_error line, and logs the bug', { timeout: 1000 }, async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failure = new Error('poll failed: segment missing');
    log.failPolls(failure);
    const response = await server.inject({ method: 'POST', url: '/query-stream', payload: { sql: 'SELECT ID FROM RIDES EMIT CHANGES;', properties: PUSH_QUERY } });
    expect(response.statusCode).toBe(200);
    const [metadata, error, end] = response.body.split('\n');
    expect(JSON.parse(metadata!)).toMatchObject({ columnNames: ['ID'] });
    expect(JSON.parse(error!)).toEqual({ '@type': 'generic_error', error_code: 50000, message: 'poll failed: segment missing' });
    expect(end).toBe('');
    expect(logged).toHaveBeenCalledWith('squall: POST /query-stream failed:', failure);
  });

  it('ends the /query array with an errorMessage element', { timeout: 1000 }, async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    log.failPolls(new Error('poll failed: segment missing'));
    const response = await server.inject({ method: 'POST', url: '/query', payload: { ksql: 'SELECT ID FROM RIDES EMIT CHANGES;', streamsProperties: PUSH_QUERY } });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual([
      { header: { queryId: expect.any(String), schema: '`ID` STRING' } },
      { errorMessage: { '@type': 'generic_error', error_code: 50000, message: 'poll failed: segment missing' } },
    ]);
  });

  it('says Kafka is unavailable when that is why the query failed', { timeout: 1000 }, async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    log.failPolls(new LogUnavailableError('fetch from rides-0 timed out'));
    const response = await server.inject({ method: 'POST', url: '/query-stream', payload: { sql: 'SELECT ID FROM RIDES EMIT CHANGES;', properties: PUSH_QUERY } });
    expect(JSON.parse(response.body.split('\n')[1]!)).toEqual({
      '@type': 'generic_error',
      error_code: 50300,
      message: 'Kafka is unavailable: fetch from rides-0 timed out',
    });
    expect(logged).not.toHaveBeenCalled();
  });
});
