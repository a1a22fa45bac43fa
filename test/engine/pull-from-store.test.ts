// Pull queries on a source table read its materialised store, caught up with the topic (at most
// squall.query.pull.max.staleness.ms behind it, and at once after this server's own INSERTs), and
// a restarted server resumes the store from its checkpoint instead of reading the topic again.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLog, type Log, type LogConsumer } from '../../src/runtime/index.js';
import type { Engine } from '../../src/engine/index.js';
import { pull, startEngine } from './memory-engine.js';

/** `target` with some methods replaced; the others stay bound to `target`. */
function override<T extends object>(target: T, replaced: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in replaced) return replaced[property as keyof T];
      const value: unknown = Reflect.get(object, property);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}

/** A Log that counts the records its consumers read of `topic`. */
function countingLog(inner: MemoryLog, topic: string): { log: Log; read: () => number } {
  let read = 0;
  const log = override<Log>(inner, {
    consumer: async (options) => {
      const consumer = await inner.consumer(options);
      return override<LogConsumer>(consumer, {
        poll: async (max, timeout) => {
          const records = await consumer.poll(max, timeout);
          read += records.filter((record) => record.topic === topic).length;
          return records;
        },
      });
    },
  });
  return { log, read: () => read };
}

/** A Log that counts its consumers' end-offset requests (a pull's round to the broker). */
function endOffsetCountingLog(inner: MemoryLog): { log: Log; endOffsetRequests: () => number } {
  let requests = 0;
  const log = override<Log>(inner, {
    consumer: async (options) => {
      const consumer = await inner.consumer(options);
      return override<LogConsumer>(consumer, {
        endOffsets: async (partitions) => {
          requests++;
          return consumer.endOffsets(partitions);
        },
      });
    },
  });
  return { log, endOffsetRequests: () => requests };
}

async function produce(log: Log, records: [string, string | null][]): Promise<void> {
  const producer = await log.producer();
  producer.send(records.map(([key, value]) => ({ topic: 'users', key: Buffer.from(key), value: value === null ? null : Buffer.from(value) })));
  await producer.flush();
  await producer.close();
}

/** Every pull asks the topic's end offsets first. */
const STRICT = { 'squall.query.pull.max.staleness.ms': '0' };

const CREATE_USERS = "CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING, AGE INT) WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', PARTITIONS=2);";

/** A fresh engine over its own in-memory Log and state dir, with USERS created. */
async function usersEngine(): Promise<{ memory: MemoryLog; engine: Engine }> {
  const memory = new MemoryLog({ autoCreateTopics: true });
  const engine = await startEngine(memory, mkdtempSync(join(tmpdir(), 'squall-pull-')), 'pull_');
  await engine.execute({ sql: CREATE_USERS });
  return { memory, engine };
}

