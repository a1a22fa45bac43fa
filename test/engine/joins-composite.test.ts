// Joins beyond ksqlDB and across key formats, end to end on the in-memory Log over 4 partitions:
// a join on several columns (`ON a.x = b.x AND a.y = b.y`, keyed by the tuple, both sides
// repartitioned by it), two tables with two-column keys joined on both, the joins on several
// columns Squall refuses, and two streams whose keys are in different formats.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryLog, type Log } from '../../src/runtime/index.js';
import { pull, startEngine } from './memory-engine.js';

async function produce(log: Log, topic: string, records: readonly { key: string | null; value: object | null; timestamp: number }[]): Promise<void> {
  const producer = await log.producer();
  producer.send(
    records.map(({ key, value, timestamp }) => ({
      topic,
      key: key === null ? null : Buffer.from(key),
      value: value === null ? null : Buffer.from(JSON.stringify(value)),
      timestamp,
    })),
  );
  await producer.flush();
  await producer.close();
}

const byText = (rows: unknown[][]) => [...rows].sort((left, right) => JSON.stringify(left, (_, value) => (typeof value === 'bigint' ? Number(value) : value)).localeCompare(JSON.stringify(right, (_, value) => (typeof value === 'bigint' ? Number(value) : value))));

const engineOn = async (log: MemoryLog, serviceId: string) => startEngine(log, mkdtempSync(join(tmpdir(), 'squall-join-composite-')), serviceId);

describe('a join on several columns', () => {
  it('matches stream rows only when every equated column is equal, keyed by the tuple', async () => {
    const log = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 4 });
    const engine = await engineOn(log, 'composite_');
    await engine.execute({
      sql: `CREATE STREAM VIEWS (ID STRING KEY, REGION STRING, SKU INT) WITH (KAFKA_TOPIC='views', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM SALES (ID STRING KEY, REGION STRING, SKU INT, PRICE INT) WITH (KAFKA_TOPIC='sales', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM CONVERSIONS WITH (KEY_FORMAT='JSON') AS
              SELECT V.REGION, V.SKU, V.ID AS VIEW_ID, S.ID AS SALE_ID, PRICE
              FROM VIEWS V JOIN SALES S WITHIN 1 MINUTE ON V.REGION = S.REGION AND V.SKU = S.SKU;`,
    });
    //   views:  v1 (eu, 1)   v2 (eu, 2)   v3 (us, 1)   v4 (us, NULL)
    //   sales:  s1 (eu, 1)   s2 (us, 2)   s3 (us, 1)   s4 (us, NULL)
    // Only (eu, 1) and (us, 1) are equal in both columns; a NULL part never joins.
    await produce(log, 'views', [
      { key: 'v1', value: { REGION: 'eu', SKU: 1 }, timestamp: 1000 },
      { key: 'v2', value: { REGION: 'eu', SKU: 2 }, timestamp: 1001 },
      { key: 'v3', value: { REGION: 'us', SKU: 1 }, timestamp: 1002 },
      { key: 'v4', value: { REGION: 'us', SKU: null }, timestamp: 1003 },
    ]);
    await produce(log, 'sales', [
      { key: 's1', value: { REGION: 'eu', SKU: 1, PRICE: 10 }, timestamp: 2000 },
      { key: 's2', value: { REGION: 'us', SKU: 2, PRICE: 20 }, timestamp: 2001 },
      { key: 's3', value: { REGION: 'us', SKU: 1, PRICE: 30 }, timestamp: 2002 },
      { key: 's4', value: { REGION: 'us', SKU: null, PRICE: 40 }, timestamp: 2003 },
    ]);
    await engine.drain();
    expect(byText(await pull(engine, 'SELECT V_REGION, V_SKU, VIEW_ID, SALE_ID, PRICE FROM CONVERSIONS;'))).toEqual([
      ['eu', 1, 'v1', 's1', 10],
      ['us', 1, 'v3', 's3', 30],
    ]);
    const [described] = await engine.execute({ sql: 'DESCRIBE CONVERSIONS;' });
    expect(JSON.stringify(described)).toMatch(/"V_REGION".*"type":"KEY".*"V_SKU".*"type":"KEY"/);
    const topics = (await log.listTopics()).map((topic) => topic.name);
    expect(topics.filter((topic) => topic.endsWith('-repartition')).map((topic) => topic.replace(/^.*_0-/, '')).sort()).toEqual([
      'Join-left-repartition',
      'Join-right-repartition',
    ]);
    await engine.close();
  });

  it('joins two tables on both columns of their keys, with updates and deletes', async () => {
    const log = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 4 });
    const engine = await engineOn(log, 'composite_tables_');
    await engine.execute({
      sql: `CREATE TABLE STOCK (SHOP STRING PRIMARY KEY, SKU INT PRIMARY KEY, QTY INT) WITH (KAFKA_TOPIC='stock', KEY_FORMAT='JSON', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE PRICES (SHOP STRING PRIMARY KEY, SKU INT PRIMARY KEY, PRICE INT) WITH (KAFKA_TOPIC='prices', KEY_FORMAT='JSON', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE SHELF WITH (KEY_FORMAT='JSON') AS
              SELECT S.SHOP, S.SKU, QTY, PRICE FROM STOCK S LEFT JOIN PRICES P ON S.SHOP = P.SHOP AND S.SKU = P.SKU;`,
    });
    await produce(log, 'stock', [
      { key: '{"SHOP":"a","SKU":1}', value: { QTY: 5 }, timestamp: 1 },
      { key: '{"SHOP":"a","SKU":2}', value: { QTY: 6 }, timestamp: 2 },
      { key: '{"SHOP":"b","SKU":1}', value: { QTY: 7 }, timestamp: 3 },
    ]);
    await produce(log, 'prices', [
      { key: '{"SHOP":"a","SKU":1}', value: { PRICE: 100 }, timestamp: 4 },
      { key: '{"SHOP":"b","SKU":2}', value: { PRICE: 200 }, timestamp: 5 },
      { key: '{"SHOP":"b","SKU":1}', value: { PRICE: 300 }, timestamp: 6 },
    ]);
    await engine.drain();
    // (b, 1)'s price goes away again: the left join pads it with NULL.
    await produce(log, 'prices', [{ key: '{"SHOP":"b","SKU":1}', value: null, timestamp: 7 }]);
    await engine.drain();
    expect(byText(await pull(engine, 'SELECT S_SHOP, S_SKU, QTY, PRICE FROM SHELF;'))).toEqual([
      ['a', 1, 5, 100],
      ['a', 2, 6, null],
      ['b', 1, 7, null],
    ]);
    await engine.close();
  });

  it('refuses what has no tuple key: a FULL OUTER join, and a foreign-key join on several columns', async () => {
    const log = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 4 });
    const engine = await engineOn(log, 'composite_errors_');
    await engine.execute({
      sql: `CREATE STREAM A (ID STRING KEY, X INT, Y INT) WITH (KAFKA_TOPIC='a', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM B (ID STRING KEY, X INT, Y INT) WITH (KAFKA_TOPIC='b', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE T (ID STRING PRIMARY KEY, X STRING, Y INT) WITH (KAFKA_TOPIC='t', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE U (ID STRING PRIMARY KEY, X INT PRIMARY KEY, Z INT) WITH (KAFKA_TOPIC='u', KEY_FORMAT='JSON', VALUE_FORMAT='JSON', PARTITIONS=4);`,
    });
    await expect(engine.execute({ sql: 'CREATE STREAM O1 AS SELECT * FROM A FULL OUTER JOIN B WITHIN 1 MINUTE ON A.X = B.X AND A.Y = B.Y;' })).rejects.toThrow(
      /a join on several columns .* cannot be a FULL OUTER join .* Got A\.X = B\.X AND A\.Y = B\.Y\./,
    );
    await expect(engine.execute({ sql: 'CREATE TABLE O2 AS SELECT * FROM T JOIN U ON T.X = U.ID AND T.Y = U.X;' })).rejects.toThrow(
      /foreign-key table-table joins on several columns are not supported/,
    );
    // A table is never repartitioned by a value column, one equality of several or not.
    await expect(engine.execute({ sql: 'CREATE TABLE O3 AS SELECT * FROM T JOIN U ON T.X = U.ID AND T.Y = U.Z;' })).rejects.toThrow(
      /Cannot repartition a TABLE source/,
    );
    await expect(engine.execute({ sql: 'CREATE STREAM O4 AS SELECT * FROM A JOIN B WITHIN 1 MINUTE ON A.X = B.X AND A.Y > B.Y;' })).rejects.toThrow(
      /only equality joins are supported/,
    );
    await engine.close();
  });
});

