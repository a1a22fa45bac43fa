// Joins end to end on the in-memory Log: a stream-table join over 4 partitions whose stream side
// is repartitioned by a value column (rows must meet the table's rows in the partition Kafka's
// key hash gives them), its table side restored from the changelog after a restart on an empty
// state dir; a stream-stream left join whose NULL-padded results wait for the window and grace;
// a foreign-key join under key changes, and two in one query; sides of different partition counts
// (the right side moves into the left's partitions); a join key that fails to compute; a push query
// that joins.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/index.js';
import { MemoryLog, type Log } from '../../src/runtime/index.js';
import { pull, startEngine } from './memory-engine.js';

async function produce(log: Log, topic: string, records: readonly { key: string; value: object | null; timestamp: number }[]): Promise<void> {
  const producer = await log.producer();
  producer.send(
    records.map(({ key, value, timestamp }) => ({ topic, key: Buffer.from(key), value: value === null ? null : Buffer.from(JSON.stringify(value)), timestamp })),
  );
  await producer.flush();
  await producer.close();
}

const USERS = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus'];
const orders = (from: number, count: number) =>
  Array.from({ length: count }, (_, index) => ({ key: `o${from + index}`, value: { USER_ID: USERS[(from + index) % USERS.length], AMOUNT: from + index }, timestamp: 1000 + from + index }));

const SOURCES = `
  CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', PARTITIONS=4);
  CREATE STREAM ORDERS (ORDER_ID STRING KEY, USER_ID STRING, AMOUNT INT) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=4);`;
const ENRICH = 'CREATE STREAM ENRICHED AS SELECT O.USER_ID, ORDER_ID, AMOUNT, NAME FROM ORDERS O LEFT JOIN USERS U ON O.USER_ID = U.ID;';

describe('joins end to end', () => {
  it('joins a repartitioned stream to a table across partitions, and after a restore from the changelog', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const first = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-join-')), 'join_');
    await first.execute({ sql: `${SOURCES} ${ENRICH}` });
    // Every user but gus has a name; gus's orders are padded with NULL.
    await produce(log, 'users', USERS.slice(0, -1).map((user, index) => ({ key: user, value: { NAME: user.toUpperCase() }, timestamp: index })));
    await first.drain();
    await produce(log, 'orders', orders(0, 70));
    await first.drain();
    const expected = (from: number, count: number) =>
      orders(from, count).map(({ value }) => [value.USER_ID, value.AMOUNT, value.USER_ID === 'gus' ? null : value.USER_ID.toUpperCase()]);
    const read = async (engine: typeof first) =>
      (await pull(engine, 'SELECT USER_ID, AMOUNT, NAME FROM ENRICHED;')).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(await read(first)).toEqual(expected(0, 70));
    await first.close();

    // An empty state dir: the table side comes back from its changelog before new orders join it.
    const second = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-join-')), 'join_');
    await produce(log, 'orders', orders(70, 30));
    await second.drain();
    expect(await read(second)).toEqual(expected(0, 100));
    await second.close();
  });

  it('holds back a left join NULL result until the window and grace have closed, and drops it when a partner comes', async () => {
    const log = new MemoryLog({ autoCreateTopics: true, defaultPartitions: 1 });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-join-')), 'ssjoin_');
    await engine.execute({
      sql: `CREATE STREAM CLICKS (ID STRING KEY, PAGE STRING) WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON');
            CREATE STREAM BUYS (ID STRING KEY, ITEM STRING) WITH (KAFKA_TOPIC='buys', VALUE_FORMAT='JSON');
            CREATE STREAM FUNNEL AS SELECT C.ID, PAGE, ITEM FROM CLICKS C LEFT JOIN BUYS B WITHIN 10 SECONDS GRACE PERIOD 5 SECONDS ON C.ID = B.ID;`,
    });
    const funnel = async () => pull(engine, 'SELECT C_ID, PAGE, ITEM, ROWTIME FROM FUNNEL;');
    await produce(log, 'clicks', [
      { key: 'a', value: { PAGE: 'home' }, timestamp: 1000 },
      { key: 'b', value: { PAGE: 'shop' }, timestamp: 2000 },
    ]);
    await engine.drain();
    await produce(log, 'buys', [{ key: 'b', value: { ITEM: 'hat' }, timestamp: 9000 }]);
    await engine.drain();
    // b matched (at the later time); a is still within its window plus grace: nothing for it yet.
    expect(await funnel()).toEqual([['b', 'shop', 'hat', 9000n]]);
    // Stream time passes 1000 + 10000 + 5000: a's NULL result is emitted, at a's time.
    await produce(log, 'clicks', [{ key: 'c', value: { PAGE: 'cart' }, timestamp: 16001 }]);
    await engine.drain();
    expect(await funnel()).toEqual([
      ['b', 'shop', 'hat', 9000n],
      ['a', 'home', null, 1000n],
    ]);
    await engine.close();
  });
});

