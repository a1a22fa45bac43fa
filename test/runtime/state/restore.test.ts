// Restoring stores from their changelog: full and from a checkpoint, transactional changelogs,
// retention, and the changelogs that cannot be restored.
import { describe, expect, it } from 'vitest';
import type { Log, LogConsumer, LogProducer } from '../../../src/runtime/log/log.js';
import { MemoryLog } from '../../../src/runtime/log/memory-log.js';
import { encodeWindowKey } from '../../../src/runtime/state/changelog-key.js';
import type { ChangelogWriter } from '../../../src/runtime/state/changelogging-store.js';
import { openSqliteStore, openStore } from '../../../src/runtime/state/open-stores.js';
import { ChangelogTruncatedError, formatRestoreProgress, restoreStore } from '../../../src/runtime/state/restore.js';
import type { KeyValueStore, SessionStore, StateStore, StoreKind, StoreSpec, WindowStore } from '../../../src/runtime/state/store.js';
import type { TaskDatabase } from '../../../src/runtime/state/task-database.js';
import { bytes, hex, useTaskDatabases } from './state-fixtures.js';

const PARTITION = 2;

const spec = <Kind extends StoreKind>(kind: Kind, name: string, extra: Partial<StoreSpec> = {}): StoreSpec & { kind: Kind } => ({
  ...extra,
  name,
  kind,
  changelogTopic: `q1-${name}-changelog`,
});

/** A task writing through full store stacks, their changelogs produced transactionally to a MemoryLog. */
async function startTask(log: MemoryLog, db: TaskDatabase) {
  const producer = await log.producer({ transactionalId: 'task' });
  const changelogTo = (topic: string): ChangelogWriter => (key, value) => producer.send([{ topic, partition: PARTITION, key, value }]);
  return {
    producer,
    async openStore<Kind extends StoreKind>(storeSpec: StoreSpec & { kind: Kind }) {
      await log.createTopic(storeSpec.changelogTopic, { partitions: 3 });
      return openStore(db, storeSpec, changelogTo(storeSpec.changelogTopic));
    },
    async begin(): Promise<void> {
      await producer.beginTransaction();
      db.begin();
    },
    /** The task's commit: flush, commit Kafka, then SQLite. */
    async commit(stores: readonly StateStore[]): Promise<void> {
      for (const store of stores) store.flush();
      await producer.commitTransaction([], undefined);
      db.commit();
      await producer.beginTransaction();
      db.begin();
    },
  };
}

const keyValueContents = (store: KeyValueStore): string[] => [...store.range(undefined, undefined)].map(([key, value]) => `${hex(key)}=${hex(value)}`);
const windowContents = (store: WindowStore): string[] =>
  [...store.fetchAll(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)].map((entry) => `${hex(entry.key)}@${entry.windowStart}=${hex(entry.value)}`);
const sessionContents = (store: SessionStore): string[] =>
  [...store.fetchAll()].map((session) => `${hex(session.key)}:${session.start}-${session.end}=${hex(session.value)}`);

