// Query ids: numbered only when a query starts, recorded in the command topic, and replayed as
// recorded, so that a restarted engine resumes each query's consumer group instead of starting
// a new one from the earliest offset (which would write its output twice).
import { describe, expect, it } from 'vitest';
import { Engine, StatementError, type KsqlEntity } from '../../src/engine/index.js';
import { MemoryLog, scanTopic, type Log } from '../../src/runtime/index.js';

const COMMAND_TOPIC = '_squall_test__command_topic';

async function startEngine(log: Log): Promise<Engine> {
  const engine = new Engine(log, { serviceId: 'test_', guarantee: 'exactly_once_v2', properties: {}, background: false, kafkaClusterId: 'memory' });
  await engine.start();
  return engine;
}

async function runningQueryIds(engine: Engine): Promise<string[]> {
  const [listing] = (await engine.execute({ sql: 'SHOW QUERIES;' })) as [KsqlEntity & { queries: { id: string }[] }];
  return listing.queries.map((query) => query.id);
}

async function topicValues(log: Log, topic: string): Promise<string[]> {
  const values: string[] = [];
  await scanTopic(log, topic, (record) => values.push(record.value === null ? 'null' : Buffer.from(record.value).toString()));
  return values;
}

async function executeFailing(engine: Engine, sql: string): Promise<void> {
  await expect(engine.execute({ sql })).rejects.toBeInstanceOf(StatementError);
}

/** Writes commands into the command topic as an earlier server would have. */
async function writeCommands(log: Log, commands: readonly object[]): Promise<void> {
  await log.createTopic(COMMAND_TOPIC, { partitions: 1 });
  const producer = await log.producer();
  producer.send(commands.map((command) => ({ topic: COMMAND_TOPIC, partition: 0, key: null, value: Buffer.from(JSON.stringify(command)) })));
  await producer.flush();
  await producer.close();
}

const CREATE_RIDES = "CREATE STREAM RIDES (ID STRING KEY, FARE DOUBLE) WITH (KAFKA_TOPIC='rides', VALUE_FORMAT='JSON', PARTITIONS=1);";

describe('query ids', () => {
  it('gives no number to a statement that fails, and records the id a query got in its command', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log);
    await engine.execute({ sql: CREATE_RIDES });
    await executeFailing(engine, 'CREATE STREAM BAD AS SELECT NOPE FROM RIDES;');
    await executeFailing(engine, 'INSERT INTO RIDES SELECT * FROM NOWHERE;');
    await engine.execute({ sql: 'CREATE STREAM COPY AS SELECT * FROM RIDES;' });
    expect(await runningQueryIds(engine)).toEqual(['CSAS_COPY_0']);
    await engine.close();

    const commands = (await topicValues(log, COMMAND_TOPIC)).map((text) => JSON.parse(text) as { statement: string; queryId: unknown });
    expect(commands.map(({ statement, queryId }) => ({ statement, queryId }))).toEqual([
      { statement: CREATE_RIDES, queryId: null },
      { statement: 'CREATE STREAM COPY AS SELECT * FROM RIDES;', queryId: 'CSAS_COPY_0' },
    ]);
  });

  it('restarts a query after a failed statement under its id, resuming its consumer group', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const first = await startEngine(log);
    await first.execute({ sql: CREATE_RIDES });
    await executeFailing(first, 'CREATE STREAM BAD AS SELECT NOPE FROM RIDES;');
    await first.execute({ sql: "CREATE STREAM COPY AS SELECT * FROM RIDES; INSERT INTO RIDES (ID, FARE) VALUES ('a', 1.0);" });
    await first.drain();
    await first.close();

    const second = await startEngine(log);
    expect(await runningQueryIds(second)).toEqual(['CSAS_COPY_0']);
    await second.execute({ sql: "INSERT INTO RIDES (ID, FARE) VALUES ('b', 2.0);" });
    await second.drain();
    // A new consumer group would start from the earliest offset and copy 'a' again.
    expect(await topicValues(log, 'COPY')).toEqual(['{"FARE":1.0}', '{"FARE":2.0}']);
    await second.close();
  });

  it('numbers the queries started after a replay past the replayed ones', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const first = await startEngine(log);
    await first.execute({ sql: `${CREATE_RIDES} CREATE STREAM COPY AS SELECT * FROM RIDES; INSERT INTO COPY SELECT * FROM RIDES;` });
    await first.close();

    const second = await startEngine(log);
    await second.execute({ sql: 'CREATE STREAM MORE AS SELECT * FROM RIDES;' });
    expect(await runningQueryIds(second)).toEqual(['CSAS_COPY_0', 'INSERTQUERY_1', 'CSAS_MORE_2']);
    await second.close();
  });

  it('replays the id a command recorded and numbers later queries past it', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    await writeCommands(log, [
      { statement: CREATE_RIDES, properties: {}, queryId: null },
      { statement: 'CREATE STREAM COPY AS SELECT * FROM RIDES;', properties: {}, queryId: 'CSAS_COPY_7' },
    ]);
    const engine = await startEngine(log);
    await engine.execute({ sql: 'CREATE STREAM MORE AS SELECT * FROM RIDES;' });
    expect(await runningQueryIds(engine)).toEqual(['CSAS_COPY_7', 'CSAS_MORE_8']);
    await engine.close();
  });

  it('derives the ids of commands written before ids were recorded as they were derived then', async () => {
    // Then, every CREATE ... AS SELECT and INSERT INTO ... SELECT took a number, even one that started nothing.
    const log = new MemoryLog({ autoCreateTopics: true });
    await writeCommands(log, [
      { statement: CREATE_RIDES, properties: {} },
      { statement: 'CREATE STREAM COPY AS SELECT * FROM RIDES;', properties: {} },
      { statement: 'CREATE STREAM IF NOT EXISTS COPY AS SELECT * FROM RIDES;', properties: {} },
      { statement: 'INSERT INTO COPY SELECT * FROM RIDES;', properties: {} },
    ]);
    const engine = await startEngine(log);
    await engine.execute({ sql: 'CREATE STREAM MORE AS SELECT * FROM RIDES;' });
    expect(await runningQueryIds(engine)).toEqual(['CSAS_COPY_0', 'INSERTQUERY_2', 'CSAS_MORE_3']);
    await engine.close();
  });

  it('gives no number to an INSERT with its own QUERY_ID, and keeps that id on replay', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const first = await startEngine(log);
    await first.execute({
      sql: `${CREATE_RIDES} CREATE STREAM COPY AS SELECT * FROM RIDES; INSERT INTO COPY WITH (QUERY_ID='backfill_9') SELECT * FROM RIDES;`,
    });
    await first.close();

    const second = await startEngine(log);
    await second.execute({ sql: 'CREATE STREAM MORE AS SELECT * FROM RIDES;' });
    expect(await runningQueryIds(second)).toEqual(['CSAS_COPY_0', 'BACKFILL_9', 'CSAS_MORE_1']);
    await second.close();
  });
});