describe('foreign-key joins end to end', () => {
  it('follows a row to the partition of its new foreign key, and updates every row that references a changed right row', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-fkjoin-')), 'fkjoin_');
    await engine.execute({
      sql: `CREATE TABLE PRODUCTS (ID STRING PRIMARY KEY, TITLE STRING) WITH (KAFKA_TOPIC='products', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE LINES (ID STRING PRIMARY KEY, PRODUCT_ID STRING, QTY INT) WITH (KAFKA_TOPIC='lines', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE LINE_TITLES AS SELECT L.ID, QTY, TITLE FROM LINES L JOIN PRODUCTS P ON L.PRODUCT_ID = P.ID;`,
    });
    const products = Array.from({ length: 8 }, (_, index) => ({ key: `p${index}`, value: { TITLE: `thing ${index}` }, timestamp: index }));
    await produce(log, 'products', products);
    await engine.drain();
    const lines = Array.from({ length: 40 }, (_, index) => ({ key: `l${index}`, value: { PRODUCT_ID: `p${index % 8}`, QTY: index }, timestamp: 100 + index }));
    await produce(log, 'lines', lines);
    await engine.drain();
    // p3 is renamed; l0 moves from p0 to p3; l1 is deleted.
    await produce(log, 'products', [{ key: 'p3', value: { TITLE: 'renamed' }, timestamp: 200 }]);
    await produce(log, 'lines', [
      { key: 'l0', value: { PRODUCT_ID: 'p3', QTY: 0 }, timestamp: 201 },
      { key: 'l1', value: null, timestamp: 202 },
    ]);
    await engine.drain();
    const rows = (await pull(engine, 'SELECT L_ID, QTY, TITLE FROM LINE_TITLES;')).sort((a, b) => Number(a[1]) - Number(b[1]));
    const expected = lines
      .filter(({ key }) => key !== 'l1')
      .map(({ key, value }) => {
        const product = key === 'l0' ? 'p3' : value.PRODUCT_ID;
        return [key, value.QTY, product === 'p3' ? 'renamed' : `thing ${product.slice(1)}`];
      });
    expect(rows).toEqual(expected);
    await engine.close();
  });
});