describe('restoreStore', () => {
  const databases = useTaskDatabases();

  it('rebuilds a key-value store with identical contents, checkpointing the end offset', async () => {
    const log = new MemoryLog();
    const counts = spec('keyValue', 'counts');
    const source = databases.open('source');
    const writer = await startTask(log, source);
    const store = await writer.openStore(counts);
    await writer.begin();
    for (let round = 0; round < 3; round++) {
      for (let key = 0; key < 3000; key++) store.put(bytes(`k${key}`), bytes(`${round}:${key}`));
      for (let key = round; key < 3000; key += 7) store.delete(bytes(`k${key}`));
      await writer.commit([store]);
    }

    const target = databases.open('target');
    const restoredStore = openSqliteStore(target, counts);
    const result = await restoreStore({ log, db: target, spec: counts, partition: PARTITION, store: restoredStore });

    expect(keyValueContents(restoredStore)).toEqual(keyValueContents(openSqliteStore(source, counts)));
    // Each round rewrites every key, then deletes every 7th from k<round>: the last round's deletes remain.
    expect(restoredStore.approximateCount()).toBe(3000 - Math.ceil((3000 - 2) / 7));
    expect(result).toEqual({ restored: 9000, fromOffset: 0, toOffset: 9000 });
    expect(target.checkpoint(counts.changelogTopic, PARTITION)).toBe(9000);
    expect(target.inTransaction).toBe(false);
  });

  it('rebuilds window and session stores with identical contents', async () => {
    const log = new MemoryLog();
    const windows = spec('window', 'windows', { windowSizeMs: 1000 });
    const sessions = spec('session', 'sessions');
    const source = databases.open('source');
    const writer = await startTask(log, source);
    const windowStore = await writer.openStore(windows);
    const sessionStore = await writer.openStore(sessions);
    await writer.begin();
    for (let key = 0; key < 500; key++) {
      for (const start of [-1000, 0, 1000]) windowStore.put(bytes(`k${key}`), start, bytes(`${key}@${start}`));
      windowStore.delete(bytes(`k${key}`), key % 2 === 0 ? 0 : 1000);
      sessionStore.put(bytes(`k${key}`), key, key + 10, bytes('first'));
      sessionStore.put(bytes(`k${key}`), key + 100, key + 110, bytes('second'));
      if (key % 3 === 0) sessionStore.remove(bytes(`k${key}`), key, key + 10);
    }
    await writer.commit([windowStore, sessionStore]);

    const target = databases.open('target');
    const restoredWindows = openSqliteStore(target, windows);
    const restoredSessions = openSqliteStore(target, sessions);
    await restoreStore({ log, db: target, spec: windows, partition: PARTITION, store: restoredWindows });
    await restoreStore({ log, db: target, spec: sessions, partition: PARTITION, store: restoredSessions });

    expect(windowContents(restoredWindows)).toEqual(windowContents(openSqliteStore(source, windows)));
    expect(restoredWindows.approximateCount()).toBe(1000);
    expect(sessionContents(restoredSessions)).toEqual(sessionContents(openSqliteStore(source, sessions)));
    expect(restoredSessions.approximateCount()).toBe(1000 - 167);
  });

  it('replays only the tail after its checkpoint', async () => {
    const log = new MemoryLog();
    const counts = spec('keyValue', 'counts');
    const source = databases.open('source');
    const writer = await startTask(log, source);
    const store = await writer.openStore(counts);
    await writer.begin();
    for (let key = 0; key < 100; key++) store.put(bytes(`k${key}`), bytes('1'));
    await writer.commit([store]);

    const target = databases.open('target');
    const restoredStore = openSqliteStore(target, counts);
    await restoreStore({ log, db: target, spec: counts, partition: PARTITION, store: restoredStore });

    store.put(bytes('k5'), bytes('2'));
    store.delete(bytes('k6'));
    store.put(bytes('new'), bytes('1'));
    await writer.commit([store]);
    const tail = await restoreStore({ log, db: target, spec: counts, partition: PARTITION, store: restoredStore });

    expect(tail).toEqual({ restored: 3, fromOffset: 100, toOffset: 103 });
    expect(keyValueContents(restoredStore)).toEqual(keyValueContents(openSqliteStore(source, counts)));
    expect(await restoreStore({ log, db: target, spec: counts, partition: PARTITION, store: restoredStore })).toEqual({
      restored: 0,
      fromOffset: 103,
      toOffset: 103,
    });
  });

  it('skips records of aborted transactions, even at the end of the changelog', async () => {
    const log = new MemoryLog();
    const counts = spec('keyValue', 'counts');
    const source = databases.open('source');
    const writer = await startTask(log, source);
    const store = await writer.openStore(counts);
    await writer.begin();
    store.put(bytes('a'), bytes('committed'));
    await writer.commit([store]);
    store.put(bytes('a'), bytes('aborted'));
    store.put(bytes('b'), bytes('aborted'));
    store.flush();
    await writer.producer.abortTransaction();

    const target = databases.open('target');
    const restoredStore = openSqliteStore(target, counts);
    const result = await restoreStore({ log, db: target, spec: counts, partition: PARTITION, store: restoredStore });

    expect(result).toEqual({ restored: 1, fromOffset: 0, toOffset: 3 });
    expect(keyValueContents(restoredStore)).toEqual([`${hex(bytes('a'))}=${hex(bytes('committed'))}`]);
    expect(target.checkpoint(counts.changelogTopic, PARTITION)).toBe(3);
  });

  it('drops windows that retention had expired, measured from the newest restored window', async () => {
    const log = new MemoryLog();
    const windows = spec('window', 'windows', { windowSizeMs: 1000, retentionMs: 5000 });
    const source = databases.open('source');
    const writer = await startTask(log, source);
    const store = await writer.openStore(windows);
    await writer.begin();
    for (const start of [0, 1000]) store.put(bytes('a'), start, bytes('1'));
    await writer.commit([store]);
    for (const start of [6000, 9000]) store.put(bytes('a'), start, bytes('1'));
    expect(store.expireBefore(9000 - 5000)).toBe(2);
    await writer.commit([store]);

    const target = databases.open('target');
    const restoredStore = openSqliteStore(target, windows);
    await restoreStore({ log, db: target, spec: windows, partition: PARTITION, store: restoredStore });

    expect([...restoredStore.fetchRange(bytes('a'), 0, 10_000)].map(([start]) => start)).toEqual([6000, 9000]);
    expect(windowContents(restoredStore)).toEqual(windowContents(openSqliteStore(source, windows)));
  });

  it('restores nothing when the changelog topic does not exist', async () => {
    const db = databases.open();
    const counts = spec('keyValue', 'counts');
    const result = await restoreStore({ log: new MemoryLog(), db, spec: counts, partition: 0, store: openSqliteStore(db, counts) });
    expect(result).toEqual({ restored: 0, fromOffset: 0, toOffset: 0 });
    expect(db.checkpoint(counts.changelogTopic, 0)).toBeUndefined();
  });

  it('reports progress after each batch, in transactions of about 10,000 rows', async () => {
    const log = new MemoryLog();
    const counts = spec('keyValue', 'counts');
    await log.createTopic(counts.changelogTopic, { partitions: 3 });
    const producer = await log.producer();
    producer.send(Array.from({ length: 25_000 }, (_, key) => ({ topic: counts.changelogTopic, partition: PARTITION, key: bytes(`k${key}`), value: bytes('v') })));

    const db = databases.open();
    const progress: string[] = [];
    const restoredStore = openSqliteStore(db, counts);
    await restoreStore({
      log,
      db,
      spec: counts,
      partition: PARTITION,
      store: restoredStore,
      onProgress: (restored, total) => progress.push(formatRestoreProgress(counts.name, PARTITION, restored, total)),
    });

    expect(progress).toEqual([
      'restoring counts [2]: 5000/25000 records',
      'restoring counts [2]: 10000/25000 records',
      'restoring counts [2]: 15000/25000 records',
      'restoring counts [2]: 20000/25000 records',
      'restoring counts [2]: 25000/25000 records',
    ]);
    expect(restoredStore.approximateCount()).toBe(25_000);
  });

  it('keeps the transactions an interrupted restore committed, with their checkpoint', async () => {
    const log = new MemoryLog();
    const windows = spec('window', 'windows');
    await log.createTopic(windows.changelogTopic, { partitions: 1 });
    const producer = await log.producer();
    const records = Array.from({ length: 15_000 }, (_, start) => ({
      topic: windows.changelogTopic,
      partition: 0,
      key: encodeWindowKey(bytes('a'), start),
      value: bytes('v'),
    }));
    producer.send([...records, { topic: windows.changelogTopic, partition: 0, key: bytes('bad'), value: bytes('v') }]);

    const db = databases.open();
    const restoredStore = openSqliteStore(db, windows);
    const restoring = restoreStore({ log, db, spec: windows, partition: 0, store: restoredStore });

    await expect(restoring).rejects.toThrow(
      "Cannot restore store 'windows': changelog record q1-windows-changelog[0]@15000 has a 3-byte key, too short for a window key",
    );
    expect(db.inTransaction).toBe(false);
    expect(db.checkpoint(windows.changelogTopic, 0)).toBe(10_000);
    expect(restoredStore.approximateCount()).toBe(10_000);
  });

  it('refuses a store that does not match the spec', async () => {
    const db = databases.open();
    const store = openSqliteStore(db, spec('window', 'counts'));
    await expect(restoreStore({ log: new MemoryLog(), db, spec: spec('keyValue', 'counts'), partition: 0, store })).rejects.toThrow(
      "spec keyValue 'counts' does not match store window 'counts'",
    );
  });
});

