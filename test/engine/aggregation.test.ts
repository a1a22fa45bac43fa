// GROUP BY end to end on the in-memory Log: a table built by aggregation over 4 partitions, read
// by pull queries; exact counts after a restart on the same state dir and after one on an empty
// state dir (restored from the changelog); a push query that aggregates by itself.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLog, type Log } from '../../src/runtime/index.js';
import { pull, startEngine } from './memory-engine.js';


const USERS = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus'];

async function produceOrders(log: Log, from: number, count: number): Promise<void> {
  const producer = await log.producer();
  producer.send(
    Array.from({ length: count }, (_, index) => {
      const id = from + index;
      return { topic: 'orders', key: Buffer.from(`o${id}`), value: Buffer.from(JSON.stringify({ USER: USERS[id % USERS.length], AMOUNT: id % 10 })), timestamp: 1000 + id };
    }),
  );
  await producer.flush();
  await producer.close();
}

/** What the counts must be after orders 0..total-1. */
function expectedTotals(total: number): unknown[][] {
  return USERS.map((user, index) => {
    const ids = Array.from({ length: total }, (_, id) => id).filter((id) => id % USERS.length === index);
    return [user, BigInt(ids.length), ids.reduce((sum, id) => sum + (id % 10), 0)];
  }).sort();
}

const CREATE_ORDERS = "CREATE STREAM ORDERS (ID STRING KEY, USER STRING, AMOUNT INT) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=4);";
const CREATE_TOTALS = 'CREATE TABLE TOTALS AS SELECT USER, COUNT(*) AS ORDERS, SUM(AMOUNT) AS SPENT FROM ORDERS GROUP BY USER;';

describe('GROUP BY end to end', () => {
  it('counts exactly across partitions, and again after restarts with and without the state dir', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const stateDir = mkdtempSync(join(tmpdir(), 'squall-agg-'));
    const first = await startEngine(log, stateDir, 'agg_');
    await first.execute({ sql: `${CREATE_ORDERS} ${CREATE_TOTALS}` });
    await produceOrders(log, 0, 300);
    await first.drain();
    expect((await pull(first, 'SELECT USER, ORDERS, SPENT FROM TOTALS;')).sort()).toEqual(expectedTotals(300));
    expect(await pull(first, "SELECT ORDERS FROM TOTALS WHERE USER = 'bob';")).toEqual([[expectedTotals(300)[1]![1]]]);
    await first.close();

    // Same state dir: the stores resume from their checkpoints.
    const second = await startEngine(log, stateDir, 'agg_');
    await produceOrders(log, 300, 200);
    await second.drain();
    expect((await pull(second, 'SELECT USER, ORDERS, SPENT FROM TOTALS;')).sort()).toEqual(expectedTotals(500));
    await second.close();

    // An empty state dir: the stores are restored from their changelogs.
    const third = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-agg-')), 'agg_');
    await produceOrders(log, 500, 100);
    await third.drain();
    expect((await pull(third, 'SELECT USER, ORDERS, SPENT FROM TOTALS;')).sort()).toEqual(expectedTotals(600));
    await third.close();
  });

  it('serves a windowed table to pull queries, bounded by WINDOWSTART', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-agg-')), 'agg_');
    await engine.execute({ sql: `${CREATE_ORDERS} CREATE TABLE PER_100MS AS SELECT USER, COUNT(*) AS N FROM ORDERS WINDOW TUMBLING (SIZE 100 MILLISECONDS) GROUP BY USER;` });
    // Orders 0..299 at 1000..1299 ms: three windows, 1000, 1100 and 1200.
    await produceOrders(log, 0, 300);
    await engine.drain();
    const rows = await pull(engine, "SELECT USER, WINDOWSTART, WINDOWEND, N FROM PER_100MS WHERE USER = 'ann' AND WINDOWSTART >= 1100;");
    const expected = [1100, 1200].map((start) => {
      const count = Array.from({ length: 100 }, (_, index) => start - 1000 + index).filter((id) => id % USERS.length === 0).length;
      return ['ann', BigInt(start), BigInt(start + 100), BigInt(count)];
    });
    expect(rows.sort()).toEqual(expected);
    await engine.close();
  });

  it('runs an aggregating push query, and refuses GROUP BY in a pull query', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-agg-')), 'agg_');
    await engine.execute({ sql: CREATE_ORDERS });
    const stream = await engine.query({ sql: 'SELECT USER, COUNT(*) AS N FROM ORDERS GROUP BY USER EMIT CHANGES;', properties: { 'auto.offset.reset': 'earliest' } });
    await produceOrders(log, 0, 14);
    await engine.drain();
    stream.close();
    const latest = new Map<string, unknown>();
    for await (const event of stream.events) if (event.kind === 'row') latest.set(event.values[0] as string, event.values[1]);
    expect([...latest].sort()).toEqual(USERS.map((user) => [user, 2n]));
    await expect(engine.query({ sql: 'SELECT USER, COUNT(*) FROM ORDERS GROUP BY USER;' })).rejects.toThrow("Pull queries don't support GROUP BY clauses.");
    await engine.close();
  });
});