describe('foreign-key joins over an earlier join (beyond ksqlDB)', () => {
  //   LINES ──PRODUCT_ID──► PRODUCTS (inner)      then      ──WAREHOUSE_ID──► WAREHOUSES (left)
  // The second join's left table is the first join's results: they move back to their line's
  // partition, where each line's previous result says which warehouse it referenced before.
  it('follows two foreign keys in one query as lines, products and warehouses change', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-fk2-')), 'fk2_');
    await engine.execute({
      sql: `CREATE TABLE PRODUCTS (ID STRING PRIMARY KEY, TITLE STRING) WITH (KAFKA_TOPIC='products', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE WAREHOUSES (ID STRING PRIMARY KEY, CITY STRING) WITH (KAFKA_TOPIC='warehouses', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE LINES (ID STRING PRIMARY KEY, PRODUCT_ID STRING, WAREHOUSE_ID STRING, QTY INT) WITH (KAFKA_TOPIC='lines', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE LINE_INFO AS SELECT L.ID, QTY, TITLE, CITY FROM LINES L
              JOIN PRODUCTS P ON L.PRODUCT_ID = P.ID
              LEFT JOIN WAREHOUSES W ON L.WAREHOUSE_ID = W.ID;`,
    });
    const products = new Map(Array.from({ length: 6 }, (_, index) => [`p${index}`, `thing ${index}`]));
    const warehouses = new Map(Array.from({ length: 3 }, (_, index) => [`w${index}`, `city ${index}`]));
    const lines = new Map(Array.from({ length: 30 }, (_, index) => [`l${index}`, { PRODUCT_ID: `p${index % 6}`, WAREHOUSE_ID: `w${index % 4}`, QTY: index }]));
    let time = 0;
    const upsert = (topic: string, key: string, value: object | null) => produce(log, topic, [{ key, value, timestamp: time++ }]);
    for (const [key, title] of products) await upsert('products', key, { TITLE: title });
    for (const [key, city] of warehouses) await upsert('warehouses', key, { CITY: city });
    for (const [key, line] of lines) await upsert('lines', key, line);
    await engine.drain();

    // Lines l0..l9 move to another product and another warehouse, l1 to a missing warehouse; then
    // every warehouse is renamed (no line may follow its old one), w3 appears, p5 and l2 are deleted.
    for (let index = 0; index < 10; index++) {
      const line = { PRODUCT_ID: `p${(index + 1) % 6}`, WAREHOUSE_ID: index === 1 ? 'nowhere' : `w${(index + 1) % 3}`, QTY: index };
      lines.set(`l${index}`, line);
      await upsert('lines', `l${index}`, line);
    }
    await engine.drain();
    for (const key of ['w0', 'w1', 'w2']) {
      warehouses.set(key, `renamed ${key}`);
      await upsert('warehouses', key, { CITY: `renamed ${key}` });
    }
    warehouses.set('w3', 'new city');
    await upsert('warehouses', 'w3', { CITY: 'new city' });
    products.delete('p5');
    await upsert('products', 'p5', null);
    lines.delete('l2');
    await upsert('lines', 'l2', null);
    await engine.drain();

    const expected = [...lines]
      .filter(([, line]) => products.has(line.PRODUCT_ID))
      .map(([key, line]) => [key, line.QTY, products.get(line.PRODUCT_ID), warehouses.get(line.WAREHOUSE_ID) ?? null])
      .sort((a, b) => Number(a[1]) - Number(b[1]));
    const rows = (await pull(engine, 'SELECT L_ID, QTY, TITLE, CITY FROM LINE_INFO;')).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(rows).toEqual(expected);
    await engine.close();
  });

  it('follows a foreign key of a primary-key join\'s results as its rows change', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-pkfk-')), 'pkfk_');
    await engine.execute({
      sql: `CREATE TABLE ORDERS (ID STRING PRIMARY KEY, AMOUNT INT) WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE SHIPMENTS (ID STRING PRIMARY KEY, DEPOT_ID STRING) WITH (KAFKA_TOPIC='shipments', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE DEPOTS (ID STRING PRIMARY KEY, TOWN STRING) WITH (KAFKA_TOPIC='depots', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE ROUTED AS SELECT O.ID, AMOUNT, TOWN FROM ORDERS O
              JOIN SHIPMENTS S ON O.ID = S.ID
              JOIN DEPOTS D ON S.DEPOT_ID = D.ID;`,
    });
    let time = 0;
    const upsert = (topic: string, key: string, value: object | null) => produce(log, topic, [{ key, value, timestamp: time++ }]);
    const depots = new Map([['d0', 'north'], ['d1', 'south'], ['d2', 'east']]);
    const shipments = new Map(Array.from({ length: 12 }, (_, index) => [`o${index}`, `d${index % 3}`]));
    for (const [key, town] of depots) await upsert('depots', key, { TOWN: town });
    for (let index = 0; index < 12; index++) await upsert('orders', `o${index}`, { AMOUNT: index });
    for (const [key, depot] of shipments) await upsert('shipments', key, { DEPOT_ID: depot });
    await engine.drain();
    // Every shipment moves to the next depot; then every depot is renamed; o3's shipment is deleted.
    for (const [key, depot] of shipments) {
      const next = `d${(Number(depot.slice(1)) + 1) % 3}`;
      shipments.set(key, next);
      await upsert('shipments', key, { DEPOT_ID: next });
    }
    await engine.drain();
    for (const key of depots.keys()) {
      depots.set(key, `${key} renamed`);
      await upsert('depots', key, { TOWN: `${key} renamed` });
    }
    shipments.delete('o3');
    await upsert('shipments', 'o3', null);
    await engine.drain();
    const expected = [...shipments].map(([key, depot]) => [key, Number(key.slice(1)), depots.get(depot)]).sort((a, b) => Number(a[1]) - Number(b[1]));
    const rows = (await pull(engine, 'SELECT O_ID, AMOUNT, TOWN FROM ROUTED;')).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(rows).toEqual(expected);
    await engine.close();
  });
});

