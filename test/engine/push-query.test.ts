// Push queries: a query whose consumer fails ends its events with the failure, instead of leaving
// the client waiting for rows that will never come.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/index.js';
import { FailingPollLog } from './failing-poll-log.js';

describe('push query', () => {
  it('ends its events with the error its consumer failed with, and is no longer running', async () => {
    const log = new FailingPollLog({ autoCreateTopics: true });
    const engine = new Engine(log, { serviceId: 'test_', guarantee: 'exactly_once_v2', properties: {}, background: true, kafkaClusterId: 'memory' });
    await engine.start();
    await engine.execute({
      sql: "CREATE STREAM RIDES (ID STRING KEY, FARE DOUBLE) WITH (KAFKA_TOPIC='rides', VALUE_FORMAT='JSON', PARTITIONS=1); INSERT INTO RIDES (ID, FARE) VALUES ('a', 1.0);",
    });
    const query = await engine.query({ sql: 'SELECT ID FROM RIDES EMIT CHANGES;', properties: { 'auto.offset.reset': 'earliest' } });
    const events = query.events[Symbol.asyncIterator]();
    expect(await events.next()).toEqual({ done: false, value: { kind: 'row', values: ['a'] } });

    const failure = new Error('broker gone');
    log.failPolls(failure);
    expect(await events.next()).toEqual({ done: false, value: { kind: 'error', error: failure } });
    expect(await events.next()).toEqual({ done: true, value: undefined });
    expect(engine.closeQuery(query.queryId)).toBe(false);
    await engine.close();
  });
});