describe('pull queries on a source table', () => {
  it('answer from the store: latest row per key, deletes applied, unreadable records leave the last good row', async () => {
    const memory = new MemoryLog({ autoCreateTopics: true });
    const stateDir = mkdtempSync(join(tmpdir(), 'squall-pull-'));
    const engine = await startEngine(memory, stateDir, 'pull_');
    await engine.execute({ sql: CREATE_USERS });
    await produce(memory, [
      ['u1', '{"NAME":"ann","AGE":30}'],
      ['u2', '{"NAME":"bob","AGE":40}'],
      ['u3', '{"NAME":"cy","AGE":50}'],
      ['u1', '{"NAME":"ann","AGE":31}'],
      ['u2', null],
      ['u3', 'not json'],
    ]);
    const rows = await pull(engine, 'SELECT ID, NAME, AGE FROM USERS;');
    expect(rows.sort()).toEqual([
      ['u1', 'ann', 31],
      ['u3', 'cy', 50],
    ]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE AGE > 40;")).toEqual([['cy']]);
    await engine.close();
  });

  it('read only what is new since the last pull, and resume from the checkpoint after a restart', async () => {
    const memory = new MemoryLog({ autoCreateTopics: true });
    const { log, read } = countingLog(memory, 'users');
    const stateDir = mkdtempSync(join(tmpdir(), 'squall-pull-'));
    const first = await startEngine(log, stateDir, 'pull_', STRICT);
    await first.execute({ sql: CREATE_USERS });
    await produce(memory, Array.from({ length: 50 }, (_, index): [string, string] => [`u${index}`, `{"NAME":"n${index}","AGE":${index}}`]));
    expect(await pull(first, 'SELECT * FROM USERS;')).toHaveLength(50);
    expect(read()).toBe(50);
    await produce(memory, [['u0', '{"NAME":"again","AGE":1}']]);
    expect(await pull(first, "SELECT NAME FROM USERS WHERE ID = 'u0';")).toEqual([['again']]);
    expect(read()).toBe(51);
    await first.close();

    const second = await startEngine(log, stateDir, 'pull_', STRICT);
    expect(await pull(second, 'SELECT * FROM USERS;')).toHaveLength(50);
    expect(read()).toBe(51);
    await second.close();
  });

  it('share one catch-up between concurrent pulls, each still seeing what was written before it was asked', async () => {
    const memory = new MemoryLog({ autoCreateTopics: true });
    const { log, endOffsetRequests } = endOffsetCountingLog(memory);
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-pull-')), 'pull_', STRICT);
    await engine.execute({ sql: CREATE_USERS });
    await produce(memory, [['u1', '{"NAME":"ann","AGE":30}']]);
    await pull(engine, "SELECT * FROM USERS WHERE ID = 'u1';");
    const before = endOffsetRequests();
    // Ten pulls asked at once: the first waits for a catch-up that the other nine share.
    const answers = await Promise.all(Array.from({ length: 10 }, () => pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u1';")));
    expect(answers).toEqual(Array.from({ length: 10 }, () => [['ann']]));
    expect(endOffsetRequests() - before).toBe(1);
    // A pull asked while a catch-up runs waits for the next one, which reads the newer record.
    const running = pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u1';");
    await produce(memory, [['u1', '{"NAME":"anna","AGE":31}']]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u1';")).toEqual([['anna']]);
    await running;
    await engine.close();
  });
});

describe('how stale a pull query reads', () => {
  const name = "SELECT NAME FROM USERS WHERE ID = 'u1';";
  const within = (ms: number) => ({ 'squall.query.pull.max.staleness.ms': ms });

  it('reads the rows without asking the broker within the bound, and sees a write once the bound has passed', async () => {
    const memory = new MemoryLog({ autoCreateTopics: true });
    const { log, endOffsetRequests } = endOffsetCountingLog(memory);
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-pull-')), 'pull_');
    await engine.execute({ sql: CREATE_USERS });
    await produce(memory, [['u1', '{"NAME":"ann","AGE":30}']]);
    expect(await pull(engine, name)).toEqual([['ann']]);
    const before = endOffsetRequests();
    await produce(memory, [['u1', '{"NAME":"anna","AGE":31}']]);
    expect(await pull(engine, name, within(60_000))).toEqual([['ann']]);
    expect(endOffsetRequests()).toBe(before);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await pull(engine, name, within(20))).toEqual([['anna']]);
    expect(endOffsetRequests()).toBe(before + 1);
    await expect(pull(engine, name, within(-1))).rejects.toThrow(/squall.query.pull.max.staleness.ms must be a number of milliseconds/);
    await engine.close();
  });

  it("sees this server's own INSERTs at once, whatever the bound", async () => {
    const { memory, engine } = await usersEngine();
    await produce(memory, [['u1', '{"NAME":"ann","AGE":30}']]);
    expect(await pull(engine, name, within(60_000))).toEqual([['ann']]);
    await engine.execute({ sql: "INSERT INTO USERS (ID, NAME, AGE) VALUES ('u1', 'zed', 9);" });
    expect(await pull(engine, name, within(60_000))).toEqual([['zed']]);
    await engine.close();
  });
});

describe('pull queries by key, planned once per shape', () => {
  it('answer each key of one shape with its own row, and keep the WHERE clause when it says more than the key', async () => {
    const { memory, engine } = await usersEngine();
    await produce(memory, [
      ['u1', '{"NAME":"ann","AGE":30}'],
      ['u2', '{"NAME":"bob","AGE":40}'],
      ["o'neil", '{"NAME":"ed","AGE":50}'],
    ]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u1';")).toEqual([['ann']]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u2';")).toEqual([['bob']]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'o''neil';")).toEqual([['ed']]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'nobody';")).toEqual([]);
    expect((await pull(engine, "SELECT NAME FROM USERS WHERE ID IN ('u2', 'u1');")).sort()).toEqual([['ann'], ['bob']]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE USERS.ID = 'u2';")).toEqual([['bob']]);
    // The same text around a condition that is more than the key's: the WHERE clause still runs.
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u2' AND AGE > 40;")).toEqual([]);
    expect(await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u2' AND AGE > 30;")).toEqual([['bob']]);
    await engine.close();
  });

  it('answer concurrent pulls of one shape each with the rows of its own keys', async () => {
    const { memory, engine } = await usersEngine();
    await produce(memory, [
      ['u1', '{"NAME":"ann","AGE":30}'],
      ['u2', '{"NAME":"bob","AGE":40}'],
    ]);
    await pull(engine, "SELECT NAME FROM USERS WHERE ID = 'u1';");
    // Asked at once, so they run the shape's one plan while the others wait for their catch-up.
    const keys = ['u1', 'u2', 'nobody', 'u2', 'u1'];
    const answers = await Promise.all(keys.map((key) => pull(engine, `SELECT NAME FROM USERS WHERE ID = '${key}';`)));
    expect(answers).toEqual([[['ann']], [['bob']], [], [['bob']], [['ann']]]);
    await engine.close();
  });

  it('give each pull query its own id, though they share a plan', async () => {
    const { engine } = await usersEngine();
    const first = await engine.query({ sql: "SELECT * FROM USERS WHERE ID = 'u1';" });
    const second = await engine.query({ sql: "SELECT * FROM USERS WHERE ID = 'u2';" });
    expect(first.queryId).not.toBe(second.queryId);
    await engine.close();
  });

  it('plan again after the catalog changes: a table dropped and created with other columns', async () => {
    const { memory, engine } = await usersEngine();
    await produce(memory, [['u1', '{"NAME":"ann","AGE":30,"CITY":"oslo"}']]);
    expect(await pull(engine, "SELECT * FROM USERS WHERE ID = 'u1';")).toEqual([['u1', 'ann', 30]]);
    await engine.execute({ sql: 'DROP TABLE USERS;' });
    await engine.execute({ sql: "CREATE TABLE USERS (ID STRING PRIMARY KEY, CITY STRING) WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', PARTITIONS=2);" });
    expect(await pull(engine, "SELECT * FROM USERS WHERE ID = 'u1';")).toEqual([['u1', 'oslo']]);
    await engine.close();
  });

  it('read an integer key, and compare a literal that is not an integer as the WHERE clause does', async () => {
    const memory = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(memory, mkdtempSync(join(tmpdir(), 'squall-pull-')), 'pull_');
    await engine.execute({ sql: "CREATE TABLE ITEMS (ID BIGINT PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='items', KEY_FORMAT='KAFKA', VALUE_FORMAT='JSON', PARTITIONS=1);" });
    const producer = await memory.producer();
    producer.send([{ topic: 'items', key: Buffer.from([0, 0, 0, 0, 0, 0, 0, 7]), value: Buffer.from('{"NAME":"seven"}') }]);
    await producer.flush();
    await producer.close();
    expect(await pull(engine, 'SELECT NAME FROM ITEMS WHERE ID = 7;')).toEqual([['seven']]);
    expect(await pull(engine, 'SELECT NAME FROM ITEMS WHERE ID = 8;')).toEqual([]);
    expect(await pull(engine, 'SELECT NAME FROM ITEMS WHERE ID = 7.5;')).toEqual([]);
    await engine.close();
  });
});