describe('joins across topics of different partition counts', () => {
  const TABLE = "CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', PARTITIONS=4);";

  it('moves the right side of two sides read as they are into the left\'s partitions when their counts differ', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-copart-')), 'copart_');
    await engine.execute({
      sql: `${TABLE} CREATE STREAM VISITS (USER_ID STRING KEY, PAGE STRING) WITH (KAFKA_TOPIC='visits', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE STREAM NAMED AS SELECT V.USER_ID, PAGE, NAME FROM VISITS V JOIN USERS U ON V.USER_ID = U.ID;`,
    });
    const [explained] = await engine.execute({ sql: 'EXPLAIN SELECT V.USER_ID, PAGE, NAME FROM VISITS V JOIN USERS U ON V.USER_ID = U.ID EMIT CHANGES;' });
    expect(JSON.stringify(explained)).toContain('RightSourceKeyed-SelectKey-repartition');
    const repartition = (await log.listTopics()).find((topic) => topic.name.endsWith('RightSourceKeyed-SelectKey-repartition'));
    expect(repartition?.partitions).toBe(2);
    await produce(log, 'users', USERS.map((user, index) => ({ key: user, value: { NAME: user.toUpperCase() }, timestamp: index })));
    await engine.drain();
    await produce(log, 'visits', USERS.map((user, index) => ({ key: user, value: { PAGE: `p${index}` }, timestamp: 100 + index })));
    await engine.drain();
    const rows = (await pull(engine, 'SELECT USER_ID, NAME FROM NAMED;')).sort();
    expect(rows).toEqual(USERS.map((user) => [user, user.toUpperCase()]));
    await engine.close();
  });

  it('runs a foreign-key join whose tables have different counts, as ksqlDB does: the left table reaches the right through its subscription topic', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-copart-')), 'copartfk_');
    await engine.execute({
      sql: `CREATE TABLE PRODUCTS (ID STRING PRIMARY KEY, TITLE STRING) WITH (KAFKA_TOPIC='products', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE TABLE LINES (ID STRING PRIMARY KEY, PRODUCT_ID STRING) WITH (KAFKA_TOPIC='lines', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE TABLE LINE_TITLES AS SELECT L.ID, TITLE FROM LINES L JOIN PRODUCTS P ON L.PRODUCT_ID = P.ID;`,
    });
    const partitionsOf = async (suffix: string) => (await log.listTopics()).find((topic) => topic.name.endsWith(suffix))?.partitions;
    expect(await partitionsOf('KafkaTopic_Left-Reduce-changelog')).toBe(2);
    expect(await partitionsOf('Join-fk-subscription-repartition')).toBe(4);
    await produce(log, 'products', Array.from({ length: 4 }, (_, index) => ({ key: `p${index}`, value: { TITLE: `thing ${index}` }, timestamp: index })));
    await engine.drain();
    await produce(log, 'lines', Array.from({ length: 12 }, (_, index) => ({ key: `l${index}`, value: { PRODUCT_ID: `p${index % 4}` }, timestamp: 10 + index })));
    await engine.drain();
    // l0 moves from p0 to p1, then p0 is renamed: l0 must not follow it.
    await produce(log, 'lines', [{ key: 'l0', value: { PRODUCT_ID: 'p1' }, timestamp: 30 }]);
    await produce(log, 'products', [{ key: 'p0', value: { TITLE: 'renamed' }, timestamp: 31 }]);
    await engine.drain();
    const rows = (await pull(engine, 'SELECT L_ID, TITLE FROM LINE_TITLES;')).sort((a, b) => Number(String(a[0]).slice(1)) - Number(String(b[0]).slice(1)));
    const product = (index: number) => (index === 0 ? 1 : index % 4);
    expect(rows).toEqual(Array.from({ length: 12 }, (_, index) => [`l${index}`, product(index) === 0 ? 'renamed' : `thing ${product(index)}`]));
    await engine.close();
  });

  it('refuses windowed sides of different counts, which cannot move, naming the sources and their counts', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-copart-')), 'copart3_');
    const windowed = (name: string, partitions: number) =>
      `CREATE STREAM ${name} (ID STRING KEY, V INT) WITH (KAFKA_TOPIC='${name.toLowerCase()}', VALUE_FORMAT='JSON', PARTITIONS=${partitions}, WINDOW_TYPE='TUMBLING', WINDOW_SIZE='1 SECOND');`;
    await engine.execute({ sql: `${windowed('W1', 2)} ${windowed('W2', 4)}` });
    await expect(engine.execute({ sql: 'CREATE STREAM BOTH AS SELECT W1.ID, W1.V, W2.V AS V2 FROM W1 JOIN W2 WITHIN 1 MINUTE ON W1.ID = W2.ID;' })).rejects.toThrow(
      "Can't join `W1` with `W2` since the number of partitions don't match. `W1` partitions = 2; `W2` partitions = 4.",
    );
    await engine.close();
  });

  it('repartitions a side joined on a value column into as many partitions as the other side', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-copart-')), 'copart2_');
    await engine.execute({
      sql: `${TABLE} CREATE STREAM VISITS (ID STRING KEY, USER_ID STRING, PAGE STRING) WITH (KAFKA_TOPIC='visits', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE STREAM NAMED AS SELECT V.USER_ID, PAGE, NAME FROM VISITS V JOIN USERS U ON V.USER_ID = U.ID;`,
    });
    await produce(log, 'users', USERS.map((user, index) => ({ key: user, value: { NAME: user.toUpperCase() }, timestamp: index })));
    await engine.drain();
    await produce(log, 'visits', USERS.map((user, index) => ({ key: `v${index}`, value: { USER_ID: user, PAGE: `p${index}` }, timestamp: 100 + index })));
    await engine.drain();
    const rows = (await pull(engine, 'SELECT USER_ID, NAME FROM NAMED;')).sort();
    expect(rows).toEqual(USERS.map((user) => [user, user.toUpperCase()]));
    await engine.close();
  });
});