describe('a join of keys in different formats', () => {
  it('moves the right side into the left side key format, so that equal keys meet', async () => {
    const log = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 4 });
    const engine = await engineOn(log, 'key_formats_');
    await engine.execute({
      sql: `CREATE STREAM L (ID INT KEY, A STRING) WITH (KAFKA_TOPIC='l', KEY_FORMAT='DELIMITED', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM R (ID INT KEY, B STRING) WITH (KAFKA_TOPIC='r', KEY_FORMAT='JSON', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM LR AS SELECT L.ID, A, B FROM L JOIN R WITHIN 1 MINUTE ON L.ID = R.ID;`,
    });
    await produce(log, 'l', [1, 2, 3, 4, 5, 6].map((id) => ({ key: String(id), value: { A: `a${id}` }, timestamp: id })));
    await produce(log, 'r', [2, 4, 6, 8].map((id) => ({ key: String(id), value: { B: `b${id}` }, timestamp: 10 + id })));
    await engine.drain();
    expect(byText(await pull(engine, 'SELECT L_ID, A, B FROM LR;'))).toEqual([
      [2, 'a2', 'b2'],
      [4, 'a4', 'b4'],
      [6, 'a6', 'b6'],
    ]);
    expect((await log.listTopics()).map((topic) => topic.name).filter((topic) => topic.endsWith('-repartition')).map((topic) => topic.replace(/^.*_0-/, ''))).toEqual(['Join-right-repartition']);
    await engine.close();
  });
});
