// Aggregates checked against an independent SQL engine: random input goes through GROUP BY
// queries (a stream, tumbling, hopping and session windows, a table with updates and deletes) on the in-memory Log
// over 4 partitions, and the pull queries' answers must equal what SQLite computes from the same
// input with plain GROUP BY.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MemoryLog, type Log } from '../../src/runtime/index.js';
import { pull, startEngine } from './memory-engine.js';

/** A small seeded generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function produce(log: Log, topic: string, records: { key: string; value: object | null; timestamp: number }[]): Promise<void> {
  const producer = await log.producer();
  producer.send(records.map(({ key, value, timestamp }) => ({ topic, key: Buffer.from(key), value: value === null ? null : Buffer.from(JSON.stringify(value)), timestamp })));
  await producer.flush();
  await producer.close();
}

/** Rows as comparable text: numbers of any type (BIGINT comes back as bigint) written alike, sorted. */
function normalised(rows: readonly (readonly unknown[])[]): string[] {
  return rows.map((row) => JSON.stringify(row.map((value) => (typeof value === 'bigint' ? Number(value) : value)))).sort();
}

describe('aggregates against SQLite', () => {
  for (const seed of [1, 2, 3]) {
    it(`GROUP BY over a stream, tumbling, hopping and session windows and a changing table agree with SQLite (seed ${seed})`, async () => {
      const next = random(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
      const users = [...Array.from({ length: 40 }, (_, index) => `u${index}`), null];
      const orders = Array.from({ length: 3000 }, (_, index) => ({
        key: `o${index}`,
        user: pick(users),
        amount: next() < 0.1 ? null : Math.floor(next() * 200) - 50,
        // Mostly ascending, some up to 5 s late: inside the window's grace period.
        timestamp: 1_000_000 + index * 97 - Math.floor(next() * (next() < 0.2 ? 5000 : 0)),
      }));
      const accountIds = Array.from({ length: 200 }, (_, index) => `a${index}`);
      const accounts = Array.from({ length: 1500 }, (_, index) => {
        const deleted = next() < 0.1;
        return { id: pick(accountIds), region: deleted ? null : pick(['north', 'south', 'east', 'west', null]), balance: Math.floor(next() * 1000), deleted, timestamp: 1_000_000 + index };
      });

      const log = new MemoryLog({ autoCreateTopics: true });
      const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-vs-sqlite-')), `vs${seed}_`);
      try {
        await engine.execute({
          sql: `
            CREATE STREAM ORDERS (ID STRING KEY, USER STRING, AMOUNT INT) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE PER_USER AS SELECT USER, COUNT(*) AS N, COUNT(AMOUNT) AS NA, SUM(AMOUNT) AS S, MIN(AMOUNT) AS MN, MAX(AMOUNT) AS MX,
              COUNT_DISTINCT(AMOUNT) AS CD FROM ORDERS GROUP BY USER;
            CREATE STREAM ORDERS_BY_USER (USER STRING KEY, AMOUNT INT) WITH (KAFKA_TOPIC='orders_by_user', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE PER_USER_10S AS SELECT USER, COUNT(*) AS N, SUM(AMOUNT) AS S FROM ORDERS_BY_USER
              WINDOW TUMBLING (SIZE 10 SECONDS, GRACE PERIOD 1 MINUTE) GROUP BY USER;
            CREATE TABLE PER_USER_HOPPING AS SELECT USER, COUNT(*) AS N, MAX(AMOUNT) AS MX FROM ORDERS_BY_USER
              WINDOW HOPPING (SIZE 10 SECONDS, ADVANCE BY 5 SECONDS, GRACE PERIOD 1 MINUTE) GROUP BY USER;
            CREATE TABLE PER_USER_SESSION AS SELECT USER, COUNT(*) AS N, SUM(AMOUNT) AS S FROM ORDERS_BY_USER
              WINDOW SESSION (5 SECONDS, GRACE PERIOD 1 MINUTE) GROUP BY USER;
            CREATE TABLE ACCOUNTS (ID STRING PRIMARY KEY, REGION STRING, BALANCE INT) WITH (KAFKA_TOPIC='accounts', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE PER_REGION AS SELECT REGION, COUNT(*) AS N, SUM(BALANCE) AS S FROM ACCOUNTS GROUP BY REGION;`,
        });
        await produce(log, 'orders', orders.map(({ key, user, amount, timestamp }) => ({ key, value: { USER: user, AMOUNT: amount }, timestamp })));
        // Keyed by user, so that no repartition reorders a user's records: stream time is per
        // partition, and records reordered across partitions could fall behind the grace period.
        const byUser = orders.filter(({ user }) => user !== null);
        await produce(log, 'orders_by_user', byUser.map(({ user, amount, timestamp }) => ({ key: user!, value: { AMOUNT: amount }, timestamp })));
        await produce(
          log,
          'accounts',
          accounts.map(({ id, region, balance, deleted, timestamp }) => ({ key: id, value: deleted ? null : { REGION: region, BALANCE: balance }, timestamp })),
        );
        await engine.drain();

        const sqlite = new Database(':memory:');
        sqlite.exec('CREATE TABLE orders (user TEXT, amount INTEGER, ts INTEGER); CREATE TABLE accounts (seq INTEGER, id TEXT, region TEXT, balance INTEGER, deleted INTEGER)');
        const insertOrder = sqlite.prepare('INSERT INTO orders VALUES (?, ?, ?)');
        for (const { user, amount, timestamp } of orders) insertOrder.run(user, amount, timestamp);
        const insertAccount = sqlite.prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?)');
        accounts.forEach(({ id, region, balance, deleted }, seq) => insertAccount.run(seq, id, region, balance, deleted ? 1 : 0));
        const expected = (sql: string): unknown[][] => sqlite.prepare(sql).raw().all() as unknown[][];

        // ksqlDB drops NULL group keys; SUM starts at 0 and skips NULLs, MIN/MAX of no values are NULL.
        expect(normalised(await pull(engine, 'SELECT USER, N, NA, S, MN, MX, CD FROM PER_USER;'))).toEqual(
          normalised(
            expected(
              'SELECT user, count(*), count(amount), coalesce(sum(amount), 0), min(amount), max(amount), count(DISTINCT amount) FROM orders WHERE user IS NOT NULL GROUP BY user',
            ),
          ),
        );
        expect(normalised(await pull(engine, "SELECT USER, N, S FROM PER_USER WHERE USER IN ('u1', 'u7', 'nobody');"))).toEqual(
          normalised(expected("SELECT user, count(*), coalesce(sum(amount), 0) FROM orders WHERE user IN ('u1', 'u7') GROUP BY user")),
        );
        expect(normalised(await pull(engine, 'SELECT USER, WINDOWSTART, WINDOWEND, N, S FROM PER_USER_10S;'))).toEqual(
          normalised(
            expected(
              'SELECT user, ts / 10000 * 10000 AS ws, ts / 10000 * 10000 + 10000, count(*), coalesce(sum(amount), 0) FROM orders WHERE user IS NOT NULL GROUP BY user, ws',
            ),
          ),
        );
        // Each record is in the two 10 s windows that start at the 5 s boundaries at most 10 s before it.
        expect(normalised(await pull(engine, 'SELECT USER, WINDOWSTART, N, MX FROM PER_USER_HOPPING;'))).toEqual(
          normalised(
            expected(
              `SELECT user, ws, count(*), max(amount) FROM (
                 SELECT user, amount, ts / 5000 * 5000 AS ws FROM orders UNION ALL SELECT user, amount, ts / 5000 * 5000 - 5000 FROM orders
               ) WHERE user IS NOT NULL GROUP BY user, ws`,
            ),
          ),
        );
        // Sessions: a user's records sorted by time, split where two are more than 5 s apart (SQL's
        // window functions mark each split); a session ends at its last record.
        const sessions = await pull(engine, 'SELECT USER, WINDOWSTART, WINDOWEND, N, S FROM PER_USER_SESSION;');
        // Out-of-order records merged sessions on the way: many users have several.
        expect(sessions.length).toBeGreaterThan(2 * 40);
        expect(normalised(sessions)).toEqual(
          normalised(
            expected(
              `WITH marked AS (
                 SELECT user, amount, ts, CASE WHEN ts - lag(ts) OVER (PARTITION BY user ORDER BY ts) <= 5000 THEN 0 ELSE 1 END AS starts
                 FROM orders WHERE user IS NOT NULL
               ), numbered AS (
                 SELECT user, amount, ts, sum(starts) OVER (PARTITION BY user ORDER BY ts ROWS UNBOUNDED PRECEDING) AS session FROM marked
               )
               SELECT user, min(ts), max(ts), count(*), coalesce(sum(amount), 0) FROM numbered GROUP BY user, session`,
            ),
          ),
        );
        // The table's latest row per id (a tombstone deletes it), grouped. A region whose rows all
        // left keeps its row at zero, as ksqlDB's undo leaves it.
        const perRegion = await pull(engine, 'SELECT REGION, N, S FROM PER_REGION;');
        expect(normalised(perRegion.filter((row) => Number(row[1]) > 0))).toEqual(
          normalised(
            expected(
              `SELECT region, count(*), sum(balance) FROM accounts a
               WHERE seq = (SELECT max(seq) FROM accounts b WHERE b.id = a.id) AND deleted = 0 AND region IS NOT NULL GROUP BY region`,
            ),
          ),
        );
        expect(perRegion.filter((row) => Number(row[1]) === 0).every((row) => Number(row[2]) === 0)).toBe(true);
        sqlite.close();
      } finally {
        await engine.close();
      }
    });
  }
});