describe('a windowed aggregation over a join', () => {
  it('gives each result its window\'s bounds, where ksqlDB cannot resolve WINDOWSTART (its issue 5931)', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-winjoin-')), 'winjoin_');
    await engine.execute({
      sql: `CREATE STREAM CLICKS (ID STRING KEY, PAGE STRING) WITH (KAFKA_TOPIC='clicks', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE TABLE PEOPLE (ID STRING PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='people', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE TABLE PER_WINDOW AS SELECT C.ID, COUNT(*) AS N, WINDOWSTART AS WSTART, WINDOWEND AS WEND FROM CLICKS C JOIN PEOPLE P ON C.ID = P.ID
              WINDOW TUMBLING (SIZE 10 MILLISECONDS) GROUP BY C.ID;`,
    });
    await produce(log, 'people', [{ key: 'ann', value: { NAME: 'Ann' }, timestamp: 1 }]);
    await engine.drain();
    await produce(log, 'clicks', [
      { key: 'ann', value: { PAGE: 'a' }, timestamp: 13 },
      { key: 'ann', value: { PAGE: 'b' }, timestamp: 17 },
      { key: 'ann', value: { PAGE: 'c' }, timestamp: 25 },
    ]);
    await engine.drain();
    const rows = (await pull(engine, "SELECT N, WSTART, WEND FROM PER_WINDOW WHERE C_ID = 'ann';")).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(rows).toEqual([
      [2n, 10n, 20n],
      [1n, 20n, 30n],
    ]);
    await engine.close();
  });
});

