// The engine over the in-memory Log: statements, their entities and errors, queries, replay.
import { describe, expect, it } from 'vitest';
import { Engine, StatementError, type KsqlEntity } from '../../src/engine/index.js';
import { LogUnavailableError, MemoryLog, scanTopic, type CreateTopicOptions, type Log } from '../../src/runtime/index.js';

async function startEngine(log: Log = new MemoryLog({ autoCreateTopics: true })): Promise<Engine> {
  const engine = new Engine(log, {
    serviceId: 'test_',
    guarantee: 'exactly_once_v2',
    properties: {},
    background: false,
    kafkaClusterId: 'memory',
  });
  await engine.start();
  return engine;
}

async function values(log: Log, topic: string): Promise<string[]> {
  const found: string[] = [];
  await scanTopic(log, topic, (record) => found.push(record.value === null ? 'null' : Buffer.from(record.value).toString()));
  return found;
}

const CREATE_RIDES = "CREATE STREAM RIDES (ID STRING KEY, FARE DOUBLE, ZONE STRING) WITH (KAFKA_TOPIC='rides', VALUE_FORMAT='JSON', PARTITIONS=1);";

describe('Engine', () => {
  it('creates a stream and answers with a currentStatus entity', async () => {
    const engine = await startEngine();
    const [entity] = await engine.execute({ sql: CREATE_RIDES });
    expect(entity).toMatchObject({
      '@type': 'currentStatus',
      commandId: 'stream/RIDES/create',
      commandStatus: { status: 'SUCCESS', message: 'Stream created' },
    });
    expect(engine.commandStatus('stream/RIDES/create')).toEqual({ status: 'SUCCESS', message: 'Stream created', queryId: null });
    await engine.close();
  });

  it('runs a CSAS with a filter and projection over inserted rows', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log);
    await engine.execute({
      sql: `${CREATE_RIDES} CREATE STREAM HIGH AS SELECT ID, FARE * 2 AS DOUBLED FROM RIDES WHERE FARE > 10;`,
    });
    await engine.execute({ sql: "INSERT INTO RIDES (ID, FARE, ZONE) VALUES ('a', 5.0, 'x'); INSERT INTO RIDES (ID, FARE, ZONE) VALUES ('b', 20.0, 'y');" });
    await engine.drain();
    expect(await values(log, 'HIGH')).toEqual(['{"DOUBLED":40.0}']);
    await engine.close();
  });

  it('refuses a query whose commit interval is not a number of milliseconds, before it replaces the one it would', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log);
    await engine.execute({ sql: `${CREATE_RIDES} CREATE STREAM HIGH AS SELECT ID, FARE FROM RIDES WHERE FARE > 10;` });
    const failure = await engine
      .execute({ sql: 'CREATE OR REPLACE STREAM HIGH AS SELECT ID, FARE FROM RIDES WHERE FARE > 20;', properties: { 'commit.interval.ms': 'soon' } })
      .catch((error: unknown) => error);
    expect((failure as StatementError).cause).toMatchObject({ code: 'PLAN_ERROR', message: "commit.interval.ms must be a number of milliseconds, 0 or more; got 'soon'." });
    // The query it would have replaced still runs.
    await engine.execute({ sql: "INSERT INTO RIDES (ID, FARE, ZONE) VALUES ('a', 15.0, 'x');" });
    await engine.drain();
    expect(await values(log, 'HIGH')).toEqual(['{"FARE":15.0}']);
    await engine.close();
  });

  it('stops a request at the first failing statement and returns the entities before it', async () => {
    const engine = await startEngine();
    const failure = await engine.execute({ sql: `${CREATE_RIDES} SELECT * FROMM RIDES;` }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StatementError);
    const statementError = failure as StatementError;
    expect(statementError.entities).toHaveLength(1);
    expect(statementError.statementText).toBe('SELECT * FROMM RIDES;');
    expect(statementError.cause).toMatchObject({ name: 'ParseError', code: 'PARSE_ERROR' });
    await engine.close();
  });

  it('passes on a failure that is not the statement\'s as it is, with the entities before it', async () => {
    const unavailable = new LogUnavailableError('CreateTopics request timed out');
    // The brokers stop answering between the two statements.
    class FailingTopicsLog extends MemoryLog {
      override async createTopic(name: string, options: CreateTopicOptions): Promise<void> {
        if (name === 'COPY') throw unavailable;
        return super.createTopic(name, options);
      }
    }
    const engine = await startEngine(new FailingTopicsLog({ autoCreateTopics: true }));
    const failure = (await engine.execute({ sql: `${CREATE_RIDES} CREATE STREAM COPY AS SELECT * FROM RIDES;` }).catch((error: unknown) => error)) as StatementError;
    expect(failure).toBeInstanceOf(StatementError);
    expect(failure.cause).toBe(unavailable);
    expect(failure.statementText).toBe('CREATE STREAM COPY AS SELECT * FROM RIDES;');
    expect(failure.entities).toHaveLength(1);
    await engine.close();
  });

  it('points at an unknown column with the closest name', async () => {
    const engine = await startEngine();
    await engine.execute({ sql: CREATE_RIDES });
    const failure = (await engine
      .execute({ sql: 'CREATE STREAM S AS SELECT ID, FAIR FROM RIDES;' })
      .catch((error: unknown) => error)) as StatementError;
    expect(failure.message).toContain("SELECT column 'FAIR' cannot be resolved");
    expect(failure.message).toContain("'FARE'");
    await engine.close();
  });

  it('refuses to drop a source that a query reads, naming the query', async () => {
    const engine = await startEngine();
    await engine.execute({ sql: `${CREATE_RIDES} CREATE STREAM COPY AS SELECT * FROM RIDES;` });
    const failure = (await engine.execute({ sql: 'DROP STREAM RIDES;' }).catch((error: unknown) => error)) as StatementError;
    expect(failure.message).toContain('CSAS_COPY_0');
    await engine.execute({ sql: 'TERMINATE CSAS_COPY_0; DROP STREAM COPY; DROP STREAM RIDES;' });
    const [listing] = (await engine.execute({ sql: 'SHOW STREAMS;' })) as [KsqlEntity & { streams: { name: string }[] }];
    expect(listing.streams.map((stream) => stream.name)).toEqual(['KSQL_PROCESSING_LOG']);
    await engine.close();
  });

  it('answers a pull query with the rows in the topic and a push query until its LIMIT', async () => {
    const engine = await startEngine();
    await engine.execute({ sql: CREATE_RIDES });
    await engine.execute({ sql: "INSERT INTO RIDES (ID, FARE) VALUES ('a', 1.5); INSERT INTO RIDES (ID, FARE) VALUES ('b', 2.5);" });
    const pull = await engine.query({ sql: 'SELECT ID, FARE FROM RIDES WHERE FARE > 2;' });
    const pulled = [];
    for await (const event of pull.events) pulled.push(event);
    expect(pulled).toEqual([{ kind: 'row', values: ['b', 2.5] }]);

    const push = await engine.query({ sql: 'SELECT ID FROM RIDES EMIT CHANGES LIMIT 2;', properties: { 'auto.offset.reset': 'earliest' } });
    await engine.drain();
    const pushed = [];
    for await (const event of push.events) pushed.push(event);
    expect(pushed).toEqual([
      { kind: 'row', values: ['a'] },
      { kind: 'row', values: ['b'] },
    ]);
    expect(push.finalMessage()).toBe('Limit Reached');
    await engine.close();
  });

  it('skips a malformed record into the processing log and keeps going', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log);
    await engine.execute({ sql: `${CREATE_RIDES} CREATE STREAM COPY AS SELECT * FROM RIDES;` });
    const producer = await log.producer();
    producer.send([
      { topic: 'rides', key: Buffer.from('a'), value: Buffer.from('{"FARE": 1.0') },
      { topic: 'rides', key: Buffer.from('b'), value: Buffer.from('{"FARE": 2.0}') },
    ]);
    await producer.flush();
    await engine.drain();
    expect(await values(log, 'COPY')).toEqual(['{"FARE":2.0,"ZONE":null}']);
    expect(engine.processingLogEntries).toHaveLength(1);
    expect(engine.processingLogEntries[0]).toMatchObject({ kind: 'DESERIALIZATION_ERROR', topic: 'rides', offset: 0 });
    await engine.close();
  });

  it('replays the command topic: a new engine on the same log has the same catalog and queries', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const first = await startEngine(log);
    await first.execute({ sql: `${CREATE_RIDES} CREATE STREAM COPY AS SELECT * FROM RIDES; CREATE TYPE MONEY AS DECIMAL(10, 2);` });
    await first.execute({ sql: "INSERT INTO RIDES (ID, FARE) VALUES ('a', 1.0);" });
    await first.drain();
    await first.close();

    const second = await startEngine(log);
    expect(second.runningQueryTexts()).toEqual(['CREATE STREAM COPY AS SELECT * FROM RIDES;']);
    expect(second.metastore.types().has('MONEY')).toBe(true);
    await second.execute({ sql: "INSERT INTO RIDES (ID, FARE) VALUES ('b', 2.0);" });
    await second.drain();
    // The first row was committed before the restart: it is not processed twice.
    expect(await values(log, 'COPY')).toEqual(['{"FARE":1.0,"ZONE":null}', '{"FARE":2.0,"ZONE":null}']);
    await second.close();
  });

  it('skips a record with an invalid event time, or stops the query when told to', async () => {
    const sql =
      "CREATE STREAM EVENTS (ID STRING KEY, TS STRING) WITH (KAFKA_TOPIC='events', VALUE_FORMAT='JSON', PARTITIONS=1, TIMESTAMP='TS', TIMESTAMP_FORMAT='yyyy-MM-dd');" +
      'CREATE STREAM COPY AS SELECT * FROM EVENTS;' +
      "INSERT INTO EVENTS (ID, TS) VALUES ('a', 'not a date');";
    const lenient = await startEngine();
    await lenient.execute({ sql });
    await lenient.drain();
    expect(lenient.processingLogEntries[0]?.message).toContain('not a date');
    await lenient.close();

    const strict = await startEngine();
    await strict.execute({ sql, properties: { 'ksql.timestamp.throw.on.invalid': 'true' } });
    await expect(strict.drain()).rejects.toThrow('Fatal user code error in TimestampExtractor callback for record events-0@0');
    await strict.close();
  });

  it('keeps a table row in a pull query when a later record for its key cannot be read', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log);
    await engine.execute({ sql: "CREATE TABLE T (ID STRING PRIMARY KEY, N INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON', PARTITIONS=1);" });
    const producer = await log.producer();
    producer.send([
      { topic: 't', key: Buffer.from('a'), value: Buffer.from('{"N": 1}') },
      { topic: 't', key: Buffer.from('a'), value: Buffer.from('{"N": ') },
      { topic: 't', key: Buffer.from('b'), value: Buffer.from('{"N": 2}') },
      { topic: 't', key: Buffer.from('b'), value: null },
    ]);
    await producer.flush();
    const pull = await engine.query({ sql: 'SELECT ID, N FROM T;' });
    const rows = [];
    for await (const event of pull.events) rows.push(event);
    expect(rows).toEqual([{ kind: 'row', values: ['a', 1] }]);
    await engine.close();
  });
});