/** A Log whose only partition starts at `firstOffset`, as one the embedded Kafka has truncated. */
function truncatedLog(firstOffset: number, endOffset: number): { log: Log; closedConsumers: () => number } {
  let closed = 0;
  const unused = (): never => {
    throw new Error('not used by restore');
  };
  const consumer: LogConsumer = {
    subscribe: unused,
    assign: async () => {},
    poll: async () => [],
    seek: unused,
    assignment: unused,
    commit: unused,
    committed: unused,
    endOffsets: async () => [endOffset],
    beginningOffsets: async () => [firstOffset],
    close: async () => {
      closed++;
    },
  };
  const log: Log = {
    createTopic: unused,
    describeTopic: async (name) => ({ name, partitions: 1 }),
    listTopics: unused,
    deleteTopic: unused,
    producer: async (): Promise<LogProducer> => unused(),
    consumer: async () => consumer,
    close: async () => {},
  };
  return { log, closedConsumers: () => closed };
}

describe('restoreStore on a truncated changelog', () => {
  const databases = useTaskDatabases();
  const counts = spec('keyValue', 'counts');

  it('fails when there is no checkpoint and the changelog no longer starts at 0', async () => {
    const { log, closedConsumers } = truncatedLog(500, 1000);
    const db = databases.open();
    const restoring = restoreStore({ log, db, spec: counts, partition: 0, store: openSqliteStore(db, counts) });
    await expect(restoring).rejects.toThrow(ChangelogTruncatedError);
    await expect(restoring).rejects.toThrow(
      'Changelog q1-counts-changelog[0] starts at offset 500, but the store needs it from offset 0: offsets 0-499 were dropped',
    );
    await expect(restoring).rejects.toThrow('the state cannot be restored in full');
    expect(closedConsumers()).toBe(1);
  });

  it('fails when the checkpoint is below the first available offset', async () => {
    const { log } = truncatedLog(500, 1000);
    const db = databases.open();
    db.begin();
    db.setCheckpoint(counts.changelogTopic, 0, 300);
    db.commit();
    const error = await restoreStore({ log, db, spec: counts, partition: 0, store: openSqliteStore(db, counts) }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChangelogTruncatedError);
    expect(error).toMatchObject({ topic: counts.changelogTopic, partition: 0, firstAvailableOffset: 500, expectedOffset: 300 });
  });

  it('restores when the checkpoint is past what was dropped', async () => {
    const { log, closedConsumers } = truncatedLog(500, 1000);
    const db = databases.open();
    db.begin();
    db.setCheckpoint(counts.changelogTopic, 0, 600);
    db.commit();
    const result = await restoreStore({ log, db, spec: counts, partition: 0, store: openSqliteStore(db, counts) });
    expect(result).toEqual({ restored: 0, fromOffset: 600, toOffset: 1000 });
    expect(closedConsumers()).toBe(1);
  });
});