describe('bad records in a join', () => {
  it('writes a join key that fails to compute to the processing log with its reason, and keeps joining', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const engine = await startEngine(log, mkdtempSync(join(tmpdir(), 'squall-joinerr-')), 'joinerr_');
    await engine.execute({
      sql: `CREATE TABLE SHELVES (ID INT PRIMARY KEY, LABEL STRING) WITH (KAFKA_TOPIC='shelves', KEY_FORMAT='JSON', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE STREAM ITEMS (ID STRING KEY, SPOT INT, PER_SHELF INT) WITH (KAFKA_TOPIC='items', VALUE_FORMAT='JSON', PARTITIONS=2);
            CREATE STREAM PLACED AS SELECT S.ID AS SHELF, LABEL FROM ITEMS I JOIN SHELVES S ON I.SPOT / I.PER_SHELF = S.ID;`,
    });
    await produce(log, 'shelves', [{ key: '2', value: { LABEL: 'top' }, timestamp: 0 }]);
    await engine.drain();
    await produce(log, 'items', [
      { key: 'a', value: { SPOT: 5, PER_SHELF: 0 }, timestamp: 10 },
      { key: 'b', value: { SPOT: 5, PER_SHELF: 2 }, timestamp: 11 },
    ]);
    await engine.drain();
    expect(engine.processingLogEntries).toHaveLength(1);
    expect(engine.processingLogEntries[0]).toMatchObject({ kind: 'RECORD_PROCESSING_ERROR', topic: 'items' });
    expect(engine.processingLogEntries[0]?.message).toContain('Error computing the left join key: / by zero');
    expect(await pull(engine, 'SELECT SHELF, LABEL FROM PLACED;')).toEqual([[2, 'top']]);
    await engine.close();
  });
});

describe('a push query that joins', () => {
  it('streams a stream-table join as the stream records arrive', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const live = new Engine(log, { serviceId: 'pushjoin_', guarantee: 'exactly_once_v2', properties: {}, background: true, kafkaClusterId: 'memory' });
    await live.start();
    await live.execute({ sql: SOURCES });
    await produce(log, 'users', [{ key: 'ann', value: { NAME: 'Ann' }, timestamp: 1 }]);
    await produce(log, 'orders', [{ key: 'o1', value: { USER_ID: 'ann', AMOUNT: 5 }, timestamp: 10 }]);
    const query = await live.query({
      sql: 'SELECT O.USER_ID, AMOUNT, NAME FROM ORDERS O JOIN USERS U ON O.USER_ID = U.ID EMIT CHANGES;',
      properties: { 'auto.offset.reset': 'earliest' },
    });
    const events = query.events[Symbol.asyncIterator]();
    expect(await events.next()).toEqual({ done: false, value: { kind: 'row', values: ['ann', 5, 'Ann'] } });
    live.closeQuery(query.queryId);
    await live.close();
  });

  it('moves the right side into the left\'s partitions when their counts differ, as a persistent query does', async () => {
    const log = new MemoryLog({ autoCreateTopics: true });
    const live = new Engine(log, { serviceId: 'pushcopart_', guarantee: 'exactly_once_v2', properties: {}, background: true, kafkaClusterId: 'memory' });
    await live.start();
    await live.execute({
      sql: `CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING) WITH (KAFKA_TOPIC='users', VALUE_FORMAT='JSON', PARTITIONS=4);
            CREATE STREAM VISITS (USER_ID STRING KEY, PAGE STRING) WITH (KAFKA_TOPIC='visits', VALUE_FORMAT='JSON', PARTITIONS=2);`,
    });
    await produce(log, 'users', [{ key: 'ann', value: { NAME: 'Ann' }, timestamp: 1 }]);
    const query = await live.query({
      sql: 'SELECT V.USER_ID, PAGE, NAME FROM VISITS V JOIN USERS U ON V.USER_ID = U.ID EMIT CHANGES;',
      properties: { 'auto.offset.reset': 'earliest' },
    });
    // The table's rows reach the join through the repartition topic: the visit comes after them.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await produce(log, 'visits', [{ key: 'ann', value: { PAGE: 'home' }, timestamp: 10 }]);
    const events = query.events[Symbol.asyncIterator]();
    expect(await events.next()).toEqual({ done: false, value: { kind: 'row', values: ['ann', 'home', 'Ann'] } });
    live.closeQuery(query.queryId);
    await live.close();
  });
});
